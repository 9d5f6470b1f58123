import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEnvironment, loadGlobals, parseEnvironment, parseScopeFile } from '../../../src/load/environment.ts';
import { collection, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { encode } from '../../helpers/encodings.ts';

describe('parseEnvironment', () => {
  it('keeps enabled values as strings and remembers secret keys', () => {
    const env = parseEnvironment(
      JSON.stringify({
        name: 'Staging',
        _postman_variable_scope: 'environment',
        values: [
          { key: 'url', value: 'https://staging.example', enabled: true },
          { key: 'id', value: 7 },
          { key: 'off', value: 'x', enabled: false },
          { key: 'alsoOff', value: 'y', disabled: true },
          { key: 'empty', value: null },
          { key: 'clientSecret', value: 's3cr3t-value', type: 'secret' },
        ],
      }),
      'env.json',
    );
    expect(env).toEqual({
      file: 'env.json',
      name: 'Staging',
      values: { url: 'https://staging.example', id: '7', empty: '', clientSecret: 's3cr3t-value' },
      typed: { url: 'https://staging.example', id: 7, empty: null, clientSecret: 's3cr3t-value' },
      secretKeys: ['clientSecret'],
    });
  });

  it('keeps the types the file gave, as newman does (numbers, booleans, objects; YAML integers)', () => {
    const json = parseEnvironment(JSON.stringify({ values: [{ key: 'n', value: 5 }, { key: 'b', value: true }, { key: 'o', value: { a: [1] } }, { key: 'none' }] }), 'e.json');
    expect(json.typed).toEqual({ n: 5, b: true, o: { a: [1] }, none: '' });
    expect(json.values).toEqual({ n: '5', b: 'true', o: '{"a":[1]}', none: '' });
    expect(parseEnvironment('name: Y\nvalues:\n  id: 42\n  huge: 123456789012345678901\n  on: true\n', 'y.environment.yaml').typed).toEqual({ id: 42, huge: '123456789012345678901', on: true });
  });

  it('a repeated key: the last enabled entry wins, as in the SDK', () => {
    const env = parseEnvironment(JSON.stringify({ values: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }, { key: 'a', value: '3', disabled: true }] }), 'e.json');
    expect(env.values).toEqual({ a: '2' });
  });

  const accepted: Array<{ name: string; file: string; text: string; values: Record<string, string>; secretKeys?: string[] }> = [
    {
      name: 'Postman v12 YAML (*.environment.yaml)',
      file: 'Staging.environment.yaml',
      text: "name: Staging\nvalues:\n  - key: base_url\n    value: 'https://staging.example/api'\n    enabled: true\n    type: default\n  - key: api_key\n    value: sk_example\n    enabled: true\n    type: secret\n  - key: old\n    value: x\n    enabled: false\n",
      values: { base_url: 'https://staging.example/api', api_key: 'sk_example' },
      secretKeys: ['api_key'],
    },
    { name: 'YAML with secret: true beside type: default', file: 'a.environment.yml', text: 'name: A\nvalues:\n  - key: token\n    value: t0k\n    type: default\n    secret: true\n', values: { token: 't0k' }, secretKeys: ['token'] },
    { name: 'YAML values as a map', file: 'b.environment.yaml', text: 'name: B\nvalues:\n  url: https://x\n  id: 42\n', values: { url: 'https://x', id: '42' } },
    { name: 'a globals file (newman takes either scope for either flag)', file: 'g.json', text: JSON.stringify({ name: 'g', values: [{ key: 'g', value: '1' }], _postman_variable_scope: 'globals' }), values: { g: '1' } },
    { name: "the Postman API's wrapper", file: 'w.json', text: JSON.stringify({ environment: { name: 'W', values: [{ key: 'k', value: 'v' }] } }), values: { k: 'v' } },
    { name: 'empty YAML values', file: 'Globals.globals.yaml', text: 'name: Globals\nvalues: []\n', values: {} },
  ];
  for (const a of accepted) {
    it(`accepts ${a.name}`, () => {
      const env = parseEnvironment(a.text, a.file);
      expect(env.values).toEqual(a.values);
      expect(env.secretKeys).toEqual(a.secretKeys ?? []);
    });
  }

  const table: Array<{ name: string; text: string; code: string }> = [
    { name: 'not JSON', text: 'url=https://x', code: 'ENVIRONMENT_READ' },
    { name: 'a collection', text: JSON.stringify(collection('C', [request('a', 'https://x')])), code: 'ENVIRONMENT_KIND' },
    { name: 'no values', text: JSON.stringify({ name: 'x' }), code: 'ENVIRONMENT_KIND' },
    { name: 'an array', text: '[]', code: 'ENVIRONMENT_KIND' },
    { name: 'values without keys', text: JSON.stringify({ name: 'x', values: [{ value: 1 }] }), code: 'ENVIRONMENT_KIND' },
  ];
  for (const { name, text, code } of table) {
    it(`${name} → ${code}`, () => expect(() => parseEnvironment(text, '/p/env.json')).toThrow(expect.objectContaining({ code, exitCode: 2, message: expect.stringContaining('/p/env.json') })));
  }

  it('bad YAML names file, line and column', () => {
    expect(() => parseEnvironment('name: x\nvalues:\n  - key: a\n   value: b\n', '/p/x.environment.yaml')).toThrow(
      expect.objectContaining({ code: 'ENVIRONMENT_READ', message: expect.stringMatching(/^\/p\/x\.environment\.yaml:4:\d+: invalid YAML/) }),
    );
  });

  it('parseScopeFile keeps disabled entries (for convert)', () => {
    expect(parseScopeFile(JSON.stringify({ name: 'E', values: [{ key: 'a', value: '1', enabled: false }] }), 'e.json').entries).toEqual([{ key: 'a', value: '1', typed: '1', enabled: false, secret: false }]);
  });
});

describe('loadEnvironment / loadGlobals: files in the encodings Windows tools write', () => {
  const json = JSON.stringify({ name: 'Ünïcode', values: [{ key: 'baseUrl', value: 'https://x/api' }, { key: 'site', value: 'Zürich' }] });
  for (const encoding of ['utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'windows-1252'] as const) {
    it(encoding, async () => {
      const file = writeFile(tempDir(), 'e.json', '');
      writeFileSync(file, encode(json, encoding));
      const env = await loadEnvironment(file);
      expect(env.values).toEqual({ baseUrl: 'https://x/api', site: 'Zürich' });
      expect(env.name).toBe('Ünïcode');
    });
  }
  it('reads a globals file', async () => {
    const file = writeFile(tempDir(), 'workspace.globals.yaml', 'name: Globals\nvalues:\n  - key: g\n    value: one\n    enabled: true\n');
    expect((await loadGlobals(file)).values).toEqual({ g: 'one' });
  });
  it('refuses a missing file (ENVIRONMENT_READ / GLOBALS_READ)', async () => {
    await expect(loadEnvironment('/nonexistent/env.json')).rejects.toMatchObject({ code: 'ENVIRONMENT_READ' });
    await expect(loadGlobals('/nonexistent/g.json')).rejects.toMatchObject({ code: 'GLOBALS_READ' });
  });
});
