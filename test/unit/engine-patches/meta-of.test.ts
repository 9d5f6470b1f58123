/**
 * postman-collection's meta keys by a plain loop (hot-path.ts META_OF) against the lodash
 * chain it replaces, on every kind of definition: none, own, inherited, several underscores,
 * `_` alone, `__proto__` as JSON gives it, getters, arrays, symbols, the SDK's own objects.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { META_OF } from '../../../src/engine-patches/hot-path.ts';

const require = createRequire(import.meta.url);
// postman-collection's own lodash and its own predicates, as the chain used them.
const pcRequire = createRequire(require.resolve('postman-collection'));
interface Chain { pickBy(f: unknown): Chain; mapKeys(f: unknown): Chain; value(): unknown }
const _ = pcRequire('lodash') as (value: unknown) => Chain;
const sdk = require('postman-collection') as { PropertyBase: { propertyIsMeta(v: unknown, k: string): boolean; propertyUnprefixMeta(v: unknown, k: string): string }; Item: new (d: unknown) => object; VariableScope: new (d: unknown) => object };
const metaOf = new Function(`return (${META_OF});`)() as (src: unknown) => Record<string, unknown>;
const lodashMeta = (src: unknown): Record<string, unknown> =>
  _(src).pickBy(sdk.PropertyBase.propertyIsMeta).mapKeys(sdk.PropertyBase.propertyUnprefixMeta).value() as Record<string, unknown>;

describe('meta keys without lodash', () => {
  const inherited = Object.create({ _postman_propertyRequiresId: true, plain: 1 }) as Record<string, unknown>;
  inherited['_own'] = 'o';
  const withGetter = { get _lazy() { return 'g'; }, name: 'x' };
  const cases: Array<[string, unknown]> = [
    ['none', { name: 'n', request: { url: 'u' } }],
    ['empty', {}],
    ['own', { _postman_id: 'c-1', _exporter_id: '7', name: 'c' }],
    ['underscores', { __a: 1, ___b: 2, _: 3, __: 4, _c_d: 5 }],
    ['a later key wins a clash', { _x: 1, __x: 2 }],
    ['__proto__ from JSON', JSON.parse('{"__proto__": {"polluted": true}, "_keep": 1}')],
    ['inherited', inherited],
    ['getter', withGetter],
    ['symbols', { [Symbol('_s')]: 1, _t: 2 }],
    ['array', Object.assign([1, 2], { _arr: 'a' })],
    ['number', 5],
    ['an Item', new sdk.Item({ name: 'i', _postman_isSubFolder: true })],
    ['a VariableScope', new sdk.VariableScope({ values: [{ key: 'a', value: 'b' }] })],
    ['undefined values', { _u: undefined, _n: null }],
  ];
  for (const [name, src] of cases) {
    it(name, () => {
      const mine = metaOf(src);
      const theirs = lodashMeta(src);
      expect(mine).toEqual(theirs);
      expect(Object.keys(mine)).toEqual(Object.keys(theirs));
      expect(Object.getPrototypeOf(mine)).toBe(Object.prototype);
    });
  }
});
