/**
 * Golden runs of the real CLI (`node bin/jamf-contract.js run …`) with a clean environment
 * and JAMF_* variables, against a simulator this file starts: each variable convention,
 * read-only holds, strict variables, folders, iterations, JUnit validity, every exit code,
 * and bad input that leaves one clear line and no report files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { tempDir, writeFile } from '../helpers/collections.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { closedPort } from '../helpers/http.ts';
import { filesIn, readJunit, readReport } from '../helpers/reports.ts';
import { DEMO, simulator, stats } from '../helpers/simulator.ts';

// CLI runs one after another: on a loaded machine (or beside the other CLI and browser tests) they take a while.
vi.setConfig({ testTimeout: 120_000 });
const fixture = (name: string): string => `test/fixtures/${name}`;
let sim: RunningSimulator;
/** Its own simulator, so its token count is not mixed with concurrent runs'. */
let golden: RunningSimulator;
let env: Record<string, string>;
beforeAll(async () => {
  [sim, golden] = await Promise.all([simulator(), simulator()]);
  env = { JAMF_URL: sim.url, JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret };
});
afterAll(async () => {
  await Promise.all([sim.close(), golden.close()]);
});

/** Runs with json+junit reporters into a fresh directory; returns the result and that directory. */
async function run(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult & { out: string }> {
  const out = join(tempDir(), 'reports');
  const result = await runCli(['run', '--reporter', 'cli,json,junit', '--out', out, ...args], { ...env, ...extraEnv });
  return { ...result, out };
}

function expectNoStack(r: CliResult): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe('golden runs', () => {
  it('one read-only run: every convention resolves, writes and unresolved requests are listed, one token, exit 0', async () => {
    const sim = golden;
    const r = await run([
      fixture('pro-baseurl.postman_collection.json'),
      fixture('classic-url.postman_collection.json'),
      fixture('classic-host.postman_collection.json'),
      fixture('unresolved.postman_collection.json'),
      fixture('writes.postman_collection.json'),
      '--iterations', '2',
    ], { JAMF_URL: golden.url });
    expect(r.code, r.stderr).toBe(0);
    const report = readReport(r.out);
    const of = (collection: string) => report.requests.filter((q) => q.collection === collection && q.iteration === 1);
    // {{baseUrl}} = server + /api; {{url}} = server; https://{{url}} = bare host (scheme follows the server).
    for (const [collection, prefix] of [['Pro baseUrl', `${sim.url}/api/v1/`], ['Classic url', `${sim.url}/JSSResource/`], ['Classic bare host', `${sim.url}/JSSResource/`]] as const) {
      const sent = of(collection);
      expect(sent.length).toBeGreaterThan(1);
      for (const q of sent) {
        expect(q.url.startsWith(prefix), q.url).toBe(true);
        expect(q.response?.status).toBe(200);
      }
    }
    const host = new URL(sim.url).host;
    const serverNotices = report.notices.filter((n) => n.code === 'SERVER_VARIABLES').map((n) => n.message);
    expect(serverNotices).toEqual(expect.arrayContaining([
      expect.stringContaining(`{{baseUrl}} = ${sim.url}/api`),
      expect.stringContaining(`{{url}} = ${sim.url}`),
      expect.stringContaining(`{{url}} = ${host}`),
    ]));
    // Unresolved: skipped with every name each request lacks, and named in the summary.
    expect(of('Unresolved').map((q) => q.skipped?.variables)).toEqual([undefined, ['id'], ['name', 'subset']]);
    expect(r.stdout).toMatch(/\{\{subset\}\}/);
    // Read-only: writes held back in place, destructive ones too.
    expect(of('Writes').map((q) => [q.itemName, q.skipped?.reason ?? q.response?.status])).toEqual([
      ['list', 200],
      ['create building', 'read-only'],
      ['delete computer', 'destructive'],
      ['erase device', 'destructive'],
      ['list again', 200],
    ]);
    expect(report.counts.testsFailed).toBe(0);
    expect(report.requests).toHaveLength(2 * (3 + 2 + 2 + 3 + 5));
    // The token endpoint: once for the whole run.
    expect(report.run.tokenRequests).toBe(1);
    expect((await stats(sim)).tokensIssued).toEqual({ 'demo-client': 1 });
  });

  it('--allow-writes sends writes but still holds destructive ones', async () => {
    const r = await run([fixture('writes.postman_collection.json'), '--allow-writes'], { JAMF_CLIENT_ID: 'admin-client', JAMF_CLIENT_SECRET: 'admin-secret' });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readReport(r.out).requests.map((q) => [q.itemName, q.skipped?.reason ?? q.response?.status])).toEqual([
      ['list', 200],
      ['create building', 201],
      ['delete computer', 'destructive'],
      ['erase device', 'destructive'],
      ['list again', 200],
    ]);
  });

  it('--folder runs only the named folders, at any depth', async () => {
    const r = await run([fixture('pro-baseurl.postman_collection.json'), '--folder', 'Buildings', '--folder', 'Version']);
    expect(r.code, r.stderr).toBe(0);
    expect(readReport(r.out).requests.map((q) => q.itemName)).toEqual(['list buildings', 'version']);
  });

  it('iterations: exit 4 for a failing pm.test; JUnit parses and its counts match the JSON report for every iteration', async () => {
    const r = await run([fixture('pro-baseurl.postman_collection.json'), fixture('failing.postman_collection.json'), fixture('writes.postman_collection.json'), '--iterations', '3']);
    expect(r.code).toBe(4);
    const report = readReport(r.out);
    const junit = readJunit(r.out);
    expect(report.requests).toHaveLength(3 * (3 + 1 + 5));
    expect(new Set(report.requests.map((q) => q.iteration))).toEqual(new Set([1, 2, 3]));
    expect(report.counts).toMatchObject({ testsFailed: 3, errored: 0 });
    const suites = junit.testsuites.testsuite;
    const cases = suites.flatMap((s) => s.testcase ?? []);
    expect(cases).toHaveLength(report.requests.length);
    expect(Number(junit.testsuites['@_tests'])).toBe(report.counts.requests);
    expect(suites.reduce((n, s) => n + Number(s['@_skipped']), 0)).toBe(report.counts.skipped);
    expect(cases.filter((c) => c.skipped !== undefined)).toHaveLength(report.counts.skipped);
    expect(Number(junit.testsuites['@_errors'])).toBe(0);
    const failed = cases.filter((c) => c.failure !== undefined);
    expect(Number(junit.testsuites['@_failures'])).toBe(failed.length);
    expect(failed.map((c) => c['@_name'])).toEqual(['buildings', 'buildings', 'buildings']);
    for (const s of suites) expect(Number(s['@_tests'])).toBe(s.testcase?.length ?? 0);
  });

  it('--strict-variables refuses the run: exit 2, one line naming every variable, no report files', async () => {
    const r = await run([fixture('unresolved.postman_collection.json'), '--strict-variables']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error\[VARIABLES_UNRESOLVED\].*\{\{id\}\}.*\{\{name\}\}.*\{\{subset\}\}/);
    expect(filesIn(r.out)).toEqual([]);
  });

  it('a run that sends nothing (every request skipped or held back) does not pass: exit 3, a NOTHING_SENT warning, the reports say so', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'idle.json', {
      info: { name: 'Idle', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'by id', request: { method: 'GET', url: '{{baseUrl}}/v1/buildings/{{buildingId}}' }, event: [{ listen: 'test', script: { exec: ['pm.test("200", () => pm.response.to.have.status(200));'] } }] },
        { name: 'create', request: { method: 'POST', url: '{{baseUrl}}/v1/buildings', body: { mode: 'raw', raw: '{"name":"x"}' } } },
      ],
    });
    const r = await run([file]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Nothing was sent: all 2 requests were skipped or held back');
    const report = readReport(r.out);
    expect(report.counts).toMatchObject({ requests: 2, sent: 0, skipped: 2 });
    expect(report.notices.map((n) => n.code)).toContain('NOTHING_SENT');
    // The same collection with the id given sends its read: a pass again.
    const given = await run([file, '--var', 'buildingId=1']);
    expect(given.code).toBe(0);
    expect(given.stdout).not.toContain('Nothing was sent');
    expect(readReport(given.out).counts).toMatchObject({ requests: 2, sent: 1 });
  });

  it('exit 1: usage errors', async () => {
    for (const args of [['--no-such-flag'], ['--server', 'jamf.example.com']]) {
      const r = await runCli(['run', fixture('pro-baseurl.postman_collection.json'), ...args], env);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expectNoStack(r);
    }
  });

  it('exit 1, nothing removed, nothing sent: a report, --save-baseline or --export-environment onto a file the run reads', async () => {
    const dir = tempDir();
    const text = JSON.stringify({ info: { name: 'Mine', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'v', request: { method: 'GET', url: '{{baseUrl}}/v1/jamf-pro-version' } }] });
    const mine = writeFile(dir, 'mine.json', text);
    const before = await stats(sim);
    for (const args of [['--reporter-json-export', mine], ['--save-baseline', mine], ['--export-environment', mine], ['-e', mine, '--out', dir, '--reporter-junit-export', join(dir, 'mine.json')]]) {
      const r = await runCli(['run', mine, ...args], env);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/^error\[USAGE\]: .*mine\.json/);
      expectNoStack(r);
      expect(readFileSync(mine, 'utf8')).toBe(text);
    }
    // Only the stats calls themselves reached the server.
    expect((await stats(sim)).requests).toEqual({ ...before.requests, 'GET /__simulator/stats': (before.requests['GET /__simulator/stats'] ?? 0) + 1 });
  });

  const badInput: Array<{ name: string; args: string[]; code: string }> = [
    { name: 'not JSON', args: [fixture('not-json.postman_collection.json')], code: 'COLLECTION_PARSE' },
    { name: 'an environment passed as a collection', args: [fixture('environment.postman_environment.json')], code: 'COLLECTION_NOT_POSTMAN' },
    { name: 'a collection of an unknown schema version', args: [fixture('unknown-schema.postman_collection.json')], code: 'COLLECTION_VERSION' },
    { name: 'an unknown --folder', args: [fixture('pro-baseurl.postman_collection.json'), '--folder', 'Nope'], code: 'FOLDER_NOT_FOUND' },
  ];
  for (const b of badInput) {
    it(`exit 2: ${b.name} → one line ${b.code}, no stack, no report files`, async () => {
      const r = await run(b.args);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^error\\[${b.code}\\]: `));
      expectNoStack(r);
      expect(filesIn(r.out)).toEqual([]);
    });
  }

  const cannotRun: Array<{ name: string; env: () => Promise<Record<string, string>>; code: string }> = [
    { name: 'wrong secret', env: async () => ({ JAMF_CLIENT_SECRET: 'wrong-secret-value' }), code: 'AUTH_INVALID_CLIENT' },
    { name: 'unreachable server', env: async () => ({ JAMF_URL: `http://127.0.0.1:${await closedPort()}` }), code: 'NETWORK' },
  ];
  for (const c of cannotRun) {
    it(`exit 3: ${c.name} → ${c.code}, no report files, no secret`, async () => {
      const extra = await c.env();
      const r = await run([fixture('pro-baseurl.postman_collection.json')], extra);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`error[${c.code}]`);
      expectNoStack(r);
      expect(r.stderr + r.stdout).not.toContain(extra.JAMF_CLIENT_SECRET ?? DEMO.clientSecret);
      expect(filesIn(r.out)).toEqual([]);
    });
  }
});

describe('TLS through the CLI', () => {
  let tls: RunningSimulator;
  let ca: string;
  beforeAll(async () => {
    tls = await simulator({ tls: true });
    ca = writeFile(tempDir(), 'ca.pem', tls.ca ?? '');
  });
  afterAll(() => tls.close());

  it('refused without --ca: exit 3 (TLS), no report files', async () => {
    const r = await run([fixture('pro-baseurl.postman_collection.json')], { JAMF_URL: tls.url });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error[TLS]');
    expect(filesIn(r.out)).toEqual([]);
  });

  it('accepted with --ca', async () => {
    const r = await run([fixture('pro-baseurl.postman_collection.json'), '--ca', ca], { JAMF_URL: tls.url });
    expect(r.code, r.stderr).toBe(0);
    expect(readReport(r.out).counts).toMatchObject({ sent: 3, testsFailed: 0 });
  });
});
