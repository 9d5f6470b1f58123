/** The `/subset/General&Location` forms. */
import type { Fields } from './document.ts';
import type { ClassicResource } from './resource.ts';

export function subsetKey(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

/** Keeps the named top-level sections in Jamf's order; unknown subset names are ignored. */
export function selectSubsets(resource: ClassicResource, detail: Fields, subsets: readonly string[]): Fields {
  const wanted = new Set(subsets.map((subset) => resource.subsets?.[subsetKey(subset)]).filter((key) => key !== undefined));
  return Object.fromEntries(Object.entries(detail).filter(([key]) => wanted.has(key)));
}
