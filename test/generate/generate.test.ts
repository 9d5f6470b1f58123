/** `generateCollection` over a small document: what the collection holds, in what order, and what it leaves open. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCollection, type GenerateInput } from '../../src/generate/index.ts';
import { collectionJson, writeCollection } from '../../src/generate/write.ts';
import { parseCollection } from '../../src/load/collection.ts';
import { walkItems, type PostmanCollection, type PostmanItem } from '../../src/load/postman-types.ts';
import { loadV3Collection } from '../../src/load/v3/index.ts';
import { generatorFixture, getOperations } from './fixture.ts';

const generate = (extra: Partial<GenerateInput> = {}) => generateCollection({ document: generatorFixture(), ...extra });

function requests(collection: PostmanCollection): Array<{ item: PostmanItem; folders: string[] }> {
  return [...walkItems(collection.item)];
}
function urlOf(collection: PostmanCollection, name: string): string {
  const found = requests(collection).find((r) => r.item.name === name);
  const url = typeof found?.item.request === 'object' ? found.item.request.url : undefined;
  return typeof url === 'object' ? (url.raw ?? '') : String(url);
}
function scriptOf(collection: PostmanCollection, name: string, listen: 'test' | 'prerequest' = 'test'): string {
  const found = requests(collection).find((r) => r.item.name === name);
  return (found?.item.event?.find((e) => e.listen === listen)?.script?.exec as string[] | undefined)?.join('\n') ?? '';
}

describe('generateCollection', () => {
  it('has one request per GET operation, or says why it left one out', () => {
    const { collection, summary } = generate();
    const names = requests(collection).map((r) => r.item.name!).sort();
    const leftOut = summary.leftOut.map((l) => l.operation);
    expect([...names, ...leftOut].sort()).toEqual(getOperations(generatorFixture()));
    expect(leftOut).toEqual(['GET /v2/local-admin-password/{clientManagementId}/account/{username}/password']);
    expect(summary).toMatchObject({ operations: 22, requests: 21, deprecated: 1 });
  });

  it('chains details, nested lists and Jamf\'s -detail twins to their lists', () => {
    const { collection } = generate();
    expect(urlOf(collection, 'GET /v1/widgets')).toBe('{{baseUrl}}/v1/widgets?page-size=5');
    expect(urlOf(collection, 'GET /v1/widgets/{id}')).toBe('{{baseUrl}}/v1/widgets/{{v1.widgets.id}}');
    expect(urlOf(collection, 'GET /v1/widgets/{id}/history/{noteId}')).toBe('{{baseUrl}}/v1/widgets/{{v1.widgets.id}}/history/{{v1.widgets.history.noteId}}');
    expect(urlOf(collection, 'GET /v1/gadgets-detail/{id}')).toBe('{{baseUrl}}/v1/gadgets-detail/{{v1.gadgets.gadgetUuid}}');
    expect(urlOf(collection, 'GET /v1/kinds/{kind}/defaults')).toBe('{{baseUrl}}/v1/kinds/LARGE/defaults');
    expect(scriptOf(collection, 'GET /v1/widgets')).toContain('pm.collectionVariables.set(\'v1.widgets.id\', String(first.id))');
    expect(scriptOf(collection, 'GET /v1/widgets/{id}/history')).toContain('pm.collectionVariables.set(\'v1.widgets.history.noteId\'');
    expect(scriptOf(collection, 'GET /v1/gadgets')).toContain('var first = pm.response.json()[0];');
    // A list no detail chains from publishes nothing.
    expect(scriptOf(collection, 'GET /v2/things')).not.toContain('collectionVariables');
    // A detail is not sent without its id (newman too); a list needs no guard.
    expect(scriptOf(collection, 'GET /v1/widgets/{id}/history/{noteId}', 'prerequest')).toContain("['v1.widgets.id', 'v1.widgets.history.noteId']");
    expect(scriptOf(collection, 'GET /v1/widgets', 'prerequest')).toBe('');
  });

  it('lists what needs a value, with why, and never fills a placeholder', () => {
    const { collection, summary } = generate();
    const needs = Object.fromEntries(summary.needsValue.map((n) => [n.operation, n.needs.map((v) => `${v.variable}: ${v.why}`)]));
    expect(needs).toEqual({
      'GET /v1/devices/{clientManagementId}/status': ['v1.devices.clientManagementId: no list to chain from'],
      'GET /v1/orphans/{id}': ['v1.orphans.id: no list to chain from'],
      'GET /v1/search': ['v1.search.criteria: required query parameter "criteria" has no example, enum or default'],
    });
    expect(collection.variable?.map((v) => v.key)).toEqual(['baseUrl']);
  });

  it('takes --var values by variable name or bare parameter name, and names the ones nothing used', () => {
    const { collection, summary } = generate({ vars: { 'v1.orphans.id': '7', clientManagementId: 'abc', criteria: 'x', nothing: '1' } });
    expect(summary.needsValue).toEqual([]);
    expect(summary.unusedVars).toEqual(['nothing']);
    expect(collection.variable).toEqual([
      { key: 'baseUrl', value: 'https://yourserver.jamfcloud.com/api' },
      { key: 'v1.devices.clientManagementId', value: 'abc' },
      { key: 'v1.orphans.id', value: '7' },
      { key: 'v1.search.criteria', value: 'x' },
    ]);
  });

  it('puts deprecated operations in their own folder naming the replacement, and runs a list before what chains from it', () => {
    const { collection } = generate();
    const top = collection.item.map((f) => f.name);
    expect(top.indexOf('Deprecated')).toBeLessThan(top.indexOf('things'));
    expect(top.slice(0, 3)).toEqual(['both', 'devices', 'either']);
    const deprecated = requests(collection).find((r) => r.item.name === 'GET /v1/things')!;
    expect(deprecated.folders).toEqual(['Deprecated', 'things']);
    const request = deprecated.item.request as { description?: string };
    expect(request.description).toContain('Deprecated since 2025-01-01; use GET /v2/things instead.');
    const order = requests(collection).map((r) => r.item.name);
    expect(order.indexOf('GET /v1/things')).toBeLessThan(order.indexOf('GET /v1/things/{id}'));
  });

  it('says so when folders depend on each other both ways and a list runs after its detail', () => {
    const list = (tag: string): Record<string, unknown> => ({ get: { tags: [tag], responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } } } } } } } });
    const detail = (tag: string): Record<string, unknown> => ({ get: { tags: [tag], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'ok' } } } });
    const document = { openapi: '3.0.1', info: { title: 't', version: 'production' }, paths: { '/v1/a': list('A'), '/v1/a/{id}': detail('B'), '/v1/b': list('B'), '/v1/b/{id}': detail('A') } };
    const { collection, summary } = generateCollection({ document });
    expect(collection.item.map((f) => f.name)).toEqual(['A', 'B']);
    expect(summary.needsValue).toEqual([{ operation: 'GET /v1/b/{id}', needs: [{ variable: 'v1.b.id', why: 'its list, GET /v1/b, runs after it' }] }]);
  });

  it('keeps deprecated operations in place, or leaves them out', () => {
    expect(requests(generate({ deprecated: 'in-place' }).collection).find((r) => r.item.name === 'GET /v1/things')!.folders).toEqual(['things']);
    const { collection, summary } = generate({ deprecated: 'exclude' });
    expect(requests(collection).some((r) => r.item.name === 'GET /v1/things')).toBe(false);
    expect(summary.leftOut.find((l) => l.operation === 'GET /v1/things')?.reason).toBe('deprecated');
    // Its detail is kept, and needs a value: its list is gone.
    expect(summary.needsValue.find((n) => n.operation === 'GET /v1/things/{id}')?.needs[0]?.why).toMatch(/its list, GET \/v1\/things, is left out/);
  });

  it('leaves out what the grants cannot read, and says whose grants', () => {
    const grants = { label: 'API client "qa"', privileges: new Set(['Read widgets', 'Read Smart Groups']) };
    const { collection, summary } = generate({ grants });
    const names = requests(collection).map((r) => r.item.name);
    expect(names).toContain('GET /v1/widgets/{id}/history/{noteId}');
    expect(names).toContain('GET /v1/either');
    expect(names).toContain('GET /v1/health');
    expect(names).not.toContain('GET /v1/gadgets');
    expect(summary.privilegesOf).toBe('API client "qa"');
    expect(summary.leftOut.find((l) => l.operation === 'GET /v1/both')?.detail).toBe('needs Read Widgets and Update Widgets, not held by API client "qa"');
    // Its -detail twin needs the same privilege, and is left out with it.
    expect(summary.leftOut.some((l) => l.operation === 'GET /v1/gadgets-detail/{id}')).toBe(true);
  });

  it('is byte-identical for the same input, and an ordinary v2.1 collection', () => {
    const a = collectionJson(generate().collection);
    expect(collectionJson(generate().collection)).toBe(a);
    const parsed = parseCollection(a, 'generated.json');
    expect(parsed.schemaVersion).toBe('2.1.0');
    const ids = requests(generate().collection).map((r) => r.item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes the v3 folder Postman v12 keeps in git, which reads back as the same requests', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'jc-gen-')), 'suite');
    const { collection } = generate();
    const written = await writeCollection(collection, 'v3', dir);
    expect(written.some((f) => f.endsWith('.request.yaml'))).toBe(true);
    const back = (await loadV3Collection(dir)).collection;
    const shape = (c: PostmanCollection) => requests(c).map((r) => [r.folders.join('/'), r.item.name, urlOf(c, r.item.name!), scriptOf(c, r.item.name!)]);
    expect(shape(back)).toEqual(shape(collection));
  });
});
