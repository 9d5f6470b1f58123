/** JUnit beyond one case per request: per-assertion cases, testcase properties, an early stop, sent errors. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { createJunitReporter } from '../../src/report/junit.ts';
import { drive, kinds, result, runInfo, redactFake, SECRET } from './fixtures.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

interface Case { classname: string; name: string; failure?: { type: string; message: string }; error?: { type: string; message: string; '#text'?: string }; skipped?: unknown; properties?: { property: Array<{ name: string; value: string }> } }
interface Suite { name: string; tests: string; failures: string; errors: string; skipped: string; testcase?: Case[] }

async function junit(results: ReturnType<typeof result>[], options: { perAssertion?: boolean } = {}, over: Parameters<typeof drive>[3] = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'junit-shapes-'));
  dirs.push(dir);
  await drive(createJunitReporter(dir, redactFake, options), runInfo(), results, over);
  const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
  const doc = parser.parse(xml) as { testsuites: { tests: string; failures: string; errors: string; testsuite: Suite[] } };
  return { xml, root: doc.testsuites, suites: doc.testsuites.testsuite, cases: doc.testsuites.testsuite.flatMap((s) => s.testcase ?? []) };
}

const props = (c: Case | undefined) => (c?.properties?.property ?? []).map((p) => `${p.name}=${p.value}`);

describe('--junit-per-assertion', () => {
  it('writes a case per pm.test, a contract case and a script case, named after the request', async () => {
    const r = result({
      itemName: 'Get building',
      operation: 'GET /v1/buildings/{id}',
      tests: [{ name: 'status is 200', passed: true }, { name: 'has name', passed: false, error: 'expected undefined to exist' }, { name: 'later', passed: true, skipped: true }],
      findings: [{ kind: 'schema', severity: 'violation', message: 'must be string', pointer: '/name' }],
      scriptErrors: ['TypeError: boom'],
    });
    const { cases, root } = await junit([r], { perAssertion: true });
    expect(root.testsuite[0]?.skipped).toBe('1');
    expect(cases.map((c) => c.name)).toEqual(['Get building › status is 200', 'Get building › has name', 'Get building › later', 'Get building › contract', 'Get building › script']);
    expect(cases.map((c) => (c.failure ? 'F' : c.skipped !== undefined ? 'S' : '.')).join('')).toBe('.FSFF');
    expect(cases[1]?.failure).toMatchObject({ type: 'pm.test', message: 'has name: expected undefined to exist' });
    expect(cases[3]?.failure?.type).toBe('contract');
    expect(cases.every((c) => c.classname === 'Jamf Pro API.Buildings')).toBe(true);
    expect([root.tests, root.failures, root.errors].map(Number)).toEqual([5, 3, 0]);
  });

  it('keeps a request without tests, an error and a skip as one case each', async () => {
    const { cases } = await junit([result({ tests: [], itemName: 'Plain' }), kinds.errored(), kinds.readOnly()], { perAssertion: true });
    expect(cases.map((c) => c.name)).toEqual(['Plain', 'Unreachable › request', 'Create building']);
    expect(cases[1]?.error?.type).toBe('NETWORK');
    expect(cases[2]?.skipped).toBeDefined();
  });
});

describe('testcase properties', () => {
  it('carry the operation, status, retries and every finding', async () => {
    const r = result({ operation: 'GET /v1/x', retries: 2, findings: [
      { kind: 'schema', severity: 'violation', message: 'bad', pointer: '/a' },
      { kind: 'deprecated', severity: 'warning', message: 'old' },
      { kind: 'null-in-non-nullable', severity: 'info', tolerated: true, message: 'null', pointer: '/b' },
    ] });
    const { cases } = await junit([r]);
    expect(props(cases[0])).toEqual(['operation=GET /v1/x', 'status=200', 'retries=2', 'violation=schema at /a: bad', 'warning=deprecated: old', 'tolerated=null-in-non-nullable at /b: null']);
  });

  it('carry held-back calls, and a passing request with nothing to say has none', async () => {
    const { cases } = await junit([kinds.heldBackCall(), result({ response: undefined, tests: [] })]);
    expect(props(cases[0])).toContain('heldBack=pm.sendRequest DELETE https://jamf.example/api/v1/buildings/9 held back: a DELETE (needs --allow-writes)');
    expect(cases[1]?.properties).toBeUndefined();
  });

  it('say when an unanswered request had been sent, and why tests did not run', async () => {
    const { cases } = await junit([kinds.timedOut()]);
    expect(cases[0]?.error).toMatchObject({ type: 'TIMEOUT', message: 'no answer within 100 ms (the request was sent: this write may have been applied)' });
    expect(cases[0]?.error?.['#text']).toContain('tests not run: no response to test');
    expect(props(cases[0])).toEqual(['sent=true', 'testsNotRun=no response to test']);
  });
});

describe('an early stop', () => {
  it.each([
    { stopped: { kind: 'interrupted' as const, code: 'INTERRUPTED', message: 'SIGTERM received.', signal: 'SIGTERM' as const }, name: 'run interrupted (SIGTERM)', type: 'INTERRUPTED' },
    { stopped: { kind: 'error' as const, code: 'AUTH_INVALID_CLIENT', message: 'The token endpoint refused the client.' }, name: 'run stopped: AUTH_INVALID_CLIENT', type: 'AUTH_INVALID_CLIENT' },
  ])('is an <error> testcase: $name', async ({ stopped, name, type }) => {
    const { suites, root } = await junit([kinds.passed()], {}, { stopped });
    const last = suites.at(-1)!;
    expect(last.name).toBe('jamf-contract run');
    expect(last.testcase?.[0]).toMatchObject({ name, error: { type } });
    expect([root.tests, root.errors].map(Number)).toEqual([2, 1]);
  });

  it('redacts the stop message', async () => {
    const { xml } = await junit([], {}, { stopped: { kind: 'error', code: 'X', message: SECRET } });
    expect(xml).not.toContain(SECRET);
  });
});
