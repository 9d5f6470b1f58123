/** The preflight's mapping over Jamf's real files: the official Classic collection and the 11.30.1 schema. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { needOf, plannedRequests } from '../../src/doctor/requests.ts';
import { loadCollections, parseCollection } from '../../src/load/collection.ts';
import { loadSpec } from '../../src/load/spec.ts';
import { collection, request } from '../helpers/collections.ts';

const jamf = (path: string): string => fileURLToPath(new URL(`../../../shared/jamf/${path}`, import.meta.url));
const classicFile = jamf('postman/classic-api-v10.35.postman_collection.json');
const schemaFile = jamf('openapi/jamf-pro-api-11.30.1.json');
const present = existsSync(classicFile) && existsSync(schemaFile);
if (!present) console.log('skipping doctor real-file tests: ../shared/jamf is absent');

describe.skipIf(!present)('Jamf\'s real files', () => {
  it('the official Classic collection: nearly every request maps to Jamf\'s Create/Read/Update/Delete privileges', async () => {
    const [official] = await loadCollections([classicFile]);
    const planned = plannedRequests([official!], { writes: true, destructive: true });
    const needs = planned.map((r) => needOf(r, undefined, 'no schema'));
    const classic = planned.filter((r) => r.api === 'classic');
    const known = needs.filter((n, i) => planned[i]!.api === 'classic' && n.kind !== 'unknown');
    expect(classic.length).toBeGreaterThan(600);
    expect(known.length / classic.length).toBeGreaterThan(0.85);
    planned.forEach((r, i) => {
      if (r.api === 'classic' && r.method === 'DELETE' && /^\/JSSResource\/buildings\//.test(r.path)) expect(needs[i]).toEqual({ kind: 'any', privileges: ['Delete Buildings'] });
    });
  });

  it('Pro requests take x-required-privileges from the real 11.30.1 schema', async () => {
    const spec = await loadSpec(schemaFile, { kind: 'pro' });
    const c = parseCollection(JSON.stringify(collection('Pro', [
      request('inventory', '{{baseUrl}}/v1/computers-inventory?section=GENERAL'),
      request('groups', '{{baseUrl}}/v1/computer-groups'),
      request('roles', '{{baseUrl}}/v1/api-roles'),
    ])), 'pro.json');
    const needs = plannedRequests([c], { writes: false, destructive: false }).map((r) => needOf(r, spec, ''));
    expect(needs).toEqual([
      { kind: 'listed', privileges: ['Read Computers'] },
      { kind: 'listed', privileges: ['Read Smart Computer Groups', 'Read Static Computer Groups'] },
      { kind: 'listed', privileges: ['Read API Roles'] },
    ]);
  });
});
