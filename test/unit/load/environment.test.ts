import { describe, expect, it } from 'vitest';
import { loadEnvironment, parseEnvironment } from '../../../src/load/environment.ts';
import { collection, request, tempDir, writeFile } from '../../helpers/collections.ts';

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
      secretKeys: ['clientSecret'],
    });
  });

  const table: Array<{ name: string; text: string; code: string }> = [
    { name: 'not JSON', text: 'url=https://x', code: 'ENVIRONMENT_READ' },
    { name: 'a collection', text: JSON.stringify(collection('C', [request('a', 'https://x')])), code: 'ENVIRONMENT_KIND' },
    { name: 'a globals file', text: JSON.stringify({ name: 'g', values: [], _postman_variable_scope: 'globals' }), code: 'ENVIRONMENT_KIND' },
    { name: 'no values', text: JSON.stringify({ name: 'x' }), code: 'ENVIRONMENT_KIND' },
    { name: 'an array', text: '[]', code: 'ENVIRONMENT_KIND' },
    { name: 'values without keys', text: JSON.stringify({ name: 'x', values: [{ value: 1 }] }), code: 'ENVIRONMENT_KIND' },
  ];
  for (const { name, text, code } of table) {
    it(`${name} → ${code}`, () => expect(() => parseEnvironment(text, '/p/env.json')).toThrow(expect.objectContaining({ code, exitCode: 2, message: expect.stringContaining('/p/env.json') })));
  }
});

describe('loadEnvironment', () => {
  it('reads a file', async () => {
    const file = writeFile(tempDir(), 'e.json', { name: 'E', values: [{ key: 'baseUrl', value: 'https://x/api' }] });
    expect((await loadEnvironment(file)).values).toEqual({ baseUrl: 'https://x/api' });
  });
  it('refuses a missing file (ENVIRONMENT_READ)', async () => {
    await expect(loadEnvironment('/nonexistent/env.json')).rejects.toMatchObject({ code: 'ENVIRONMENT_READ' });
  });
});
