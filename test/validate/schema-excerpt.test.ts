import { describe, expect, it } from 'vitest';
import { schemaExcerpt } from '../../src/validate/body-errors.ts';
import { createContractChecker } from '../../src/validate/index.ts';

describe('schemaExcerpt', () => {
  it.each([
    { given: { type: 'string', format: 'date-time', description: 'long prose' }, want: { type: 'string', format: 'date-time' } },
    { given: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: {} } }, want: { type: 'object', required: ['id'], properties: ['id', 'name'] } },
    { given: { type: 'array', items: { type: 'object' } }, want: { type: 'array', items: '{…}' } },
    { given: { oneOf: [{}, {}] }, want: { oneOf: '2 schemas' } },
    { given: { enum: Array.from({ length: 20 }, (_, i) => i) }, want: { enum: [...Array.from({ length: 15 }, (_, i) => i), '… 5 more'] } },
    { given: { description: 'only prose' }, want: undefined },
    { given: 'not a schema', want: undefined },
  ])('$given → $want', ({ given, want }) => {
    expect(schemaExcerpt(given)).toEqual(want);
  });

  it('cuts a long excerpt to about 400 characters', () => {
    const given = { type: 'string', pattern: 'x'.repeat(1000) };
    const excerpt = schemaExcerpt(given);
    expect(typeof excerpt).toBe('string');
    expect((excerpt as string).length).toBeLessThanOrEqual(400);
  });
});

describe('body findings carry the failing schema', () => {
  it('a type mismatch shows the property schema that failed', async () => {
    const { loadSpec } = await import('../../src/load/spec.ts');
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const spec = {
      openapi: '3.0.1',
      info: { title: 'T', version: '1' },
      servers: [{ url: '/api' }],
      paths: { '/v1/x': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string', maxLength: 10 } } } } } } } } } },
    };
    const file = join(await mkdtemp(join(tmpdir(), 'excerpt-')), 'spec.json');
    await writeFile(file, JSON.stringify(spec));
    const checker = createContractChecker({ pro: await loadSpec(file) });
    const [finding] = checker.check({ method: 'GET', url: 'http://h/api/v1/x', status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"name":42}') }).findings;
    expect(finding).toMatchObject({ kind: 'schema', pointer: '/name', schema: { type: 'string', maxLength: 10 } });
  });
});
