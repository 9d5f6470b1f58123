/**
 * Collections whose lists or texts have the wrong type are refused at load, naming the item
 * and the field (COLLECTION_INVALID, exit 2) — found by putting odd values (null, numbers,
 * strings, arrays, objects) in every field: 100+ of them ended deep inside the run as
 * `error[INTERNAL]: Cannot read properties of undefined` or threw a bare TypeError from the
 * library. Everything Postman exports, newman runs and the project's fixtures hold still loads.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCollection } from '../../../src/load/collection-json.ts';
import { ExitCode, JamfContractError } from '../../../src/errors.ts';
import { repoRoot } from '../../helpers/cli.ts';

const SHARED = resolve(repoRoot, '../shared/jamf/postman');
if (!existsSync(SHARED)) console.warn(`Skipping Jamf's official collections in the shape check: ${SHARED} is absent.`);

const base = (): Record<string, unknown> => ({
  info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [{ name: 'Buildings', item: [{ name: 'list', request: { method: 'GET', url: '{{baseUrl}}/v1/buildings', header: [{ key: 'Accept', value: 'application/json' }] } }] }],
});
const request = (c: Record<string, unknown>): Record<string, unknown> =>
  ((c.item as Array<{ item: Array<{ request: Record<string, unknown> }> }>)[0]!.item[0]!.request);

function refusal(change: (c: Record<string, unknown>) => void): JamfContractError {
  const c = base();
  change(c);
  try {
    parseCollection(JSON.stringify(c), 'odd.json');
  } catch (error) {
    return error as JamfContractError;
  }
  throw new Error('loaded');
}

describe('refused, naming the item and the field', () => {
  const cases: Array<[string, (c: Record<string, unknown>) => void, RegExp]> = [
    ['a header that is a number', (c) => void (request(c).header = [5]), /item "Buildings \/ list": request\.header\[0\] must be object/],
    ['a header without a key', (c) => void (request(c).header = [{ value: 'x' }]), /request\.header\[0\] has no "key"/],
    ['a header key that is a number', (c) => void (request(c).header = [{ key: 5, value: 'x' }]), /request\.header\[0\]\.key must be string/],
    ['a method that is a number', (c) => void (request(c).method = 5), /request\.method must be string/],
    ['a URL that is a number', (c) => void (request(c).url = 5), /request\.url must be string or object/],
    ['a raw URL that is an array', (c) => void (request(c).url = { raw: [] }), /request\.url\.raw must be string/],
    ['a request that is a number', (c) => void ((c.item as Array<{ item: Array<Record<string, unknown>> }>)[0]!.item[0]!.request = 5), /item "Buildings \/ list": request must be string or object/],
    ['a folder whose items are not a list', (c) => void ((c.item as Array<Record<string, unknown>>)[0]!.item = 5), /item "Buildings": item must be array/],
    ['an item that is null', (c) => void ((c.item as unknown[])[0] = null), /item "#1" must be object/],
    ['collection variables that are an object', (c) => void (c.variable = { a: 1 }), /the collection: variable must be array/],
    ['events that are a string', (c) => void (c.event = 'x'), /the collection: event must be array/],
    ['script lines that are numbers', (c) => void (c.event = [{ listen: 'test', script: { exec: [5] } }]), /event\[0\]\.script\.exec/],
    ['auth attributes that are a string', (c) => void (c.auth = { type: 'bearer', bearer: 'x' }), /the collection: auth\.bearer must be array or object/],
  ];
  for (const [what, change, message] of cases) {
    it(what, () => {
      const error = refusal(change);
      expect(error).toBeInstanceOf(JamfContractError);
      expect(error.code).toBe('COLLECTION_INVALID');
      expect(error.exitCode).toBe(ExitCode.badInput);
      expect(error.message).toMatch(/^"odd\.json" is not a collection Postman can run: /);
      expect(error.message).toMatch(message);
    });
  }
});

describe('still loads', () => {
  const fine: Array<[string, (c: Record<string, unknown>) => void]> = [
    ['a header list written as one string (v2.0)', (c) => void (request(c).header = 'Accept: application/json')],
    ['a request written as a URL string', (c) => void ((c.item as Array<{ item: Array<Record<string, unknown>> }>)[0]!.item[0]!.request = '{{baseUrl}}/v1/buildings')],
    ['auth attributes as an object (v2.0)', (c) => void (c.auth = { type: 'bearer', bearer: { token: '{{t}}' } })],
    ['auth: null', (c) => void (c.auth = null)],
    ['header values of any type, disabled headers', (c) => void (request(c).header = [{ key: 'A', value: 5 }, { key: 'B', value: null, disabled: true }])],
    ['a URL object with host and path as strings, a numeric port', (c) => void (request(c).url = { raw: 'https://h:8443/a', host: 'h', path: 'a', port: 8443 })],
    ['no info block (newman runs it)', (c) => void delete c.info],
  ];
  for (const [what, change] of fine) {
    it(what, () => {
      const c = base();
      change(c);
      expect(parseCollection(JSON.stringify(c), 'fine.json').json.item).toHaveLength(1);
    });
  }

  it('every collection in the project and Jamf\'s official ones', () => {
    const dirs = [join(repoRoot, 'collections'), join(repoRoot, 'test/fixtures'), join(repoRoot, 'test/compat/collections'), ...(existsSync(SHARED) ? [SHARED] : [])];
    let loaded = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
        const text = readFileSync(join(dir, name), 'utf8');
        if (!/"item"\s*:/.test(text)) continue;
        try {
          parseCollection(text, name);
          loaded += 1;
        } catch (error) {
          expect((error as JamfContractError).code, `${name}: ${(error as Error).message}`).not.toBe('COLLECTION_INVALID');
        }
      }
    }
    expect(loaded).toBeGreaterThan(20);
  });
});

describe('null lists, as postman-collection reads them (empty)', () => {
  it('headers, query, events, variables and a folder\'s items that are null still load', () => {
    const c = base();
    Object.assign(request(c), { header: null, url: { raw: '{{baseUrl}}/v1/buildings', query: null, variable: null } });
    c.event = null;
    c.variable = null;
    (c.item as Array<Record<string, unknown>>).push({ name: 'empty folder', item: null });
    expect(parseCollection(JSON.stringify(c), 'nulls.json').json.item).toHaveLength(2);
  });
});
