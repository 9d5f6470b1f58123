import { mkdtempSync, readFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { createJunitReporter } from '../../src/report/junit.ts';
import { drive, kinds, result, runInfo, redactFake, SECRET } from './fixtures.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'junit-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

interface Case { classname: string; name: string; time: string; failure?: { message: string; type: string; '#text'?: string }; error?: { type: string; message: string }; skipped?: string; 'system-out'?: string }
interface Suite { name: string; tests: string; failures: string; errors: string; skipped: string; time: string; testcase?: Case[] }
interface Doc { testsuites: { tests: string; failures: string; errors: string; time: string; testsuite: Suite[] } }

async function junitOf(results: ReturnType<typeof result>[], info = runInfo()): Promise<{ doc: Doc; xml: string }> {
  const dir = tempDir();
  await drive(createJunitReporter(dir, redactFake), info, results);
  const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  return { doc: parser.parse(xml) as Doc, xml };
}

const numbers = (s: { tests: string; failures: string; errors: string; skipped: string }) => [s.tests, s.failures, s.errors, s.skipped].map(Number);

describe('junit reporter', () => {
  it('counts each outcome on the suite and the root', async () => {
    const { doc } = await junitOf([kinds.passed(), kinds.failedTest(), kinds.violation(), kinds.warningOnly(), kinds.errored(), kinds.unresolved(['id']), kinds.readOnly(), kinds.destructive(), kinds.byScript()]);
    const suite = doc.testsuites.testsuite[0]!;
    expect(doc.testsuites.testsuite).toHaveLength(1);
    expect(suite.name).toBe('Jamf Pro API');
    expect(numbers(suite)).toEqual([9, 2, 1, 4]);
    // The root has no skipped attribute (the Jenkins XSD allows none there): skips are per suite.
    expect([doc.testsuites.tests, doc.testsuites.failures, doc.testsuites.errors].map(Number)).toEqual([9, 2, 1]);
    expect(suite.testcase).toHaveLength(9);
    expect(doc.testsuites.time).toBe('1.500');
  });

  const cases: { given: string; make: () => ReturnType<typeof result>; want: (c: Case) => void }[] = [
    { given: 'a pass', make: kinds.passed, want: (c) => expect(c.failure ?? c.error ?? c.skipped).toBeUndefined() },
    { given: 'a failed pm.test', make: kinds.failedTest, want: (c) => expect(c.failure?.message).toContain('Status is 200: expected 404 to equal 200') },
    { given: 'a contract violation', make: kinds.violation, want: (c) => expect(c.failure?.message).toMatch(/1 contract violation: violation schema at \/results\/0\/name: must be string/) },
    { given: 'warnings only', make: kinds.warningOnly, want: (c) => { expect(c.failure).toBeUndefined(); expect(c['system-out']).toContain('deprecated since'); } },
    { given: 'a request that could not be made', make: kinds.errored, want: (c) => expect(c.error).toMatchObject({ type: 'NETWORK', message: 'connect ECONNREFUSED 127.0.0.1:1' }) },
    { given: 'an unresolved-variable skip', make: () => kinds.unresolved(['id', 'name']), want: (c) => expect(c.skipped).toBe('unresolved variables: id, name') },
    { given: 'a read-only skip', make: kinds.readOnly, want: (c) => expect(c.skipped).toContain('read-only') },
    { given: 'a script error', make: () => result({ scriptErrors: ['TypeError: x is undefined'] }), want: (c) => expect(c.failure?.type).toBe('script') },
  ];
  it.each(cases)('given $given, writes the right element', async ({ make, want }) => {
    const { doc } = await junitOf([make()]);
    want(doc.testsuites.testsuite[0]!.testcase![0]!);
  });

  it('puts every failed test and finding in one failure element', async () => {
    const r = kinds.failedTest();
    r.findings.push({ kind: 'undocumented-status', severity: 'violation', message: '404 not documented' });
    const { doc } = await junitOf([r]);
    const c = doc.testsuites.testsuite[0]!.testcase![0]!;
    expect(c.failure?.type).toBe('pm.test,contract');
    expect(c.failure?.['#text']).toContain('test failed: Status is 200');
    expect(c.failure?.['#text']).toContain('violation undocumented-status: 404 not documented');
  });

  it('names classname, name and time from the result', async () => {
    const r = result({ collection: 'Classic (v10.35.0+)', folders: ['Buildings', 'By id'], itemName: 'Get', response: { status: 200, statusText: 'OK', timeMs: 1234, sizeBytes: 1 } });
    const { doc } = await junitOf([r], runInfo({ collections: ['Classic (v10.35.0+)'] }));
    // collection.folder, as CI tools split packages on dots: dots inside a name are not separators.
    expect(doc.testsuites.testsuite[0]!.testcase![0]).toMatchObject({ classname: 'Classic (v10·35·0+).Buildings.By id', name: 'Get', time: '1.234' });
    expect(doc.testsuites.testsuite[0]!.time).toBe('1.234');
  });

  it('writes one suite per collection and iteration, counts over all of them', async () => {
    const info = runInfo({ collections: ['A', 'B'], iterations: 2 });
    const results = [0, 1].flatMap((iteration) => [
      result({ collection: 'A', iteration }),
      result({ collection: 'A', iteration, tests: [{ name: 't', passed: false }] }),
      { ...kinds.errored(), collection: 'B', iteration },
    ]);
    const { doc } = await junitOf(results, info);
    const names = doc.testsuites.testsuite.map((s) => s.name);
    expect(names).toEqual(['A (iteration 1)', 'B (iteration 1)', 'A (iteration 2)', 'B (iteration 2)']);
    expect(doc.testsuites.testsuite.map(numbers)).toEqual([[2, 1, 0, 0], [1, 0, 1, 0], [2, 1, 0, 0], [1, 0, 1, 0]]);
    expect([doc.testsuites.tests, doc.testsuites.failures, doc.testsuites.errors].map(Number)).toEqual([6, 2, 2]);
  });

  it('writes an empty suite for a collection with no results', async () => {
    const { doc } = await junitOf([], runInfo({ collections: ['Empty'] }));
    expect(doc.testsuites.testsuite[0]).toMatchObject({ name: 'Empty', tests: '0' });
  });

  it('escapes markup and strips characters XML 1.0 forbids', async () => {
    const nasty = `a<b>&"c'\u0000\u0007\u001b[31m\uD800 ok`;
    const r = result({ itemName: nasty, folders: [nasty], tests: [{ name: nasty, passed: false, error: `line1\nline2 ${nasty}` }] });
    const { doc, xml } = await junitOf([r]);
    const controls = [...xml].filter((ch) => ch.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(ch));
    expect(controls).toEqual([]);
    const c = doc.testsuites.testsuite[0]!.testcase![0]!;
    expect(c.name).toBe(`a<b>&"c'[31m ok`);
    expect(c.classname).toBe(`Jamf Pro API.a<b>&"c'[31m ok`);
    expect(c.failure?.message).toContain('line1\nline2');
  });

  it('redacts every string it writes', async () => {
    const r = result({ itemName: `token ${SECRET}`, url: `https://x/?a=${SECRET}`, tests: [{ name: 'auth', passed: false, error: SECRET }] });
    const { xml } = await junitOf([r], runInfo({ server: `https://${SECRET}.example` }));
    expect(xml).not.toContain(SECRET);
    expect(xml).toContain('[REDACTED]');
  });

  it('leaves no file and no temp file behind on abort', async () => {
    const dir = tempDir();
    await drive(createJunitReporter(dir, redactFake), runInfo(), [kinds.passed()]);
    expect(existsSync(join(dir, 'junit.xml'))).toBe(true);
    const again = createJunitReporter(dir, redactFake);
    again.onStart?.(runInfo());
    again.onRequest?.(kinds.passed());
    await again.onAbort?.(new Error('auth failed'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('creates the output directory', async () => {
    const dir = join(tempDir(), 'nested', 'reports');
    await drive(createJunitReporter(dir, redactFake), runInfo(), [kinds.passed()]);
    expect(readdirSync(dir)).toEqual(['junit.xml']);
  });
});
