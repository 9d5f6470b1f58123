/** Pieces several Classic documents share. */
import { ListOf, Ref } from '../template.ts';

export const site = new Ref('sites');
export const category = new Ref('categories', 'No category assigned');

export const criteria = new ListOf('criterion', {
  name: '', priority: 0, and_or: 'and', search_type: 'is', value: '', opening_paren: false, closing_paren: false,
});
