import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsonReporter, requestFromJson } from '../../src/report/json.ts';
import { drive, kinds, result, runInfo, redactFake, SECRET } from './fixtures.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'json-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function reportOf(results: ReturnType<typeof result>[], over: Parameters<typeof drive>[3] = {}, info = runInfo()) {
  const dir = tempDir();
  const summary = await drive(createJsonReporter(dir, redactFake), info, results, over);
  const text = readFileSync(join(dir, 'report.json'), 'utf8');
  return { text, report: JSON.parse(text) as Record<string, unknown> & { requests: Record<string, unknown>[] }, summary, dir };
}

describe('json reporter', () => {
  it('writes the documented top-level shape, in order', async () => {
    const { report } = await reportOf([kinds.passed()]);
    expect(Object.keys(report)).toEqual(['formatVersion', 'tool', 'run', 'interrupted', 'stopped', 'counts', 'folders', 'notices', 'coverage', 'requests']);
    expect(report.formatVersion).toBe(2);
    expect(report.tool).toEqual({ name: 'jamf-contract', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(Object.keys(report.run as object)).toEqual(['startedAt', 'finishedAt', 'durationMs', 'server', 'jamfVersion', 'authScheme', 'collections', 'iterations', 'plannedRequests', 'tokenRequests', 'pacing']);
    expect(report).toMatchObject({ interrupted: false, stopped: null });
  });

  it('says when and why the run stopped early', async () => {
    const stopped = { kind: 'interrupted' as const, code: 'INTERRUPTED', message: 'SIGTERM received: stopped sending.', signal: 'SIGTERM' as const };
    const { report } = await reportOf([kinds.passed()], { stopped });
    expect(report).toMatchObject({ interrupted: true, stopped });
    const failed = await reportOf([kinds.passed()], { stopped: { kind: 'error', code: 'AUTH_INVALID_CLIENT', message: 'refused' } });
    expect(failed.report).toMatchObject({ interrupted: false, stopped: { kind: 'error', code: 'AUTH_INVALID_CLIENT' } });
  });

  it('round-trips every request result, adding its outcome', async () => {
    const results = [kinds.passed(), kinds.failedTest(), kinds.violation(), kinds.warningOnly(), kinds.errored(), kinds.unresolved(['id']), kinds.readOnly(), kinds.destructive(), kinds.byScript(), kinds.timedOut(), kinds.heldBackCall(), kinds.tolerated()];
    const { report } = await reportOf(results);
    // Stored iterations count from 1; requestFromJson gives the result type back.
    expect(report.requests).toEqual(results.map((r) => JSON.parse(JSON.stringify(r))).map((r, i) => ({ ...r, iteration: r.iteration + 1, outcome: report.requests[i]!.outcome })));
    expect(report.requests.map(requestFromJson)).toEqual(results.map((r) => JSON.parse(JSON.stringify(r))));
    expect(report.requests.map((r) => r.outcome)).toEqual(['passed', 'failed', 'failed', 'passed', 'errored', 'skipped', 'skipped', 'skipped', 'skipped', 'errored', 'passed', 'passed']);
  });

  it('copies counts, folders, notices and coverage from the summary', async () => {
    const coverage = { summary: '12 of 800 operations', specs: [] };
    const notices = [{ level: 'info' as const, code: 'TOKEN_SCRIPT_NEUTRALISED', message: 'collection token script neutralised' }];
    const { report, summary } = await reportOf([kinds.passed(), kinds.violation()], { notices, coverage });
    expect(report.counts).toEqual(summary.counts);
    expect(report.folders).toEqual(summary.folders);
    expect(report.notices).toEqual(notices);
    expect(report.coverage).toEqual(coverage);
    expect(report.run).toMatchObject({ durationMs: 1500, finishedAt: summary.finishedAt, tokenRequests: 1 });
  });

  it('writes an empty request list and null for absent optional fields', async () => {
    const { report } = await reportOf([], {}, runInfo({ jamfVersion: undefined, authScheme: undefined }));
    expect(report.requests).toEqual([]);
    expect(report.coverage).toBeNull();
    expect(report.run).toMatchObject({ jamfVersion: null, authScheme: null });
  });

  it('keeps every iteration and collection', async () => {
    const results = ['A', 'B'].flatMap((collection) => [0, 1, 2].map((iteration) => result({ collection, iteration })));
    const { report } = await reportOf(results, {}, runInfo({ collections: ['A', 'B'], iterations: 3 }));
    expect(report.requests.map((r) => `${r.collection}${r.iteration}`)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3']);
  });

  it('redacts every string, including ones JSON would escape', async () => {
    const quoted = `"${SECRET}"\n`;
    const r = result({ url: `https://x/?t=${SECRET}`, tests: [{ name: quoted, passed: false, error: SECRET }], findings: [{ kind: 'schema', severity: 'violation', message: 'm', actual: { nested: [SECRET] } }] });
    const { text } = await reportOf([r], { notices: [{ level: 'warning', code: 'X', message: SECRET }] }, runInfo({ server: `https://${SECRET}` }));
    expect(text).not.toContain(SECRET);
  });

  it('leaves only report.json: no spill or temp file', async () => {
    const { dir } = await reportOf([kinds.passed(), kinds.failedTest()]);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('onAbort removes the spill file, the temp file and a stale report', async () => {
    const dir = tempDir();
    await drive(createJsonReporter(dir, redactFake), runInfo(), [kinds.passed()]);
    expect(existsSync(join(dir, 'report.json'))).toBe(true);
    const aborted = createJsonReporter(dir, redactFake);
    aborted.onStart?.(runInfo());
    for (let i = 0; i < 300; i++) aborted.onRequest?.(kinds.passed());
    expect(readdirSync(dir).length).toBe(2);
    await aborted.onAbort?.(new Error('network'));
    expect(readdirSync(dir)).toEqual([]);
  });
});
