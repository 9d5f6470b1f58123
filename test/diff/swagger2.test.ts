import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffSources, diffSpecs } from '../../src/diff/index.ts';
import type { JsonObject } from '../../src/diff/load.ts';

function classic(computer: JsonObject, extraParam: JsonObject[] = []): JsonObject {
  return {
    swagger: '2.0',
    info: { title: 'Classic', version: '1' },
    basePath: '/JSSResource',
    produces: ['application/xml', 'application/json'],
    paths: {
      '/computers/id/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, type: 'integer' }, ...extraParam],
          responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/computer' } } },
        },
        put: {
          consumes: ['application/xml'],
          parameters: [{ name: 'id', in: 'path', required: true, type: 'integer' }, { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/computer' } }],
          responses: { '201': { description: 'updated' } },
        },
      },
    },
    definitions: { computer: computer },
  };
}

describe('diff: Swagger 2.0 (Classic API)', () => {
  it('reads definitions, body parameters and non-body parameter types', () => {
    const old = classic({ type: 'object', properties: { name: { type: 'string' }, serial: { type: 'string' } } });
    const cur = classic({ type: 'object', properties: { name: { type: 'string' } } }, [{ name: 'subset', in: 'query', required: true, type: 'string' }]);
    const report = diffSpecs({ source: 'a', kind: 'swagger2', doc: old }, { source: 'b', kind: 'swagger2', doc: cur });
    expect(report.entries.map((e) => [e.level, e.kind, e.component ?? e.operations.join()])).toEqual([
      ['breaking', 'parameter-added', 'GET /computers/id/{id}'],
      ['breaking', 'property-removed', 'computer'],
      ['warning', 'property-removed', 'computer'],
    ]);
    const response = report.entries.find((e) => e.level === 'breaking' && e.kind === 'property-removed');
    expect(response?.operations).toEqual(['GET /computers/id/{id}']);
    expect(response?.where).toBe('response 200 application/json, response 200 application/xml');
  });

  const file = fileURLToPath(new URL('../../../shared/jamf/classic/classic-swagger-11.30.yaml', import.meta.url));
  it.skipIf(!existsSync(file))('finds nothing between Jamf\'s Classic swagger and itself', async () => {
    const report = await diffSources(file, file);
    expect(report.old.kind).toBe('swagger2');
    expect(report.old.operations).toBeGreaterThan(400);
    expect(report.entries).toEqual([]);
  });
});
