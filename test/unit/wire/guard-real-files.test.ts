/**
 * The guard's table against Jamf's own operations (read in place from ../shared/jamf): every
 * read is a read, every deletion and device command of the Jamf Pro API and of the official
 * Classic collection is destructive unless the table names it recoverable.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { walkItems, type PostmanCollection } from '../../../src/load/postman-types.ts';
import { methodOf, rawUrl } from '../../../src/resolve/url-text.ts';
import { classifyRequest } from '../../../src/wire/guard/index.ts';

const shared = new URL('../../../../shared/jamf/', import.meta.url);
const schemas = ['openapi/jamf-pro-api-11.29.1.json', 'openapi/jamf-pro-api-11.30.1.json'].map((f) => new URL(f, shared));
const official = new URL('postman/classic-api-v10.35.postman_collection.json', shared);
const present = [...schemas, official].every((f) => existsSync(f));
if (!present) console.warn('Skipping the guard table checks over Jamf\'s files: ../shared/jamf is absent.');

interface Operation {
  method: string;
  path: string;
  summary: string;
}

function operations(file: URL): Operation[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, { summary?: string }>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => method !== 'parameters')
      .map(([method, op]) => ({ method: method.toUpperCase(), path, summary: op.summary ?? '' })),
  );
}

const asSent = (op: Operation): string => `https://jamf.example/api${op.path.replace(/\{[^}]+\}/g, '7')}`;
const RECOVERABLE = /^\/v\d+\/(buildings|departments|categories|advanced-mobile-device-searches|advanced-user-content-searches|dock-items|notifications|user\/preferences|self-service\/branding\/(ios|macos))(\/|$)|\/dashboard$/;
const DESTRUCTIVE_WORDS = /\b(erase|unmanage|remove.*mdm profile|redeploy|mdm command|blank push|laps password|log flushing|client credentials|disown|revoke|reclaim|disable sso|invalidate|software update|renew mdm)/i;

describe.skipIf(!present)('the guard over the Jamf Pro API schema', () => {
  for (const file of schemas) {
    const ops = present ? operations(file) : [];
    const name = file.pathname.split('/').pop();
    it(`${name}: every GET is a read`, () => {
      const notRead = ops.filter((op) => op.method === 'GET' && classifyRequest({ method: 'GET', url: asSent(op) }).class !== 'read');
      expect(notRead).toEqual([]);
    });
    it(`${name}: the POSTs that only read (exports, validations) are reads; every other POST is not`, () => {
      const posts = ops.filter((op) => op.method === 'POST');
      const reads = posts.filter((op) => classifyRequest({ method: 'POST', url: asSent(op) }).class === 'read');
      expect(reads.length).toBeGreaterThanOrEqual(10);
      for (const op of reads) expect(op.summary, op.path).toMatch(/^(Export|Validate)/);
      for (const op of posts.filter((o) => /^Export .*(collection|history|records|sessions)/i.test(o.summary))) {
        expect(classifyRequest({ method: 'POST', url: asSent(op) }).class, op.path).toBe('read');
      }
    });
    it(`${name}: every DELETE is destructive unless it deletes recoverable reference data`, () => {
      const wrong = ops
        .filter((op) => op.method === 'DELETE')
        .filter((op) => classifyRequest({ method: 'DELETE', url: asSent(op) }).class !== (RECOVERABLE.test(op.path) ? 'write' : 'destructive'));
      expect(wrong).toEqual([]);
    });
    it(`${name}: device commands, flushes, rotations and revocations are destructive`, () => {
      const named = ops.filter((op) => op.method !== 'GET' && DESTRUCTIVE_WORDS.test(op.summary) && !/history|notes?$/i.test(op.summary));
      expect(named.length).toBeGreaterThan(20);
      const missed = named.filter((op) => classifyRequest({ method: op.method, url: asSent(op) }).class !== 'destructive');
      expect(missed).toEqual([]);
    });
  }
});

describe.skipIf(!present)("the guard over Jamf's official Classic collection", () => {
  const collection = present ? (JSON.parse(readFileSync(official, 'utf8')) as PostmanCollection) : undefined;
  const requests = collection
    ? [...walkItems(collection.item)].map(({ item }) => ({ method: methodOf(item.request), url: rawUrl(item.request).replace('{{url}}', 'https://jamf.example') }))
    : [];
  const kindOf = (r: { method: string; url: string }): string => classifyRequest(r).class;
  const resource = (url: string): string => /\/JSSResource\/([^/]+)/i.exec(url)?.[1]?.toLowerCase() ?? '';

  it('GETs are reads; every other request is held back in a read-only run (312 of 617)', () => {
    expect(requests).toHaveLength(617);
    for (const r of requests.filter((x) => x.method === 'GET')) expect(kindOf(r), r.url).toBe('read');
    expect(requests.filter((r) => kindOf(r) !== 'read')).toHaveLength(312);
  });

  it('device commands and flushes are destructive', () => {
    const commands = requests.filter((r) => r.method !== 'GET' && ['computercommands', 'mobiledevicecommands', 'commandflush', 'logflush'].includes(resource(r.url)));
    expect(commands.length).toBeGreaterThanOrEqual(15);
    for (const r of commands) expect(kindOf(r), `${r.method} ${r.url}`).toBe('destructive');
  });

  it('deleting devices, people, groups, accounts, profiles, apps, policies and volume purchasing is destructive; reference data is a write', () => {
    const deletes = requests.filter((r) => r.method === 'DELETE');
    const reference = new Set(['buildings', 'departments', 'categories', 'advancedcomputersearches', 'advancedmobiledevicesearches', 'advancedusersearches', 'dockitems']);
    for (const r of deletes) expect(kindOf(r), r.url).toBe(reference.has(resource(r.url)) ? 'write' : 'destructive');
    for (const kind of ['computers', 'mobiledevices', 'users', 'accounts', 'usergroups', 'computergroups', 'mobiledevicegroups', 'osxconfigurationprofiles', 'mobiledeviceconfigurationprofiles', 'vppaccounts', 'vppassignments', 'vppinvitations', 'policies', 'macapplications', 'mobiledeviceapplications']) {
      expect(deletes.some((r) => resource(r.url) === kind), kind).toBe(true);
    }
  });
});
