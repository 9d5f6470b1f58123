/** `run DIR` finds v2.1 JSON files and v3 collection roots alike. */
import { describe, expect, it } from 'vitest';
import { loadCollections } from '../../../../src/load/collection.ts';
import { collection, request, writeFile } from '../../../helpers/collections.ts';
import { writeTree, y } from '../../../helpers/v3.ts';

const get = (url: string): string => y('$kind: http-request', `url: '${url}'`, 'method: GET');

describe('finding collections in a folder', () => {
  it("Postman v12's layout: every folder under postman/collections/ is a collection, definition or not", async () => {
    const repo = writeTree({
      'postman/collections/Pro API/.resources/definition.yaml': y('$kind: collection', 'name: Pro'),
      'postman/collections/Pro API/Buildings/list.request.yaml': get('{{baseUrl}}/v1/buildings'),
      // A collection whose requests are all in folders, and which has no definition.
      'postman/collections/Classic/buildings/list.request.yaml': get('{{url}}/JSSResource/buildings'),
      'postman/environments/Staging.environment.yaml': y('name: Staging', 'values: []'),
      'postman/globals/workspace.globals.yaml': y('name: Globals', 'values: []'),
    });
    for (const start of [repo, `${repo}/postman`, `${repo}/postman/collections`]) {
      const loaded = await loadCollections([start]);
      expect(loaded.map((c) => [c.name, c.schemaVersion])).toEqual([['Classic', '3.0.0'], ['Pro', '3.0.0']]);
    }
    // Named on its own, the collection without a definition is still one collection, not one per folder.
    const classic = await loadCollections([`${repo}/postman/collections/Classic`]);
    expect(classic.map((c) => [c.name, c.json.item.map((i) => i.name)])).toEqual([['Classic', ['buildings']]]);
  });

  it('a mix: JSON collections beside v3 folders; a collection found in both formats runs once, from v3, with a notice', async () => {
    const dir = writeTree({
      'pro/.resources/definition.yaml': y('$kind: collection', 'name: Pro suite'),
      'pro/one.request.yaml': get('{{baseUrl}}/v1/one'),
      'nested/deeper/classic/.resources/definition.yaml': y('$kind: collection', 'name: Classic suite'),
      'nested/deeper/classic/one.request.yaml': get('{{url}}/JSSResource/one'),
    });
    writeFile(dir, 'pro.postman_collection.json', collection('Pro suite', [request('one', '{{baseUrl}}/v1/one')]));
    writeFile(dir, 'other.postman_collection.json', collection('Other', [request('x', '{{baseUrl}}/v1/x')]));
    const loaded = await loadCollections([dir]);
    expect(loaded.map((c) => [c.name, c.schemaVersion])).toEqual([['Other', '2.1.0'], ['Classic suite', '3.0.0'], ['Pro suite', '3.0.0']]);
    expect(loaded[2]?.notices).toEqual([expect.objectContaining({ level: 'info', code: 'SAME_COLLECTION_TWICE' })]);
  });

  it('named explicitly, both formats run (the user asked for both)', async () => {
    const dir = writeTree({ 'pro/one.request.yaml': get('{{baseUrl}}/v1/one') });
    const json = writeFile(dir, 'pro.postman_collection.json', collection('pro', [request('one', '{{baseUrl}}/v1/one')]));
    expect((await loadCollections([`${dir}/pro`, json])).map((c) => c.schemaVersion)).toEqual(['3.0.0', '2.1.0']);
  });

  it('a definition.yaml names its collection; other YAML files are refused with what to do', async () => {
    const dir = writeTree({
      'c/.resources/definition.yaml': y('$kind: collection', 'name: C'),
      'c/r.request.yaml': get('https://x/r'),
      'Staging.environment.yaml': y('name: S', 'values: []'),
    });
    expect((await loadCollections([`${dir}/c/.resources/definition.yaml`]))[0]?.name).toBe('C');
    await expect(loadCollections([`${dir}/c/r.request.yaml`])).rejects.toMatchObject({ code: 'COLLECTION_NOT_POSTMAN', message: expect.stringContaining("collection's folder") });
    await expect(loadCollections([`${dir}/Staging.environment.yaml`])).rejects.toMatchObject({ code: 'COLLECTION_NOT_POSTMAN', message: expect.stringContaining('--env') });
  });
});

describe('other JSON beside collections', () => {
  it('data files and environments in a collections folder are not collections; a bare {item: […]} is', async () => {
    const dir = writeTree({});
    writeFile(dir, 'ids.json', [{ item: 1 }, { item: 2 }]);
    writeFile(dir, 'settings.json', { item: 'not a list' });
    writeFile(dir, 'env.json', { name: 'E', values: [], _postman_variable_scope: 'environment' });
    writeFile(dir, 'bare.json', { item: [request('one', '{{url}}/JSSResource/one')] });
    expect((await loadCollections([dir])).map((c) => c.name)).toEqual(['bare']);
  });
});
