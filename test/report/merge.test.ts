/** `merge` over report.json files written by the JSON reporter from hand-built runs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonReporter } from '../../src/report/json.ts';
import { unionCoverage } from '../../src/report/merge/coverage.ts';
import { exitCodeOf, mergeReports, worstExitCode } from '../../src/report/merge/index.ts';
import { serverLabel } from '../../src/report/merge/parts.ts';
import { createMergeSummaryReporter } from '../../src/report/merge/summary.ts';
import { emptyCounts, type MergeInfo, type Notice, type RequestResult, type RunCounts, type RunInfo, type RunStop, type RunSummary } from '../../src/result.ts';
import type { Coverage } from '../../src/validate/coverage.ts';
import { tempDir } from '../helpers/collections.ts';
import { Capture, drive, kinds, result, runInfo } from './fixtures.ts';

const identity = (text: string): string => text;

/** Writes one run's report.json and returns its path. */
async function report(dir: string, name: string, info: RunInfo, results: RequestResult[], over: Partial<RunSummary> = {}): Promise<string> {
  const out = join(dir, name);
  await drive(createJsonReporter(out, identity), info, results, over);
  return join(out, 'report.json');
}

const shard = (index: number, total = 3): Partial<RunInfo> => ({ suite: 'suite-a', shard: { index, total, by: 'requests', requests: 1, suiteRequests: total } });

interface MergedJson {
  run: { suite?: string; server: string; shard?: unknown; collections: string[]; jamfVersion: string | null };
  counts: RunCounts;
  folders: Record<string, RunCounts>;
  notices: Notice[];
  stopped: RunStop | null;
  requests: Array<RequestResult & { outcome: string }>;
  merged: MergeInfo;
}

/** Merges into a JSON report and returns it parsed, with the merge's exit code. */
async function merged(files: string[], options: { allowMixed?: boolean; failOn?: 'violation' | 'warning' | 'never' } = {}) {
  const out = tempDir('jc-merge-out-');
  const { exitCode } = await mergeReports(files, { reporters: [createJsonReporter(out, identity)], ...options });
  return { exitCode, json: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as MergedJson };
}

describe('mergeReports: shards of one server', () => {
  it('adds up counts and folders, renumbers requests, takes the worst exit code, and keeps the suite', async () => {
    const dir = tempDir('jc-merge-');
    const files = [
      await report(dir, 's1', runInfo(shard(1)), [kinds.passed(), kinds.violation()]),
      await report(dir, 's2', runInfo(shard(2)), [kinds.failedTest()]),
      await report(dir, 's3', runInfo(shard(3)), [kinds.unresolved(['id'])]),
    ];
    const { exitCode, json } = await merged(files);
    expect(json.counts).toMatchObject({ requests: 4, sent: 3, skipped: 1, testsFailed: 1, violations: 1 });
    expect(json.requests.map((r: { index: number }) => r.index)).toEqual([0, 1, 2, 3]);
    expect(json.folders['Jamf Pro API / Buildings']).toMatchObject({ requests: 3 });
    expect(json.run).toMatchObject({ suite: 'suite-a', server: 'https://jamf.example' });
    expect(json.run.shard).toBeUndefined();
    // Shard 3 sent nothing (its one request skipped): not judged on that alone; the suite sent 3 of 4.
    expect(json.merged.reports.map((r) => [r.shard?.index, r.exitCode])).toEqual([[1, 4], [2, 4], [3, 0]]);
    expect(exitCode).toBe(4);
    expect(json.merged.exitCode).toBe(4);
    expect(json.notices).toContainEqual(expect.objectContaining({ code: 'MERGED' }));
    // A request carries no server column when there is one server.
    expect(json.requests[0]?.server).toBeUndefined();
  });

  it('orders shards by their index whatever order the files are given in', async () => {
    const dir = tempDir('jc-merge-');
    const s2 = await report(dir, 's2', runInfo(shard(2, 2)), [result({ itemName: 'second' })]);
    const s1 = await report(dir, 's1', runInfo(shard(1, 2)), [result({ itemName: 'first' })]);
    const { json } = await merged([s2, s1]);
    expect(json.requests.map((r: { itemName: string }) => r.itemName)).toEqual(['first', 'second']);
  });

  it('reports missing shards and makes the exit code 3', async () => {
    const dir = tempDir('jc-merge-');
    const { exitCode, json } = await merged([await report(dir, 's1', runInfo(shard(1)), [kinds.passed()])]);
    expect(json.merged.missingShards).toEqual(['2/3', '3/3']);
    expect(json.notices).toContainEqual(expect.objectContaining({ level: 'warning', code: 'SHARDS_MISSING' }));
    expect(exitCode).toBe(3);
  });

  it('a suite whose shards all sent nothing does not pass, though no shard failed alone', async () => {
    const dir = tempDir('jc-merge-');
    const files = await Promise.all([1, 2].map((i) => report(dir, `idle${i}`, runInfo(shard(i, 2)), [kinds.unresolved(['id'])])));
    const { exitCode, json } = await merged(files);
    expect(json.counts).toMatchObject({ requests: 2, sent: 0, skipped: 2 });
    expect(json.merged.reports.map((r) => r.exitCode)).toEqual([0, 0]);
    expect(exitCode).toBe(3);
  });

  it('de-duplicates findings by kind, operation and pointer, counting occurrences', async () => {
    const dir = tempDir('jc-merge-');
    const files = [
      await report(dir, 's1', runInfo(shard(1, 2)), [kinds.violation(), kinds.violation()]),
      await report(dir, 's2', runInfo(shard(2, 2)), [kinds.violation(), kinds.warningOnly()]),
    ];
    const { json } = await merged(files);
    expect(json.counts.violations).toBe(3);
    expect(json.merged.findings).toEqual([
      expect.objectContaining({ kind: 'schema', severity: 'violation', operation: 'GET /v1/departments', pointer: '/results/0/name', count: 3, servers: ['jamf.example'] }),
      expect.objectContaining({ kind: 'deprecated', severity: 'warning', count: 1 }),
    ]);
  });

  it('a stopped shard stops the merged run, saying which', async () => {
    const dir = tempDir('jc-merge-');
    const stop = { kind: 'error' as const, code: 'AUTH_INVALID_CLIENT', message: 'refused' };
    const files = [
      await report(dir, 's1', runInfo(shard(1, 2)), [kinds.passed()]),
      await report(dir, 's2', runInfo(shard(2, 2)), [], { stopped: stop }),
    ];
    const { exitCode, json } = await merged(files);
    expect(json.stopped).toMatchObject({ kind: 'error', code: 'AUTH_INVALID_CLIENT', message: 'shard 2/2: refused' });
    expect(exitCode).toBe(3);
  });
});

describe('mergeReports: several servers', () => {
  it('names each collection and folder with its server, and sets the server column', async () => {
    const dir = tempDir('jc-merge-');
    const files = [
      await report(dir, 'a', runInfo({ serverName: 'acme', suite: 'suite-a' }), [kinds.violation()]),
      await report(dir, 'b', runInfo({ serverName: 'globex', suite: 'suite-a', server: 'https://globex.example', jamfVersion: '11.29.1' }), [kinds.violation()]),
    ];
    const { json } = await merged(files);
    expect(json.run.collections).toEqual(['[acme] Jamf Pro API', '[globex] Jamf Pro API']);
    expect(json.run.jamfVersion).toBeNull();
    expect(json.requests.map((r) => [r.server, r.collection])).toEqual([['acme', '[acme] Jamf Pro API'], ['globex', '[globex] Jamf Pro API']]);
    expect(Object.keys(json.folders)).toEqual(['[acme] Jamf Pro API / Departments', '[globex] Jamf Pro API / Departments']);
    expect(json.merged.findings).toEqual([expect.objectContaining({ count: 2, servers: ['acme', 'globex'] })]);
  });

  it('a merged report merges again without naming its servers twice', async () => {
    const dir = tempDir('jc-merge-');
    const acme = [1, 2].map((k) => report(dir, `a${k}`, runInfo({ serverName: 'acme', ...shard(k, 2) }), [kinds.passed()]));
    const globex = [1, 2].map((k) => report(dir, `g${k}`, runInfo({ serverName: 'globex', ...shard(k, 2) }), [kinds.passed()]));
    const first = tempDir('jc-merge-first-');
    await mergeReports(await Promise.all(acme), { reporters: [createJsonReporter(first, identity)] });
    const { exitCode, json } = await merged([join(first, 'report.json'), ...(await Promise.all(globex))]);
    expect(exitCode).toBe(0);
    expect(json.counts.requests).toBe(4);
    expect(json.run.collections).toEqual(['[acme] Jamf Pro API', '[globex] Jamf Pro API']);
    expect(json.merged.reports.map((r: { server: string }) => r.server)).toEqual(['acme', 'acme', 'globex', 'globex']);
  });
});

describe('mergeReports: refusals', () => {
  const table: Array<{ name: string; a: Partial<RunInfo>; b: Partial<RunInfo>; code: string; allowed: boolean }> = [
    { name: 'different suites', a: shard(1, 2), b: { ...shard(2, 2), suite: 'suite-b' }, code: 'MERGE_MIXED', allowed: true },
    { name: 'different iteration counts', a: shard(1, 2), b: { ...shard(2, 2), iterations: 2 }, code: 'MERGE_MIXED', allowed: true },
    { name: 'one server on two Jamf Pro versions', a: shard(1, 2), b: { ...shard(2, 2), jamfVersion: '11.29.1' }, code: 'MERGE_MIXED', allowed: true },
    { name: 'shards of different splits', a: shard(1, 2), b: shard(2, 3), code: 'MERGE_MIXED', allowed: true },
    { name: 'the same shard twice', a: shard(1, 2), b: shard(1, 2), code: 'MERGE_OVERLAP', allowed: false },
    { name: 'a whole run and one of its shards', a: { suite: 'suite-a' }, b: shard(1, 2), code: 'MERGE_OVERLAP', allowed: false },
  ];
  for (const { name, a, b, code, allowed } of table) {
    it(`${name}: ${code}${allowed ? ', merged with allowMixed' : ', always'}`, async () => {
      const dir = tempDir('jc-merge-');
      const files = [await report(dir, 'a', runInfo(a), [kinds.passed()]), await report(dir, 'b', runInfo(b), [kinds.passed()])];
      await expect(mergeReports(files, { reporters: [] })).rejects.toMatchObject({ code, exitCode: 2 });
      if (allowed) await expect(mergeReports(files, { reporters: [], allowMixed: true })).resolves.toMatchObject({ summary: { counts: { requests: 2 } } });
      else await expect(mergeReports(files, { reporters: [], allowMixed: true })).rejects.toMatchObject({ code });
    });
  }

  it('not a report, another format version, a missing file: REPORT_READ naming the file', async () => {
    const dir = tempDir('jc-merge-');
    const good = await report(dir, 'ok', runInfo(), [kinds.passed()]);
    const text = readFileSync(good, 'utf8');
    const { writeFileSync } = await import('node:fs');
    const cases = {
      'old.json': text.replace('"formatVersion": 2', '"formatVersion": 1'),
      'other.json': JSON.stringify({ results: { tests: [] } }),
      'broken.json': '{"formatVersion": ',
    };
    for (const [file, content] of Object.entries(cases)) {
      writeFileSync(join(dir, file), content);
      await expect(mergeReports([good, join(dir, file)], { reporters: [] })).rejects.toMatchObject({ code: 'REPORT_READ', message: expect.stringContaining(file) });
    }
    await expect(mergeReports([join(dir, 'nope.json')], { reporters: [] })).rejects.toMatchObject({ code: 'REPORT_READ' });
  });

  it('requests that are not results, or counts that are not what the requests say: REPORT_READ naming the file and the problem, never merged', async () => {
    const dir = tempDir('jc-merge-');
    const failing = await report(dir, 'failing', runInfo(), [kinds.passed(), kinds.failedTest(), kinds.errored()]);
    const json = JSON.parse(readFileSync(failing, 'utf8')) as { counts: RunCounts; requests: unknown[] };
    const { writeFileSync } = await import('node:fs');
    const variant = (name: string, change: (j: typeof json) => void): string => {
      const copy = structuredClone(json);
      change(copy);
      writeFileSync(join(dir, name), JSON.stringify(copy));
      return join(dir, name);
    };
    const cases: Array<[string, string]> = [
      // The failures edited out of the header: merged alone, it used to pass (exit 0).
      [variant('tampered.json', (j) => Object.assign(j.counts, { testsFailed: 0, errored: 0, testsPassed: 2, sent: 3 })), 'its counts do not match its requests (sent 3, its requests 2; errored 0, its requests 1'],
      [variant('cut.json', (j) => j.requests.pop()), 'its counts do not match its requests (requests 3, its requests 2'],
      [variant('junk-request.json', (j) => (j.requests[1] = null)), '/requests/1 must be object'],
      [variant('junk-tests.json', (j) => ((j.requests[0] as Record<string, unknown>).tests = 'all good')), '/requests/0/tests must be array'],
      [variant('negative.json', (j) => (j.counts.sent = -1)), '/counts/sent must be >= 0'],
      [variant('no-counts.json', (j) => ((j as { counts: unknown }).counts = {})), "/counts must have required property 'requests'"],
    ];
    for (const [file, problem] of cases) {
      await expect(mergeReports([file], { reporters: [] }), file).rejects.toMatchObject({ code: 'REPORT_READ', exitCode: 2, message: expect.stringContaining(problem) });
    }
    // The file as written merges, and does not pass (a failed test and a request error).
    expect((await mergeReports([failing], { reporters: [] })).exitCode).not.toBe(0);
  });
});

describe('merge helpers', () => {
  it('exit codes: the rule run uses, and the worst of several', () => {
    const counts = (over: Partial<ReturnType<typeof emptyCounts>>) => ({ ...emptyCounts(), ...over });
    expect(exitCodeOf({ counts: counts({}) }, 'violation')).toBe(0);
    expect(exitCodeOf({ counts: counts({ warnings: 1 }) }, 'warning')).toBe(4);
    expect(exitCodeOf({ counts: counts({ violations: 1 }) }, 'never')).toBe(0);
    expect(exitCodeOf({ counts: counts({ errored: 1, testsFailed: 1 }) }, 'violation')).toBe(3);
    // Requests to make and none sent: nothing was checked — except in one shard of a suite, whose part may hold only skips.
    expect(exitCodeOf({ counts: counts({ requests: 2, skipped: 2, heldBack: 1 }) }, 'never')).toBe(3);
    expect(exitCodeOf({ counts: counts({ requests: 2, skipped: 2 }), shard: { index: 3, total: 3 } }, 'violation')).toBe(0);
    expect(exitCodeOf({ counts: counts({ requests: 2, sent: 1, skipped: 1 }) }, 'violation')).toBe(0);
    expect(exitCodeOf({ counts: counts({}), stopped: { kind: 'interrupted', code: 'INTERRUPTED', message: '', signal: 'SIGTERM' } }, 'violation')).toBe(143);
    const table: Array<[number[], number]> = [[[], 0], [[0, 4], 4], [[4, 3, 0], 3], [[3, 130], 130], [[130, 143, 3], 143]];
    for (const [codes, want] of table) expect(worstExitCode(codes)).toBe(want);
  });

  it('server labels: the fleet name, else the host; this machine is localhost', () => {
    expect(serverLabel('acme', 'https://x.example')).toBe('acme');
    expect(serverLabel(undefined, 'https://acme.jamfcloud.com')).toBe('acme.jamfcloud.com');
    expect(serverLabel(undefined, 'http://127.0.0.1:41234')).toBe('localhost');
  });

  it('coverage: the union of operations, statuses added up', () => {
    const spec = (exercised: Array<[string, Record<string, number>]>, untouched: string[]) => ({
      specs: [{ api: 'pro', title: 'Jamf Pro API', source: 's', totalOperations: 3, exercisedOperations: exercised.length, exercised: exercised.map(([operation, statuses]) => ({ operation, statuses })), untouched, undocumented: [], summary: '' }],
      summary: '',
    }) as Coverage;
    const u = unionCoverage([spec([['GET /a', { 200: 1 }]], ['GET /b', 'GET /c']), null, spec([['GET /a', { 200: 2, 404: 1 }], ['GET /b', { 200: 1 }]], ['GET /c'])])!;
    expect(u.specs[0]).toMatchObject({ totalOperations: 3, exercisedOperations: 2, untouched: ['GET /c'], exercised: [{ operation: 'GET /a', statuses: { 200: 3, 404: 1 } }, { operation: 'GET /b', statuses: { 200: 1 } }] });
    expect(u.summary).toBe('Jamf Pro API: 2 of 3 operations exercised (66.7%)');
    expect(unionCoverage([null, undefined])).toBeUndefined();
  });

  it('the CLI summary: a row per server and a line per run merged', async () => {
    const dir = tempDir('jc-merge-');
    const files = [
      await report(dir, 'a', runInfo({ serverName: 'acme' }), [kinds.passed()]),
      await report(dir, 'b', runInfo({ serverName: 'globex' }), [kinds.failedTest()]),
    ];
    const out = new Capture();
    await mergeReports(files, { reporters: [createMergeSummaryReporter({ stdout: out, color: false, redact: identity })] });
    expect(out.text).toMatch(/^acme\s+1\s+1/m);
    expect(out.text).toMatch(/^globex\s+1\s+1/m);
    expect(out.text).toContain('✓ acme · 1 request');
    expect(out.text).toContain('✗ globex · 1 request');
    expect(out.text).toContain('Merged verdict: failed (exit 4)');
  });
});
