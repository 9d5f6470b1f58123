/**
 * The report side of a trustworthy verdict, through the real CLI: reports are never stale
 * (every ending leaves this run's reports or none), bad report flags get one clear line,
 * `--out` alone writes reports, per-reporter file names, newman's flags, and tolerances at
 * every `--fail-on` level.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { closedPort } from '../helpers/http.ts';
import { collection, expectStatus, request, tempDir, writeFile } from '../helpers/collections.ts';
import { filesIn, readReport } from '../helpers/reports.ts';
import { DEMO, simulator } from '../helpers/simulator.ts';

const fixture = (name: string): string => `test/fixtures/${name}`;
const GREEN = fixture('pro-baseurl.postman_collection.json');
const DEAD_TEMP = '.report.json.4194400.abcd1234.requests';
// Each case spawns the CLI (some several times): on a loaded machine that takes a while.
vi.setConfig({ testTimeout: 120_000 });
let sim: RunningSimulator;
let env: Record<string, string>;
/** The reports of a green run, copied into each case's --out before it runs. */
let green: string;
let inventory: string;

beforeAll(async () => {
  sim = await simulator();
  env = { JAMF_URL: sim.url, JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret };
  green = join(tempDir(), 'green');
  const r = await runCli(['run', GREEN, '--reporter', 'junit,json,html,ctrf,github', '--out', green], env);
  if (r.code !== 0) throw new Error(`the green run failed: ${r.stderr}`);
  writeFileSync(join(green, DEAD_TEMP), 'partial');
  inventory = writeFile(tempDir(), 'inventory.json', collection('Inventory', [request('Inventory', '{{baseUrl}}/v1/computers-inventory?section=GENERAL', { tests: expectStatus(200) })]));
}, 60_000);
afterAll(() => sim.close());

function staleOut(): string {
  const out = join(tempDir(), 'reports');
  cpSync(green, out, { recursive: true });
  return out;
}

const ALL = ['--reporter', 'cli,junit,json,html,ctrf,github'];
const oneLine = (r: CliResult, code: string): void => {
  const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('No server configured'));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^error\\[${code}\\]: `));
};

describe('reports are never stale', () => {
  const dir = tempDir();
  const badCsv = writeFile(dir, 'bad.csv', 'a,b\n"unterminated\n');
  const badBaseline = writeFile(dir, 'baseline.json', '{"not":"a baseline"}');
  const endings: Array<{ name: string; args: () => Promise<string[]>; exit: number; error?: string; extraEnv?: () => Promise<Record<string, string>> }> = [
    { name: 'a bad collection', args: async () => [fixture('not-json.postman_collection.json')], exit: 2, error: 'COLLECTION_PARSE' },
    { name: '--folder Nope', args: async () => [GREEN, '--folder', 'Nope'], exit: 2, error: 'FOLDER_NOT_FOUND' },
    { name: 'a garbage --baseline', args: async () => [GREEN, '--baseline', badBaseline], exit: 2, error: 'BASELINE_INVALID' },
    { name: 'a bad -e', args: async () => [GREEN, '-e', join(dir, 'missing-env.json')], exit: 2, error: 'ENVIRONMENT_READ' },
    { name: 'a bad CSV', args: async () => [GREEN, '-d', badCsv], exit: 2, error: 'DATA_INVALID' },
    { name: '--retries 9', args: async () => [GREEN, '--retries', '9'], exit: 1, error: 'USAGE' },
    { name: '--tolerate bogus-kind', args: async () => [GREEN, '--tolerate', 'bogus-kind'], exit: 1, error: 'USAGE' },
    { name: 'an unknown reporter', args: async () => [GREEN, '--reporter', 'pdf'], exit: 1, error: 'USAGE' },
    { name: 'an unknown flag', args: async () => [GREEN, '--no-such-flag'], exit: 1 },
    { name: 'a bad --fail-on', args: async () => [GREEN, '--fail-on', 'bogus'], exit: 1 },
    { name: 'an unreachable server', args: async () => [GREEN], exit: 3, error: 'NETWORK', extraEnv: async () => ({ JAMF_URL: `http://127.0.0.1:${await closedPort()}` }) },
  ];
  it.each(endings)('$name: exit $exit, no report left in --out', async ({ args, exit, error, extraEnv }) => {
    const out = staleOut();
    const r = await runCli(['run', ...ALL, '--out', out, ...(await args())], { ...env, ...(await extraEnv?.()) });
    expect(r.code, r.stderr).toBe(exit);
    if (error) oneLine(r, error);
    expect(filesIn(out)).toEqual([]);
  });

  it.each([
    { name: 'success', args: [GREEN], exit: 0 },
    { name: 'failed tests', args: [fixture('failing.postman_collection.json')], exit: 4 },
  ])('$name: exit $exit, every report is this run\'s, no temp file', async ({ args, exit }) => {
    const out = staleOut();
    const before = readReport(out).run;
    const r = await runCli(['run', ...ALL, '--out', out, ...args], env);
    expect(r.code, r.stderr).toBe(exit);
    expect(filesIn(out).sort()).toEqual(['ctrf.json', 'github-summary.md', 'junit.xml', 'report.html', 'report.json']);
    expect(readReport(out).run).not.toEqual(before);
  });

  it('clears the export paths too', async () => {
    const out = staleOut();
    const custom = join(tempDir(), 'custom.xml');
    writeFileSync(custom, 'stale');
    const r = await runCli(['run', GREEN, '--out', out, `--reporter-junit-export=${custom}`, '--folder', 'Nope'], env);
    expect(r.code).toBe(2);
    expect(existsSync(custom)).toBe(false);
  });
});

describe('report flags', () => {
  it('--out naming a file: one REPORT_WRITE line, exit 3', async () => {
    const file = writeFile(tempDir(), 'not-a-dir', 'x');
    const r = await runCli(['run', GREEN, '--out', file], env);
    expect(r.code).toBe(3);
    oneLine(r, 'REPORT_WRITE');
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('--out without --reporter writes junit.xml and report.json beside the terminal summary', async () => {
    const out = join(tempDir(), 'reports');
    const r = await runCli(['run', GREEN, '--out', out], env);
    expect(r.code, r.stderr).toBe(0);
    expect(filesIn(out).sort()).toEqual(['junit.xml', 'report.json']);
    expect(r.stdout).toMatch(/^Total /m);
  });

  it('per-reporter file names: two jobs never share one file', async () => {
    const dir = tempDir();
    const out = join(dir, 'reports');
    const r = await runCli(['run', GREEN, '--out', out, '--reporter', 'junit,ctrf,html',
      '--reporter-junit-export', join(dir, 'job-a', 'junit.xml'), '--reporter-ctrf-export', `${join(dir, 'ctrf-dir')}/`, '--reporter-html-export', join(dir, 'page.html')], env);
    expect(r.code, r.stderr).toBe(0);
    expect(filesIn(join(dir, 'job-a'))).toEqual(['junit.xml']);
    expect(filesIn(join(dir, 'ctrf-dir'))).toEqual(['ctrf.json']);
    expect(existsSync(join(dir, 'page.html'))).toBe(true);
    expect(filesIn(out)).toEqual([]);
  });

  it('--reporter github appends to $GITHUB_STEP_SUMMARY and prints annotations', async () => {
    const summary = writeFile(tempDir(), 'step.md', '# before\n');
    const r = await runCli(['run', fixture('failing.postman_collection.json'), '--reporter', 'github'], { ...env, GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(4);
    expect(readFileSync(summary, 'utf8')).toMatch(/^# before\n## ❌ jamf-contract: failed/);
    expect(r.stdout).toMatch(/^::error title=GET Failing \/ .*::test failed/m);
  });

  it('--junit-per-assertion needs a JUnit report', async () => {
    const r = await runCli(['run', GREEN, '--reporter', 'json', '--out', join(tempDir(), 'o'), '--junit-per-assertion'], env);
    expect(r.code).toBe(1);
    oneLine(r, 'USAGE');
  });
});

describe('tolerances at every level', () => {
  it('--fail-on warning fails on inventory warnings, and passes when they are tolerated', async () => {
    const strict = await runCli(['run', inventory, '--fail-on', 'warning'], env);
    expect(strict.code, strict.stdout).toBe(4);
    expect(strict.stdout).toMatch(/Warnings: \d+\n {4}null-in-non-nullable · GET \/v1\/computers-inventory ×\d+\n {6}first: /);
    const tolerant = await runCli(['run', inventory, '--fail-on', 'warning', '--tolerate', 'null-in-non-nullable', '--tolerate', 'deprecated'], env);
    expect(tolerant.code, tolerant.stdout).toBe(0);
    expect(tolerant.stdout).toContain('Tolerated (--tolerate: reported, never failing)');
    const scoped = await runCli(['run', inventory, '--fail-on', 'warning', '--tolerate', 'null-in-non-nullable@GET /v1/computers-inventory', '--tolerate', 'deprecated@/v1/computers-inventory'], env);
    expect(scoped.code, scoped.stdout).toBe(0);
  });
});

describe('newman\'s flags', () => {
  it('a newman command line runs unchanged', async () => {
    const dir = tempDir();
    const envFile = writeFile(dir, 'env.json', { name: 'staging', values: [{ key: 'baseUrl', value: `${sim.url}/api`, enabled: true }] });
    // newman run <collection> -e env.json -r cli,json,junit --reporter-junit-export … (from newman's README), plus the flags QA scripts pass.
    const r = await runCli(['run', GREEN, '-e', envFile, '-r', 'cli,json,junit', '--reporter-junit-export', join(dir, 'results.xml'), '--reporter-json-export', join(dir, 'results.json'),
      '--env-var', 'extra=1', '--iteration-count', '2', '--timeout-request', '5000', '--color', 'off'], { JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'results.xml'), 'utf8')).toContain('<testsuites');
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).run.iterations).toBe(2);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('--environment, --reporters and -x', async () => {
    const dir = tempDir();
    const envFile = writeFile(dir, 'env.json', { name: 'staging', values: [{ key: 'baseUrl', value: `${sim.url}/api`, enabled: true }] });
    const out = join(dir, 'out');
    const r = await runCli(['run', fixture('failing.postman_collection.json'), '--environment', envFile, '--reporters', 'json', '--out', out, '-x'], { JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret });
    expect(r.code, r.stderr).toBe(0);
    expect(readReport(out).counts.testsFailed).toBeGreaterThan(0);
    // Without -x the same run exits 4 (test/e2e/cli.test.ts); the long spelling:
    expect((await runCli(['run', fixture('failing.postman_collection.json'), '--suppress-exit-code'], env)).code).toBe(0);
  });

  it('-x keeps the code of errors that stop the run', async () => {
    const r = await runCli(['run', fixture('not-json.postman_collection.json'), '-x'], env);
    expect(r.code).toBe(2);
  });

  it('both spellings with different values are refused', async () => {
    const r = await runCli(['run', GREEN, '--iterations', '2', '--iteration-count', '3'], env);
    expect(r.code).toBe(1);
    oneLine(r, 'USAGE');
  });

  it('--silent prints nothing on stdout and still writes files', async () => {
    const out = join(tempDir(), 'o');
    const r = await runCli(['run', GREEN, '--silent', '--out', out], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(filesIn(out).sort()).toEqual(['junit.xml', 'report.json']);
  });

  it('--color on colours a run without a terminal (the rules are unit-tested in test/unit/cli/newman-flags.test.ts)', async () => {
    const r = await runCli(['run', fixture('failing.postman_collection.json'), '--color', 'on'], env);
    expect(r.stdout).toContain('\u001b[');
  });
});
