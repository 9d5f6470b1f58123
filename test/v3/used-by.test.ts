/** `diff --only-used-by` reads v3 collection folders as `run` does. */
import { describe, expect, it } from 'vitest';
import { narrowToUsed, usedOperations } from '../../src/diff/index.ts';
import { diff, getWith, spec } from '../diff/helpers.ts';
import { writeTree, y } from '../helpers/v3.ts';

describe('--only-used-by with a v3 collection', () => {
  it('keeps only the operations the v3 requests call', async () => {
    const report = diff(spec({ '/v1/a/{id}': getWith({ type: 'string' }), '/v1/b': getWith({ type: 'string' }) }), spec({ '/v1/c': getWith({ type: 'string' }) }));
    const dir = writeTree({
      '.resources/definition.yaml': y('$kind: collection', 'name: c'),
      'folder/get a.request.yaml': y('$kind: http-request', "url: '{{baseUrl}}/v1/a/:id'", 'method: GET', 'pathVariables:', "  id: '{{id}}'"),
    });
    const narrowed = narrowToUsed(report, await usedOperations([dir]));
    expect(narrowed.entries.map((e) => e.operations)).toEqual([['GET /v1/a/{id}']]);
  });
});
