/** CTRF: every document validates against the published CTRF schema (shipped by the `ctrf` package). */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from 'ctrf';
import { afterAll, describe, expect, it } from 'vitest';
import { createCtrfReporter } from '../../src/report/ctrf.ts';
import { drive, kinds, result, runInfo, redactFake, SECRET } from './fixtures.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'ctrf-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface CtrfTest { name: string; status: string; rawStatus?: string; retries?: number; flaky?: boolean; message?: string; suite?: string[]; labels?: Record<string, unknown> }
interface Ctrf { reportFormat: string; results: { summary: Record<string, number>; tests: CtrfTest[] } }

async function ctrfOf(results: ReturnType<typeof result>[], over: Parameters<typeof drive>[3] = {}, info = runInfo()): Promise<{ doc: Ctrf; text: string }> {
  const dir = tempDir();
  await drive(createCtrfReporter(dir, redactFake), info, results, over);
  const text = readFileSync(join(dir, 'ctrf.json'), 'utf8');
  const doc = JSON.parse(text) as Ctrf;
  const check = validate(doc);
  expect(check.errors).toEqual([]);
  expect(check.valid).toBe(true);
  return { doc, text };
}

describe('ctrf reporter', () => {
  it('writes one schema-valid test per result, counted by status', async () => {
    const all = [kinds.passed(), kinds.failedTest(), kinds.violation(), kinds.warningOnly(), kinds.errored(), kinds.timedOut(), kinds.unresolved(['id']), kinds.readOnly(), kinds.heldBackCall(), kinds.tolerated(), kinds.retried()];
    const { doc } = await ctrfOf(all);
    expect(doc.reportFormat).toBe('CTRF');
    expect(doc.results.tests).toHaveLength(all.length);
    expect(doc.results.summary).toMatchObject({ tests: 11, passed: 5, failed: 4, skipped: 2, pending: 0, other: 0, flaky: 1 });
    const errored = doc.results.tests.find((t) => t.rawStatus === 'errored' && t.name.includes('Unreachable'));
    expect(errored).toMatchObject({ status: 'failed', message: expect.stringContaining('NETWORK') });
    expect(doc.results.tests.find((t) => t.name.includes('Flaky read'))).toMatchObject({ retries: 2, flaky: true, status: 'passed' });
    expect(doc.results.tests.find((t) => t.name.includes('Slow write'))?.message).toContain('this write may have been applied');
  });

  it('names iterations from 1 and keeps the folder path as the suite', async () => {
    const { doc } = await ctrfOf([result({ iteration: 0 }), result({ iteration: 1 })], {}, runInfo({ iterations: 2 }));
    expect(doc.results.tests.map((t) => t.labels?.iteration)).toEqual([1, 2]);
    expect(doc.results.tests[1]?.name).toMatch(/\[iteration 2\]$/);
    expect(doc.results.tests[0]?.suite).toEqual(['Jamf Pro API', 'Buildings']);
  });

  it('adds a failed test for a run that stopped early', async () => {
    const { doc } = await ctrfOf([kinds.passed()], { stopped: { kind: 'interrupted', code: 'INTERRUPTED', message: 'SIGINT received.', signal: 'SIGINT' } });
    expect(doc.results.tests.at(-1)).toMatchObject({ name: 'run interrupted (SIGINT)', status: 'failed', rawStatus: 'interrupted' });
    expect(doc.results.summary.failed).toBe(1);
  });

  it('is valid with no results at all', async () => {
    const { doc } = await ctrfOf([]);
    expect(doc.results.tests).toEqual([]);
  });

  it('redacts every string and leaves no temp file; abort removes the report', async () => {
    const r = result({ itemName: SECRET, url: `https://x/?t=${SECRET}`, tests: [{ name: 'a', passed: false, error: SECRET }] });
    const { text } = await ctrfOf([r], {}, runInfo({ server: `https://${SECRET}` }));
    expect(text).not.toContain(SECRET);
    const dir = tempDir();
    await drive(createCtrfReporter(dir, redactFake), runInfo(), [kinds.passed()]);
    expect(readdirSync(dir)).toEqual(['ctrf.json']);
    const again = createCtrfReporter(dir, redactFake);
    again.onRequest?.(kinds.passed());
    await again.onAbort?.(new Error('x'));
    expect(existsSync(join(dir, 'ctrf.json'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
