/** `jamf-contract validate` exit codes: 0 conforms, 4 violates, 2 bad input. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const jamf = new URL('../../../shared/jamf/', import.meta.url);
const at = (p: string) => new URL(p, jamf).pathname;
const present = existsSync(at('openapi/jamf-pro-api-11.30.1.json'));
if (!present) console.log('note: ../shared/jamf is absent: the validate CLI tests over real files are skipped');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jc-validate-'));
  await writeFile(join(dir, 'wrong.json'), JSON.stringify({ httpStatus: '401', errors: [{ code: 1, field: 'x' }] }));
  await writeFile(join(dir, 'not-openapi.json'), JSON.stringify({ info: {}, item: [] }));
  const user = { type: 'object', properties: { email: { type: 'string', format: 'email' } } };
  const emailSpec = { openapi: '3.0.1', info: { title: 'T', version: '1' }, servers: [{ url: '/api' }], paths: { '/v1/user': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: user } } } } } } } };
  await writeFile(join(dir, 'email-spec.json'), JSON.stringify(emailSpec));
  await writeFile(join(dir, 'empty-email.json'), JSON.stringify({ email: '' }));
});

describe('validate --strict-formats', () => {
  it('an empty email passes by default and is a finding that says "empty string" with --strict-formats', async () => {
    const args = ['--openapi', join(dir, 'email-spec.json'), '--path', '/api/v1/user', '--body', join(dir, 'empty-email.json')];
    expect((await run(args)).code).toBe(0);
    const strict = await run([...args, '--strict-formats']);
    expect(strict.code).toBe(4);
    expect(strict.out).toContain('empty string');
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('validate --tolerate and undocumented paths', () => {
  const strict = () => ['--openapi', join(dir, 'email-spec.json'), '--path', '/api/v1/user', '--body', join(dir, 'empty-email.json'), '--strict-formats'];
  it.each([
    { given: ['--tolerate', 'schema'], want: 0 },
    { given: ['--tolerate', 'schema@GET /v1/user'], want: 0 },
    { given: ['--tolerate', 'schema@GET /api/v1/user'], want: 0 },
    { given: ['--tolerate', 'schema@/v1/user'], want: 0 },
    { given: ['--tolerate', 'schema@GET /v1/other'], want: 4 },
    { given: ['--tolerate', 'content-type,schema@POST /v1/user'], want: 4 },
  ])('given $given, exits $want', async ({ given, want }) => {
    const r = await run([...strict(), ...given]);
    expect(r.code, r.out + r.err).toBe(want);
    if (want === 0) expect(r.out).toContain('(tolerated)');
  });

  it('refuses an unknown kind with one usage line naming the known kinds', async () => {
    const r = await run([...strict(), '--tolerate', 'bogus-kind']);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^error\[USAGE\]: .*bogus-kind.*null-in-non-nullable/);
  });

  it('says what is undocumented without "expected undefined"', async () => {
    const r = await run(['--openapi', join(dir, 'email-spec.json'), '--path', '/api/v1/nope']);
    expect(r.code).toBe(4);
    expect(r.out).toContain('undocumented-operation');
    expect(r.out).not.toContain('undefined');
  });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await main(['validate', ...args]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe.skipIf(!present)('validate command', () => {
  const spec = () => at('openapi/jamf-pro-api-11.30.1.json');
  const wk = '/api/v1/service-discovery-enrollment/well-known-settings';

  it('exit 0 when the body conforms (a tolerated null is a warning)', async () => {
    const r = await run(['--openapi', spec(), '--path', wk, '--status', '401', '--body', at('examples/pro-error-401.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('null-in-non-nullable');
    expect(r.out).toContain('conforms');
  });

  it('exit 4 with --strict, and --json prints findings', async () => {
    const r = await run(['--openapi', spec(), '--path', wk.replace('/api', ''), '--status', '401', '--body', at('examples/pro-error-401.json'), '--strict', '--json']);
    expect(r.code).toBe(4);
    const parsed = JSON.parse(r.out) as { conforms: boolean; findings: Array<{ kind: string; pointer: string }> };
    expect(parsed.conforms).toBe(false);
    expect(parsed.findings).toMatchObject([{ kind: 'null-in-non-nullable', pointer: '/errors/0/field' }]);
  });

  it('exit 4 for a body that does not match', async () => {
    const r = await run(['--openapi', spec(), '--path', wk, '--status', '401', '--body', join(dir, 'wrong.json'), '--json']);
    expect(r.code).toBe(4);
    const pointers = (JSON.parse(r.out) as { findings: Array<{ pointer: string }> }).findings.map((f) => f.pointer).sort();
    expect(pointers).toEqual(['/errors/0/code', '/httpStatus']);
  });

  it('exit 4 for an undocumented status, and tolerated with --tolerate', async () => {
    const args = ['--openapi', spec(), '--method', 'GET', '--path', '/api/v1/buildings/1', '--status', '403', '--body', at('examples/pro-error-403.json')];
    expect((await run(args)).code).toBe(4);
    expect((await run([...args, '--tolerate', 'undocumented-status'])).code).toBe(0);
  });

  it('checks Classic XML against the gateway OpenAPI', async () => {
    const r = await run(['--openapi', at('classic/classic-api-gateway-openapi.json'), '--path', '/JSSResource/buildings', '--body', at('examples/classic-xml/buildings_0.xml')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('GET /JSSResource/buildings');
  });

  const bad: Array<{ name: string; args: () => string[]; want: number; code: string }> = [
    { name: 'missing spec file', args: () => ['--openapi', join(dir, 'nope.json'), '--path', '/api/v1/x'], want: 2, code: 'SPEC_READ' },
    { name: 'not OpenAPI', args: () => ['--openapi', join(dir, 'not-openapi.json'), '--path', '/api/v1/x'], want: 2, code: 'SPEC_NOT_OPENAPI' },
    { name: 'missing body file', args: () => ['--openapi', spec(), '--path', wk, '--body', join(dir, 'nope.json')], want: 2, code: 'BODY_READ' },
    { name: 'unknown tolerated kind', args: () => ['--openapi', spec(), '--path', wk, '--tolerate', 'typos'], want: 1, code: 'USAGE' },
  ];
  it.each(bad)('$name → exit $want', async ({ args, want, code }) => {
    const r = await run(args());
    expect(r.code).toBe(want);
    expect(r.err).toContain(code);
  });
});
