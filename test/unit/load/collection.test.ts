import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCollections, parseCollection } from '../../../src/load/collection.ts';
import { collection, request, SCHEMA_V20, tempDir, writeFile } from '../../helpers/collections.ts';

const good = collection('Good', [request('a', '{{baseUrl}}/v1/a')]);

describe('parseCollection', () => {
  const table: Array<{ name: string; text: string; code: string | undefined }> = [
    { name: 'v2.1', text: JSON.stringify(good), code: undefined },
    { name: 'v2.0', text: JSON.stringify({ ...good, info: { ...good.info, schema: SCHEMA_V20 } }), code: undefined },
    { name: 'not JSON', text: '{"info": ', code: 'COLLECTION_PARSE' },
    { name: 'HTML', text: '<html><body>Login</body></html>', code: 'COLLECTION_PARSE' },
    { name: 'empty file', text: '', code: 'COLLECTION_PARSE' },
    { name: 'a JSON array', text: '[]', code: 'COLLECTION_NOT_POSTMAN' },
    { name: 'a JSON string', text: '"x"', code: 'COLLECTION_NOT_POSTMAN' },
    { name: 'an OpenAPI document', text: JSON.stringify({ openapi: '3.0.1', paths: {} }), code: 'COLLECTION_NOT_POSTMAN' },
    {
      name: 'an environment file',
      text: JSON.stringify({ id: 'e', name: 'Staging', values: [{ key: 'url', value: 'https://x' }], _postman_variable_scope: 'environment' }),
      code: 'COLLECTION_NOT_POSTMAN',
    },
    { name: 'a v1 collection', text: JSON.stringify({ id: 'x', name: 'old', order: [], requests: [{ url: 'https://x' }] }), code: 'COLLECTION_VERSION' },
    { name: 'an unknown schema', text: JSON.stringify({ ...good, info: { ...good.info, schema: 'https://schema.getpostman.com/json/collection/v3.0.0/collection.json' } }), code: 'COLLECTION_VERSION' },
    { name: 'no schema', text: JSON.stringify({ ...good, info: { name: 'x' } }), code: 'COLLECTION_VERSION' },
    { name: 'no requests', text: JSON.stringify(collection('Empty', [])), code: 'COLLECTION_EMPTY' },
    { name: 'only empty folders', text: JSON.stringify(collection('Folders', [{ name: 'f', item: [{ name: 'g', item: [] }] }])), code: 'COLLECTION_EMPTY' },
  ];
  for (const { name, text, code } of table) {
    it(`${name} → ${code ?? 'ok'}`, () => {
      if (code === undefined) {
        expect(parseCollection(text, 'c.json').name).toBe('Good');
        return;
      }
      let caught: unknown;
      try {
        parseCollection(text, '/path/to/c.json');
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code, exitCode: 2 });
      // The message names the file.
      expect((caught as Error).message).toContain('/path/to/c.json');
    });
  }

  it('reports the version it read', () => {
    expect(parseCollection(JSON.stringify({ ...good, info: { ...good.info, schema: SCHEMA_V20 } }), 'x').schemaVersion).toBe('2.0.0');
  });
});

describe('loadCollections', () => {
  const dir = tempDir();
  const folderOf = join(dir, 'many');
  mkdirSync(folderOf);
  writeFile(folderOf, 'b.postman_collection.json', collection('B', [request('b', '{{url}}/JSSResource/b')]));
  writeFile(folderOf, 'a.postman_collection.json', collection('A', [request('a', '{{url}}/JSSResource/a')]));
  writeFile(folderOf, 'staging.postman_environment.json', { name: 'Staging', values: [], _postman_variable_scope: 'environment' });
  writeFile(folderOf, 'notes.txt', 'not json');
  const emptyDir = join(dir, 'empty');
  mkdirSync(emptyDir);
  writeFile(emptyDir, 'env.json', { name: 'e', values: [] });

  it('loads every collection of a folder, in name order, ignoring environments and other files', async () => {
    const loaded = await loadCollections([folderOf]);
    expect(loaded.map((c) => c.name)).toEqual(['A', 'B']);
  });

  it('loads files and folders together', async () => {
    const file = writeFile(dir, 'single.json', good);
    expect((await loadCollections([file, folderOf])).map((c) => c.name)).toEqual(['Good', 'A', 'B']);
  });

  it('refuses a folder without collections (COLLECTION_EMPTY)', async () => {
    await expect(loadCollections([emptyDir])).rejects.toMatchObject({ code: 'COLLECTION_EMPTY' });
  });

  it('refuses a missing path (COLLECTION_READ)', async () => {
    await expect(loadCollections([join(dir, 'nope.json')])).rejects.toMatchObject({ code: 'COLLECTION_READ', message: expect.stringContaining('nope.json') });
  });

  it('refuses a broken collection inside a folder, naming the file', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    writeFile(broken, 'x.json', '{"info":{"schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [');
    await expect(loadCollections([broken])).rejects.toMatchObject({ code: 'COLLECTION_PARSE', message: expect.stringContaining('x.json') });
  });
});
