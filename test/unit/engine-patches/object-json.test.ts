/**
 * postman-collection's `toJSON` without lodash's iteration (src/engine-patches/object-json.ts)
 * against the shipped one, on every object of real collections (the project's own, and
 * Jamf's official Classic collection when ../shared is there) and on the objects a run sends
 * to the sandbox and back — and on what lodash walks differently (an object with a `length`,
 * a prototype), String objects, functions, a `toJSON` that lodash does not call a function.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLE_OBJECT_JSON, OBJECT_JSON, PROPERTY_JSON } from '../../../src/engine-patches/object-json.ts';
import { resolvePatched } from '../../../src/engine-patches/patch.ts';

const require = createRequire(import.meta.url);
type Json = { toJSON(): unknown };
type Ctor = new (...args: unknown[]) => Json & Record<string, unknown>;
const sdk = require('postman-collection') as Record<'Collection' | 'VariableScope' | 'Request' | 'Response' | 'CookieList' | 'Cookie' | 'Property', Ctor>;
const lodash = (require('postman-collection/lib/util') as { lodash: unknown }).lodash;
const { PropertyBase } = require('postman-collection/lib/collection/property-base') as { PropertyBase: { prototype: { toJSON(): unknown } } };
const shipped = PropertyBase.prototype.toJSON;
// The change's own function text, compiled as the engine compiles it.
const fast = new Function(`return (${PROPERTY_JSON})`)() as (self: unknown, _: unknown) => unknown;
function changed(this: unknown): unknown {
  const json = fast(this, lodash);
  return json === undefined ? shipped.call(this) : json;
}

/** `toJSON` of each object with the shipped function, then with the change in its place (all the way down). */
function both(objects: Json[]): { before: unknown[]; after: unknown[] } {
  const before = objects.map((o) => o.toJSON());
  PropertyBase.prototype.toJSON = changed;
  try {
    return { before, after: objects.map((o) => o.toJSON()) };
  } finally {
    PropertyBase.prototype.toJSON = shipped;
  }
}

const file = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const official = file('../../../../shared/jamf/postman/classic-api-v10.35.postman_collection.json');

describe('toJSON without lodash', () => {
  it('the change finds its code in the installed engine and its bundle', () => {
    for (const patch of OBJECT_JSON) expect(readFileSync(resolvePatched(patch)!, 'utf8')).toContain(patch.from);
    const bundle = JSON.parse(/c\(null,("[\s\S]*")\)/.exec(readFileSync(require.resolve('postman-sandbox/.cache/bootcode.js'), 'utf8'))![1]!) as string;
    for (const change of BUNDLE_OBJECT_JSON) expect(bundle.split(change.from).length).toBe(2);
  });

  it('gives what the shipped toJSON gives for whole collections', () => {
    const files = [file('../../../collections/jamf-classic-api.postman_collection.json'), file('../../../collections/jamf-pro-api.postman_collection.json')];
    if (existsSync(official)) files.push(official);
    else console.log('object-json: ../shared/jamf is absent; checking the project\'s collections only');
    const collections = files.map((f) => new sdk.Collection(JSON.parse(readFileSync(f, 'utf8'))));
    const { before, after } = both(collections);
    expect(after).toStrictEqual(before);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  });

  it('gives what the shipped toJSON gives for what a run sends to its scripts and back', () => {
    const scope = new sdk.VariableScope({ values: [{ key: 'baseUrl', value: 'http://127.0.0.1/api' }, { key: 'n', value: 5, type: 'number' }, { key: 'off', value: 'x', disabled: true }] });
    const tracked = scope as unknown as { enableTracking(o: object): void; set(k: string, v: unknown, t: string): void; unset(k: string): void };
    tracked.enableTracking({ autoCompact: true });
    tracked.set('token', 'abc', 'string');
    tracked.unset('n');
    const request = new sdk.Request({
      url: 'https://jamf.example/api/v1/buildings/{{id}}?page=0&x',
      method: 'POST',
      header: [{ key: 'Accept', value: 'application/json' }, { key: 'X-Off', value: '1', disabled: true }],
      body: { mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } },
      auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] },
    });
    const response = new sdk.Response({ code: 201, status: 'Created', header: [{ key: 'Content-Type', value: 'application/json' }], stream: Buffer.from('{"id":"1"}'), responseTime: 7 });
    const cookies = new sdk.CookieList(null, [new sdk.Cookie({ name: 'APBALANCEID', value: 'aws.usw2', domain: 'jamf.example', path: '/' })]);
    const { before, after } = both([scope, request, response, cookies, new sdk.VariableScope({})]);
    expect(after).toStrictEqual(before);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  });

  it('leaves to lodash what lodash walks otherwise, and keeps its answers for odd values', () => {
    const odd = new sdk.Property({ description: 'odd' }) as unknown as Record<string, unknown> & { toJSON(): unknown };
    odd.wrapped = Object('text');
    odd.fn = function named() { /* a function value */ };
    odd.dated = new Date(0);
    odd.nothing = undefined;
    odd.nil = null;
    odd.count = 0;
    odd.flag = false;
    odd.list = ['a', 1, { b: [true] }];
    odd.notCalled = { toJSON: async function* gen() { /* lodash: not a function */ } };
    const listLike = new sdk.Property({}) as unknown as Record<string, unknown> & { toJSON(): unknown };
    listLike.length = 2;
    listLike[0] = 'a';
    listLike[1] = 'b';
    const prototype = Object.create(PropertyBase.prototype) as Record<string, unknown> & { toJSON(): unknown };
    prototype.constructor = function Shape() { /* its prototype is the object itself */ };
    (prototype.constructor as { prototype: unknown }).prototype = prototype;
    prototype.own = 'kept';
    expect(fast(listLike, lodash)).toBeUndefined();
    expect(fast(prototype, lodash)).toBeUndefined();
    const { before, after } = both([odd, listLike, prototype]);
    expect(after).toStrictEqual(before);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    expect((after[1] as Record<string, unknown>)[0]).toBe('a');
    // A String object is kept as it is (lodash's isString), not copied.
    expect((after[0] as Record<string, unknown>).wrapped).toBe(odd.wrapped);
  });
});
