import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { narrowToUsed, usedOperations } from '../../src/diff/index.ts';
import { pathSegments } from '../../src/diff/used-by.ts';
import { diff, getWith, spec } from './helpers.ts';

describe('pathSegments', () => {
  it.each([
    ['{{baseUrl}}/v1/buildings/:id', ['v1', 'buildings', '*']],
    ['{{url}}/api/v1/buildings/{{buildingId}}?page=0', ['v1', 'buildings', '*']],
    ['https://{{url}}/JSSResource/computers/id/{{id}}', ['computers', 'id', '*']],
    ['https://jamf.example.com/api/v2/mdm/commands', ['v2', 'mdm', 'commands']],
  ])('%s', (given, want) => {
    expect(pathSegments(given)).toEqual(want);
  });
});

describe('--only-used-by', () => {
  it('keeps only operations the collection calls, in every entry and in the summary', async () => {
    const old = spec({ '/v1/a/{id}': getWith({ type: 'string' }), '/v1/b': getWith({ type: 'string' }) });
    const cur = spec({ '/v1/c': getWith({ type: 'string' }) });
    const report = diff(old, cur);
    expect(report.summary.removed).toBe(2);
    const dir = await mkdtemp(join(tmpdir(), 'jc-used-by-'));
    const file = join(dir, 'c.postman_collection.json');
    const collection = {
      info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'folder', item: [{ name: 'get a', request: { method: 'GET', url: { raw: '{{baseUrl}}/v1/a/{{id}}' } } }] }],
    };
    await writeFile(file, JSON.stringify(collection));
    const narrowed = narrowToUsed(report, await usedOperations([file]));
    expect(narrowed.entries.map((e) => e.operations)).toEqual([['GET /v1/a/{id}']]);
    expect(narrowed.summary).toMatchObject({ removed: 1, added: 0 });
    expect(narrowed.usedBy).toEqual({ collections: [file], operations: 1 });
  });

  it('accepts a folder of collections, as the README shows (collections/)', async () => {
    const used = await usedOperations(['collections/']);
    // As `run` reads the folder: the project's collections once each, from their v3 source.
    expect(used.collections.map((f) => relative(process.cwd(), f).replace(/\\/g, '/'))).toEqual(['collections/jamf-classic-api', 'collections/jamf-pro-api']);
    expect(used.calls.length).toBeGreaterThan(10);
    expect(used.calls).toContainEqual({ method: 'GET', segments: ['v1', 'buildings'] });
  });

  it('skips JSON that is not a collection in a folder, and refuses a folder with none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jc-used-by-dir-'));
    await writeFile(join(dir, 'env.postman_environment.json'), JSON.stringify({ name: 'env', values: [] }));
    await expect(usedOperations([dir])).rejects.toMatchObject({ code: 'COLLECTION_EMPTY' });
    await writeFile(join(dir, 'c.postman_collection.json'), JSON.stringify({ info: { name: 'c' }, item: [{ name: 'x', request: { method: 'GET', url: '{{baseUrl}}/v1/x' } }] }));
    expect((await usedOperations([dir])).calls).toEqual([{ method: 'GET', segments: ['v1', 'x'] }]);
  });
});
