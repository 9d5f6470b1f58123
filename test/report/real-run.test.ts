/**
 * Golden files from a real run against the simulator (CTRF, GitHub summary, JUnit per
 * assertion), the JUnit XSD and the CTRF schema, and counts and iteration numbers that
 * agree across every reporter. `UPDATE_GOLDEN=1` rewrites the golden files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'ctrf';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createJunitReporter } from '../../src/report/junit.ts';
import { requestFromJson } from '../../src/report/json.ts';
import type { RunSummary } from '../../src/result.ts';
import { tempDir } from '../helpers/collections.ts';
import { jenkinsXsd, junitXsdPresent, withoutTestcaseProperties, withTestcaseProperties, xsdErrors } from './junit-xsd.ts';
import { normalize, realRun, type RealRun } from './real-run.ts';

// Real CLI runs and a real browser: slow on a loaded machine, never asserted on time.
vi.setConfig({ testTimeout: 120_000 });
const GOLDEN = new URL('./golden/', import.meta.url);
let run: RealRun;
const read = (name: string): string => readFileSync(join(run.out, name), 'utf8');
beforeAll(async () => {
  run = await realRun('cli,junit,json,html,ctrf,github', ['--junit-per-assertion']);
}, 120_000);

interface JsonReport { counts: RunSummary['counts']; run: { iterations: number }; requests: Array<Record<string, unknown> & { outcome: string; iteration: number }> }
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) });
type Junit = { testsuites: { tests: string; failures: string; errors: string; testsuite: Array<{ name: string; skipped: string }> } };

/** The default, one-case-per-request JUnit, rebuilt from report.json as a shard merge would. */
async function junitFromJson(): Promise<string> {
  const report = JSON.parse(read('report.json')) as JsonReport & { run: RunSummary };
  const dir = tempDir('jc-rebuilt-');
  const reporter = createJunitReporter(dir, (t) => t);
  for (const r of report.requests) reporter.onRequest?.(requestFromJson(r));
  await reporter.onEnd?.({ ...report.run, counts: report.counts, folders: {}, notices: [], tokenRequests: 0 } as unknown as RunSummary);
  return readFileSync(join(dir, 'junit.xml'), 'utf8');
}

function golden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    if (!process.env.UPDATE_GOLDEN) console.log(`note: golden file ${name} was missing and has been written`);
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('a real run with failures, violations, skips and retries', () => {
  it('exits 3 (a request could not be made) and writes every report', () => {
    expect(run.code, run.stderr).toBe(3);
    for (const name of ['junit.xml', 'report.json', 'report.html', 'ctrf.json', 'github-summary.md']) expect(existsSync(join(run.out, name)), name).toBe(true);
  });

  it('matches the golden CTRF, GitHub summary and per-assertion JUnit', () => {
    golden('ctrf.json', normalize(read('ctrf.json'), run.serverUrl, run.out));
    golden('github-summary.md', normalize(read('github-summary.md'), run.serverUrl, run.out));
    golden('junit-per-assertion.xml', normalize(read('junit.xml'), run.serverUrl, run.out));
  });

  it('writes CTRF that the CTRF schema accepts', () => {
    const check = validate(JSON.parse(read('ctrf.json')));
    expect(check.errors).toEqual([]);
  });

  it.skipIf(!junitXsdPresent)('writes JUnit the Jenkins XSD accepts (testcase properties aside), per assertion and per request', async () => {
    const xsd = jenkinsXsd();
    for (const xml of [read('junit.xml'), await junitFromJson()]) {
      expect(await xsdErrors(xml, withTestcaseProperties(xsd))).toEqual([]);
      expect(await xsdErrors(withoutTestcaseProperties(xml), xsd)).toEqual([]);
    }
    // The check can fail: a testcase without a name is refused.
    expect(await xsdErrors(read('junit.xml').replace(/<testcase classname="[^"]*" name="[^"]*"/, '<testcase'), withTestcaseProperties(xsd))).not.toEqual([]);
  });

  it('has counts that agree across JSON, JUnit, CTRF, HTML, GitHub and the CLI', async () => {
    const json = JSON.parse(read('report.json')) as JsonReport;
    const outcomes = (o: string) => json.requests.filter((r) => r.outcome === o).length;
    const problems = outcomes('failed') + outcomes('errored');
    const junit = (parser.parse(await junitFromJson()) as Junit).testsuites;
    const ctrf = JSON.parse(read('ctrf.json')) as { results: { summary: Record<string, number> } };
    const html = JSON.parse(/<script id="jc-data" type="application\/json">([\s\S]*?)<\/script>/.exec(read('report.html'))![1]!) as { rows: number[][]; meta: { counts: RunSummary['counts'] } };
    const github = read('github-summary.md');

    expect(json.counts.requests).toBe(json.requests.length);
    expect([Number(junit.tests), ctrf.results.summary.tests, html.rows.length]).toEqual([json.counts.requests, json.counts.requests, json.counts.requests]);
    expect([Number(junit.failures) + Number(junit.errors), ctrf.results.summary.failed, html.rows.filter((r) => r[6] === 1 || r[6] === 2).length]).toEqual([problems, problems, problems]);
    expect([junit.testsuite.reduce((n, s) => n + Number(s.skipped), 0), ctrf.results.summary.skipped, html.rows.filter((r) => r[6] === 3).length]).toEqual([json.counts.skipped, json.counts.skipped, json.counts.skipped]);
    expect(html.meta.counts).toEqual(json.counts);
    expect(github).toContain(`### Failures (${problems})`);
    expect(github).toContain(`| ${json.counts.requests} | ${json.counts.sent} | ${json.counts.skipped} | ${json.counts.errored} |`);
    expect(run.stdout).toMatch(new RegExp(`^Total +${json.counts.requests} +${json.counts.sent} +${json.counts.skipped} +${json.counts.errored} `, 'm'));
    // The mix the run was built for.
    expect(json.counts).toMatchObject({ skipped: 4, errored: 2, scriptErrors: 2 });
    expect(json.counts.violations).toBeGreaterThan(0);
    expect(json.counts.warnings).toBeGreaterThan(0);
    expect(json.requests.filter((r) => (r.retries as number | undefined) === 2)).toHaveLength(2);
  });

  it('numbers iterations from 1 in every report', () => {
    const json = JSON.parse(read('report.json')) as JsonReport;
    expect([...new Set(json.requests.map((r) => r.iteration))]).toEqual([1, 2]);
    const junit = (parser.parse(read('junit.xml')) as Junit).testsuites;
    expect(junit.testsuite.map((s) => s.name)).toEqual(['Mixed (iteration 1)', 'Mixed (iteration 2)']);
    const ctrf = JSON.parse(read('ctrf.json')) as { results: { tests: Array<{ labels: { iteration: number } }> } };
    expect([...new Set(ctrf.results.tests.map((t) => t.labels.iteration))]).toEqual([1, 2]);
    expect(run.stdout).toContain('[1] ✗ GET Buildings / List buildings');
    expect(run.stdout).toContain('[2] ✗ GET Buildings / List buildings');
    expect(read('github-summary.md')).toContain('\\[iteration 2\\]');
  });
});
