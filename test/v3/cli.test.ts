/**
 * The CLI on Postman v12 collections: `run` over v3 folders writes the same JUnit and JSON
 * reports with the same exit codes as over v2.1; `--folder`, `--env` and `--globals` take
 * v3 names and files; `convert` goes both ways; bad YAML is one line naming file:line:col.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/collections.ts';
import { filesIn, readJunit, readReport } from '../helpers/reports.ts';
import { DEMO, simulator } from '../helpers/simulator.ts';
import { writeTree, y } from '../helpers/v3.ts';

let sim: RunningSimulator;
let env: Record<string, string>;
beforeAll(async () => {
  sim = await simulator();
  env = { JAMF_URL: sim.url, JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret };
});
afterAll(async () => {
  await sim.close();
});

async function run(args: string[]): Promise<CliResult & { out: string }> {
  const out = join(tempDir(), 'reports');
  return { ...(await runCli(['run', '--reporter', 'cli,json,junit', '--out', out, ...args], env)), out };
}

/** A v3 suite with a failing test in one folder and a variable that only the globals file defines. */
function suite(): string {
  return writeTree({
    '.resources/definition.yaml': y('$kind: collection', 'name: V3 suite'),
    'Buildings/.resources/definition.yaml': y('$kind: collection', 'order: 1000'),
    'Buildings/list.request.yaml': y(
      '$kind: http-request', "url: '{{baseUrl}}/v1/buildings?page=0&page-size=5'", 'method: GET', 'queryParams:', "  page: '0'", "  page-size: '5'",
      'scripts:', '  - type: afterResponse', '    code: |-', "      pm.test('200', () => pm.response.to.have.status(200));", 'order: 1000',
    ),
    'Failing/.resources/definition.yaml': y('$kind: collection', 'order: 2000'),
    'Failing/wrong.request.yaml': y(
      '$kind: http-request', "url: '{{baseUrl}}/v1/departments'", 'method: GET',
      'scripts:', '  - type: afterResponse', '    code: |-', "      pm.test('expects 418', () => pm.response.to.have.status(418));",
    ),
    'Globals/who.request.yaml': y('$kind: http-request', "url: '{{baseUrl}}/v1/{{fromGlobals}}'", 'method: GET'),
  });
}

// Sequential, with room for a busy machine: each test spawns the CLI (and a simulator run) once or more.
const SLOW = 120_000;

describe('run over v3 folders', () => {
  it('exit 4 for a failing pm.test, as with v2.1; JUnit and JSON reports agree with the v2.1 conversion', async () => {
    const dir = suite();
    const json = join(tempDir(), 'suite.postman_collection.json');
    const converted = await runCli(['convert', dir, '-o', json], env);
    expect(converted.code, converted.stderr).toBe(0);
    const [v3, v21] = await Promise.all([run([dir]), run([json])]);
    expect(v3.code, v3.stderr).toBe(4);
    expect(v21.code).toBe(4);
    const [r3, r21] = [readReport(v3.out), readReport(v21.out)];
    const shape = (r: typeof r3): unknown => r.requests.map((q) => [q.folders, q.itemName, q.response?.status, q.skipped?.reason, q.tests.map((t) => [t.name, t.passed])]);
    expect(shape(r3)).toEqual(shape(r21));
    expect(r3.counts).toEqual(r21.counts);
    const [j3, j21] = [readJunit(v3.out), readJunit(v21.out)];
    expect(Number(j3.testsuites['@_failures'])).toBe(1);
    for (const key of ['@_tests', '@_failures', '@_errors'] as const) expect(j3.testsuites[key]).toEqual(j21.testsuites[key]);
  }, SLOW);

  it('exit 0 for the project\'s v3 Classic collection; --folder takes v3 folder names', async () => {
    const r = await run(['collections/jamf-classic-api', '--folder', 'buildings']);
    expect(r.code, r.stderr).toBe(0);
    const report = readReport(r.out);
    expect(new Set(report.requests.map((q) => q.folders.join('/')))).toEqual(new Set(['buildings']));
    expect(report.requests.length).toBe(4);
  }, SLOW);

  it('--globals (v3 *.globals.yaml) and --env (v3 *.environment.yaml) feed the run; their names count as defined', async () => {
    const dir = suite();
    const files = writeTree({
      'postman/globals/workspace.globals.yaml': y('name: Globals', 'values:', '  - key: fromGlobals', '    value: buildings', '    enabled: true', '    type: default'),
      'postman/environments/Sim.environment.yaml': y('name: Sim', 'values:', '  - key: baseUrl', `    value: '${sim.url}/api'`, '    enabled: true', '    type: default'),
    });
    const out = join(tempDir(), 'reports');
    const r = await runCli(['run', dir, '--reporter', 'json', '--out', out, '--folder', 'Globals', '--globals', join(files, 'postman/globals/workspace.globals.yaml'), '--env', join(files, 'postman/environments/Sim.environment.yaml')], {
      JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret,
    });
    expect(r.code, r.stderr).toBe(0);
    const [who] = readReport(out).requests;
    expect(who?.skipped).toBeUndefined();
    expect(who?.url).toBe(`${sim.url}/api/v1/buildings`);
    expect(who?.response?.status).toBe(200);
  }, SLOW);

  it('exit 2: bad YAML is one line naming file, line and column; no report files', async () => {
    const dir = writeTree({ 'broken.request.yaml': y('$kind: http-request', 'url: {{baseUrl}}/v1/buildings', 'method: GET') });
    const r = await run([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('error['))).toEqual([expect.stringMatching(/^error\[COLLECTION_PARSE\]: .*broken\.request\.yaml:2:\d+: invalid YAML/)]);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(filesIn(r.out)).toEqual([]);
  }, SLOW);

  it('a non-HTTP request is listed in the notices, naming its file', async () => {
    const dir = suite();
    writeTree({ 'Buildings/search.request.yaml': y('$kind: graphql-request', "url: '{{baseUrl}}/graphql'") }, dir);
    const r = await run([dir, '--folder', 'Buildings']);
    expect(r.code, r.stderr).toBe(0);
    expect(readReport(r.out).notices).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'warning', code: 'V3_SKIPPED', message: expect.stringContaining('Buildings/search.request.yaml: $kind graphql-request') })]));
    expect(r.stdout + r.stderr).toContain('search.request.yaml');
  }, SLOW);
});

describe('convert and help', () => {
  it('v2.1 → v3 → v2.1 through the CLI, environments too; --force replaces only v3 folders', async () => {
    const work = tempDir();
    const v3 = join(work, 'classic');
    const toV3 = await runCli(['convert', 'collections/jamf-classic-api.postman_collection.json', '-o', v3]);
    expect(toV3.code, toV3.stderr).toBe(0);
    expect(existsSync(join(v3, '.resources/definition.yaml'))).toBe(true);
    expect(existsSync(join(v3, 'buildings/List buildings (XML).request.yaml'))).toBe(true);
    const again = await runCli(['convert', 'collections/jamf-classic-api.postman_collection.json', '-o', v3]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/--force/);
    expect((await runCli(['convert', 'collections/jamf-classic-api.postman_collection.json', '-o', v3, '--force'])).code).toBe(0);
    const notV3 = writeTree({ 'notes.txt': 'mine' });
    expect((await runCli(['convert', 'collections/jamf-classic-api.postman_collection.json', '-o', notV3, '--force'])).code).toBe(1);
    expect(readFileSync(join(notV3, 'notes.txt'), 'utf8')).toBe('mine');
    const back = join(work, 'classic.json');
    expect((await runCli(['convert', v3, '-o', back])).code).toBe(0);
    expect(JSON.parse(readFileSync(back, 'utf8')).info.name).toBe('Jamf Classic API regression (jamf-contract)');
    const envYaml = join(work, 'staging.environment.yaml');
    expect((await runCli(['convert', 'environments/staging.postman_environment.json', '-o', envYaml])).code).toBe(0);
    expect(readFileSync(envYaml, 'utf8')).toBe(readFileSync('environments/staging.environment.yaml', 'utf8'));
    const envJson = join(work, 'staging.json');
    expect((await runCli(['convert', envYaml, '-o', envJson])).code).toBe(0);
    expect(JSON.parse(readFileSync(envJson, 'utf8')).values).toEqual([
      { key: 'url', value: 'https://yourorg-staging.jamfcloud.com', type: 'default', enabled: true },
      { key: 'baseUrl', value: 'https://yourorg-staging.jamfcloud.com/api', type: 'default', enabled: true },
    ]);
  }, SLOW);

  it('--help: run names v2.0/v2.1/v3 and --globals; convert explains both directions', async () => {
    const runHelp = await runCli(['run', '--help']);
    expect(runHelp.stdout).toMatch(/v2\.0\/v2\.1/);
    expect(runHelp.stdout).toMatch(/v3 collection folders/);
    expect(runHelp.stdout).toMatch(/-g, --globals <file>/);
    const convertHelp = await runCli(['convert', '--help']);
    expect(convertHelp.code).toBe(0);
    expect(convertHelp.stdout).toMatch(/Postman Collection v3/);
    expect(convertHelp.stdout).toMatch(/-o, --out <path>/);
  }, SLOW);
});
