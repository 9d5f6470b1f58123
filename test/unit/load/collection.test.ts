import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCollections, parseCollection } from '../../../src/load/collection.ts';
import { collection, request, SCHEMA_V20, tempDir, writeFile } from '../../helpers/collections.ts';
import { encode } from '../../helpers/encodings.ts';

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
    { name: 'an unknown schema', text: JSON.stringify({ ...good, info: { ...good.info, schema: 'https://schema.getpostman.com/json/collection/v3.0.0/collection.json' } }), code: 'COLLECTION_VERSION' },
    { name: 'a v1 collection with no requests', text: JSON.stringify({ id: 'x', name: 'old', order: ['r'], requests: [] }), code: 'COLLECTION_EMPTY' },
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

  it('as newman: no schema is v2.1; no info at all takes the name from the file; the API wrapper is unwrapped', () => {
    expect(parseCollection(JSON.stringify({ ...good, info: { name: 'Good' } }), 'c.json')).toMatchObject({ name: 'Good', schemaVersion: '2.1.0' });
    const bare = parseCollection(JSON.stringify({ item: good.item }), '/x/My Suite.postman_collection.json');
    expect(bare).toMatchObject({ name: 'My Suite', schemaVersion: '2.1.0' });
    expect(bare.json.info.name).toBe('My Suite');
    expect(parseCollection(JSON.stringify({ collection: good }), 'c.json').name).toBe('Good');
  });

  it('a v1 collection is converted by Postman\'s transformer', () => {
    const v1 = { id: 'old', name: 'Old', order: ['r1', 'r2'], requests: [
      { id: 'r2', name: 'second', url: 'https://jamf.example/JSSResource/b', method: 'GET' },
      { id: 'r1', name: 'first', url: 'https://jamf.example/JSSResource/a', method: 'GET', tests: "tests['ok'] = responseCode.code === 200;" },
    ] };
    const c = parseCollection(JSON.stringify(v1), 'v1.json');
    expect(c.schemaVersion).toBe('1.0.0');
    expect(c.name).toBe('Old');
    expect(c.json.item.map((i) => i.name)).toEqual(['first', 'second']);
    expect(c.json.item[0]?.event?.[0]?.listen).toBe('test');
  });

  it('a byte order mark is not part of the JSON', () => {
    expect(parseCollection(`\uFEFF${JSON.stringify(good)}`, 'c.json').name).toBe('Good');
  });

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

  it('reads UTF-16 collection files (PowerShell writes them)', async () => {
    for (const enc of ['utf-16le-bom', 'utf-16be-bom', 'utf-8-bom'] as const) {
      const file = join(dir, `${enc}.json`);
      writeFileSync(file, encode(JSON.stringify(good), enc));
      expect((await loadCollections([file]))[0]?.name).toBe('Good');
    }
  });

  it('refuses a broken collection inside a folder, naming the file', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    writeFile(broken, 'x.json', '{"info":{"schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [');
    await expect(loadCollections([broken])).rejects.toMatchObject({ code: 'COLLECTION_PARSE', message: expect.stringContaining('x.json') });
  });
});
