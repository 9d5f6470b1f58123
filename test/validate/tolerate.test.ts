import { describe, expect, it } from 'vitest';
import { isJamfContractError } from '../../src/errors.ts';
import { createContractChecker, severityOf } from '../../src/validate/index.ts';
import { isTolerated, parseTolerate } from '../../src/validate/tolerate.ts';

describe('parseTolerate', () => {
  it.each([
    { given: ['schema'], want: [{ kind: 'schema' }] },
    { given: ['schema,deprecated', ' content-type '], want: [{ kind: 'schema' }, { kind: 'deprecated' }, { kind: 'content-type' }] },
    { given: ['null-in-non-nullable@GET /v1/computers-inventory'], want: [{ kind: 'null-in-non-nullable', operation: 'GET /v1/computers-inventory' }] },
    { given: ['schema@get  /api/v1/buildings/'], want: [{ kind: 'schema', operation: 'GET /v1/buildings' }] },
    { given: ['schema@/v1/buildings/{id}'], want: [{ kind: 'schema', operation: '/v1/buildings/{id}' }] },
    { given: [], want: [] },
  ])('given $given, wants $want', ({ given, want }) => {
    expect(parseTolerate(given)).toEqual(want);
  });

  it.each([['bogus'], ['schema', 'nope@GET /x'], ['schema@'], ['schema@GET']])('refuses %j with a usage error', (...given) => {
    try {
      parseTolerate(given);
      expect.unreachable();
    } catch (error) {
      expect(isJamfContractError(error) && error.code).toBe('USAGE');
    }
  });

  it('lists every known kind when refusing', () => {
    expect(() => parseTolerate(['bogus'])).toThrow(/undocumented-operation.*validator-unavailable/);
  });
});

describe('isTolerated and severityOf', () => {
  const tolerances = parseTolerate(['null-in-non-nullable@GET /v1/computers-inventory', 'deprecated', 'schema@/v1/buildings']);
  it.each([
    { kind: 'null-in-non-nullable', operation: 'GET /v1/computers-inventory', want: true },
    { kind: 'null-in-non-nullable', operation: 'GET /v1/buildings', want: false },
    { kind: 'null-in-non-nullable', operation: undefined, want: false },
    { kind: 'deprecated', operation: 'GET /v1/anything', want: true },
    { kind: 'schema', operation: 'POST /v1/buildings', want: true },
    { kind: 'schema', operation: 'GET /v1/buildings/{id}', want: false },
  ] as const)('$kind on $operation → $want', ({ kind, operation, want }) => {
    expect(isTolerated(kind, operation, tolerances)).toBe(want);
  });

  it.each([
    { kind: 'deprecated', options: { tolerate: tolerances }, want: 'info' },
    { kind: 'deprecated', options: {}, want: 'warning' },
    { kind: 'null-in-non-nullable', options: { strict: true, tolerate: ['null-in-non-nullable'] }, want: 'info' },
    { kind: 'null-in-non-nullable', options: {}, want: 'warning' },
  ] as const)('severity of $kind with $options is $want', ({ kind, options, want }) => {
    expect(severityOf(kind, options, 'GET /v1/computers-inventory')).toBe(want);
  });
});

describe('the checker marks tolerated findings', () => {
  const spec = {
    openapi: '3.0.1',
    info: { title: 'T', version: '1' },
    servers: [{ url: '/api' }],
    paths: { '/v1/old': { get: { deprecated: true, responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'string' } } } } } } } } } },
  };
  it('info and tolerated: true, only on the named operation', async () => {
    const { loadSpec } = await import('../../src/load/spec.ts');
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(await mkdtemp(join(tmpdir(), 'tol-')), 'spec.json');
    await writeFile(file, JSON.stringify(spec));
    const loaded = await loadSpec(file);
    const exchange = { method: 'GET', url: 'http://x/api/v1/old', status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"n":null}') };
    const plain = createContractChecker({ pro: loaded }).check(exchange).findings;
    expect(plain.map((f) => `${f.kind}:${f.severity}:${f.tolerated ?? false}`).sort()).toEqual(['deprecated:warning:false', 'null-in-non-nullable:warning:false']);
    const tolerant = createContractChecker({ pro: loaded }, { tolerate: parseTolerate(['deprecated', 'null-in-non-nullable@GET /v1/old']) }).check(exchange).findings;
    expect(tolerant.map((f) => `${f.kind}:${f.severity}:${f.tolerated ?? false}`).sort()).toEqual(['deprecated:info:true', 'null-in-non-nullable:info:true']);
  });
});
