/**
 * postman-collection's `PropertyBase#toJSON` and `Property.replaceSubstitutionsIn` by plain
 * loops (hot-path.ts TO_JSON, REPLACE_IN) against the lodash code they stand in for, run from
 * postman-collection's own unpatched files: the same objects, key order and in-place changes
 * for the SDK's objects and for every odd input lodash has rules for (array-likes,
 * prototypes, holes, `__proto__`, `constructor`, String objects, functions with keys…); the
 * inputs they decline are left to lodash.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { REPLACE_IN, TO_JSON } from '../../../src/engine-patches/hot-path.ts';

const require = createRequire(import.meta.url);
const pcRequire = createRequire(require.resolve('postman-collection'));
interface Lodash { cloneDeepWith(v: unknown, f: (v: unknown) => unknown): unknown }
const _ = pcRequire('./lib/util').lodash as Lodash;
interface Sdk {
  PropertyBase: { prototype: { toJSON(this: unknown): unknown } };
  Property: { replaceSubstitutionsIn(obj: unknown, variables: unknown): unknown; replaceSubstitutions(s: unknown, v: unknown): unknown };
  Item: new (d: unknown) => { toJSON(): unknown; request: unknown };
  Request: new (d: unknown) => object;
  Response: new (d: unknown) => object;
  Url: new (d: unknown) => object;
  VariableScope: new (d: unknown) => object;
  VariableList: new (p: unknown, d: unknown) => object;
}
const sdk = require('postman-collection') as Sdk;
const { Substitutor } = pcRequire('./lib/superstring') as { Substitutor: { box(v: unknown, d: unknown): unknown; DEFAULT_VARS: object } };
const toJSON = new Function(`return (${TO_JSON});`)() as (self: unknown, lodash: unknown) => unknown;
const replaceIn = new Function(`return (${REPLACE_IN});`)() as (obj: unknown, variables: unknown, property: unknown, lodash: unknown) => unknown;

it('compares with the files as shipped', () => {
  expect(String(sdk.PropertyBase.prototype.toJSON)).not.toContain('jcToJSON');
  expect(String(sdk.Property.replaceSubstitutionsIn)).not.toContain('jcReplaceIn');
});

describe('PropertyBase#toJSON without lodash', () => {
  const item = new sdk.Item({
    name: 'i',
    request: { method: 'POST', url: 'https://{{host}}/api/v1/x?a=1#f', header: [{ key: 'A', value: 'b' }], body: { mode: 'raw', raw: '{"a":1}' }, auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{t}}' }] } },
    event: [{ listen: 'test', script: { exec: ['pm.test("x", () => {});'] } }],
    response: [{ name: 'r', code: 200, header: [{ key: 'c', value: 'd' }], body: 'ok' }],
    variable: [{ key: 'v', value: 1 }],
  });
  const proto = { inherited: 1 };
  const own = Object.assign(Object.create(proto) as object, { a: 1, b: undefined, c: null, d: false, e: 's', f: new String('S'), g: [1, { h: 2 }], i: new Date(0), j: { toJSON: () => 'J' } });
  const cases: Array<[string, () => unknown]> = [
    ['an Item', () => item],
    ['a Request', () => item.request],
    ['a Response', () => new sdk.Response({ code: 200, status: 'OK', header: [{ key: 'a', value: 'b' }], stream: Buffer.from('x'), responseTime: 3 })],
    ['a Url', () => new sdk.Url('http://u:p@h:1/a/:b?c=d&e#f')],
    ['a VariableScope', () => new sdk.VariableScope({ values: [{ key: 'a', value: 'b', type: 'string' }, { key: 'n', value: 2, type: 'number' }] })],
    ['own and inherited keys, every kind of value', () => own],
    ['a list kept plural', () => ({ items: Object.assign(new sdk.VariableList(null, [{ key: 'a', value: 1 }]), { _postman_proprtyIsSerialisedAsPlural: true }) })],
    ['a numeric length (array-like, declined)', () => ({ length: 2, 0: 'a', 1: 'b', name: 'x' })],
    ['an array (declined)', () => ['a', 'b']],
    ['a prototype (declined)', () => sdk.Url.prototype],
    ['Object.prototype (declined)', () => Object.prototype],
    ['a null-prototype object', () => Object.assign(Object.create(null) as object, { a: 1, lists: [] })],
    ['a string length', () => ({ length: 'long', a: 1 })],
    ['a getter', () => ({ get a() { return 'g'; }, b: 2 })],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      // One object for both: the SDK gives every new object a new id.
      const subject = make();
      const theirs = sdk.PropertyBase.prototype.toJSON.call(subject);
      const mine = toJSON(subject, _);
      if (mine === undefined) {
        expect(name).toMatch(/declined/);
        return;
      }
      expect(name).not.toMatch(/declined/);
      expect(mine).toEqual(theirs);
      expect(JSON.stringify(mine)).toBe(JSON.stringify(theirs));
    });
  }
});

describe('Property.replaceSubstitutionsIn without lodash', () => {
  const variables = (): unknown =>
    Substitutor.box([{ host: 'jamf.example', t: 'tok', n: 7, b: false, nest: 'in{{host}}', a_b: 'AB', empty: '' }, new sdk.VariableList(null, [{ key: 'l', value: 'L' }])], Substitutor.DEFAULT_VARS);
  const hole = ['{{host}}'];
  hole[2] = 'x{{t}}';
  const extra = Object.assign(['{{t}}'], { more: '{{host}}' });
  const fn = Object.assign(() => 1, { k: '{{t}}' });
  const cases: Array<[string, () => unknown]> = [
    ['an item as the engine resolves it', () => new sdk.Item({ id: 'i-1', name: '{{t}}', request: { method: 'GET', url: '{{host}}/api/v1/buildings/1', header: [{ key: 'Authorization', value: 'Bearer {{t}}' }, { key: 'Accept', value: 'application/json' }], auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{t}}' }] } } }).toJSON()],
    ['strings without, with and with unknown variables', () => ({ a: 'plain', b: '{{host}}', c: '{{missing}}', d: '{{', e: '}}{{', f: '', g: '{{n}}-{{b}}', h: '{{nest}}', i: '{{a_b}}{{empty}}' })],
    ['nested objects and arrays', () => ({ a: [{ b: ['{{t}}', 1, null, true, { c: '{{host}}' }] }], d: { e: { f: '{{l}}' } } })],
    ['primitives and empties', () => ({ a: 1, b: null, c: undefined, d: false, e: [], f: {} })],
    ['an array with a hole', () => ({ a: hole })],
    ['an array with an extra key', () => ({ a: extra })],
    ['a String object', () => ({ a: new String('{{t}}'), b: [new String('x{{host}}')] })],
    ['a function with keys', () => ({ a: fn })],
    ['a Date and a Buffer', () => ({ a: new Date(0), b: Buffer.from('{{t}}') })],
    ['a numeric length', () => ({ length: 1, 0: '{{t}}' })],
    ['a null-prototype value', () => ({ a: Object.assign(Object.create(null) as object, { b: '{{t}}' }) })],
    ['a class instance value', () => ({ a: new sdk.Url('{{host}}/x') })],
    ['a constructor key (declined)', () => ({ constructor: { a: '{{t}}' }, b: '{{t}}' })],
    ['a toString key (declined)', () => ({ toString: '{{t}}' })],
    ['a __proto__ key from JSON (declined)', () => JSON.parse('{"__proto__": {"a": "{{t}}"}, "b": "{{t}}"}') as unknown],
    ['an inherited key (declined)', () => Object.create({ a: '{{t}}' }) as unknown],
    ['an array (declined)', () => ['{{t}}']],
    ['a null-prototype object (declined)', () => Object.assign(Object.create(null) as object, { a: '{{t}}' })],
  ];
  const copy = (v: unknown): unknown => _.cloneDeepWith(v, (x) => (typeof x === 'function' || x instanceof String || Buffer.isBuffer(x) || x instanceof sdk.Url ? x : undefined));
  for (const [name, make] of cases) {
    it(name, () => {
      const theirsIn = make();
      const mineIn = make();
      const theirs = sdk.Property.replaceSubstitutionsIn(theirsIn, variables());
      const mine = replaceIn(mineIn, variables(), sdk.Property, _);
      if (mine === undefined) {
        expect(name).toMatch(/declined/);
        return;
      }
      expect(name).not.toMatch(/declined/);
      expect(copy(mine)).toEqual(copy(theirs));
      expect(Object.keys(mine as object)).toEqual(Object.keys(theirs as object));
      // Both change the object given in place, the same way.
      expect(copy(mineIn)).toEqual(copy(theirsIn));
    });
  }
});
