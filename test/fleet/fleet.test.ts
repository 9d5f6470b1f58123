/**
 * A fleet of three simulators — one healthy, one whose client secret was rotated (tokens
 * revoked first), one answering 5xx — each with its own API client and secret. The fleet
 * gives three per-server verdicts and a merged report with a server column, and no server's
 * secret appears in any report or output (every file written and both streams are searched).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/fleet/config.ts';
import { runFleet, type FleetResult } from '../../src/fleet/run.ts';
import { createJsonReporter } from '../../src/report/json.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { repoRoot, runCli, type CliResult } from '../helpers/cli.ts';
import { collection, expectStatus, folder, request, tempDir, writeFile } from '../helpers/collections.ts';
import { simulator } from '../helpers/simulator.ts';

const SECRETS = { alpha: 'alpha-Secret-7c1f0e9a2b', beta: 'beta-Secret-5d38a61c4e', gamma: 'gamma-Secret-90b2e7f315' };
const ENV = {
  ALPHA_ID: 'alpha-client', ALPHA_SECRET: SECRETS.alpha,
  BETA_ID: 'beta-client', BETA_SECRET: SECRETS.beta,
  GAMMA_ID: 'gamma-client', GAMMA_SECRET: SECRETS.gamma,
};

/** A simulator whose only API client is `id` with `secret`. */
function clientConfig(id: string, secret: string): unknown {
  return { apiClients: [{ id: 1, displayName: `Fleet ${id}`, clientId: id, clientSecret: secret, enabled: true, accessTokenLifetimeSeconds: 600, authorizationScopes: ['Read Everything'] }] };
}

async function startFleet(): Promise<RunningSimulator[]> {
  const alpha = await simulator({ config: clientConfig('alpha-client', SECRETS.alpha) });
  const beta = await simulator({ config: clientConfig('beta-client', SECRETS.beta) });
  const gamma = await simulator({ config: clientConfig('gamma-client', SECRETS.gamma), faults: { faults: [{ kind: 'error', rate: 1, status: [500], path: '/api/v1/buildings*' }] } });
  // An admin regenerates beta's secret: its tokens are gone and the secret the fleet holds no longer works.
  beta.state.auth.tokens.clear();
  beta.state.rotateSecret('beta-client');
  return [alpha, beta, gamma];
}

function fleetYaml(sims: RunningSimulator[]): string {
  const names = ['alpha', 'beta', 'gamma'];
  return `servers:\n${sims.map((s, i) => {
    const up = names[i]!.toUpperCase();
    return `  - name: ${names[i]}\n    url: ${s.url}\n    clientIdEnv: ${up}_ID\n    clientSecretEnv: ${up}_SECRET\n    jamfVersion: ">=11.29"\n`;
  }).join('')}`;
}

/** Every file under `dir`, by path relative to it. */
function filesUnder(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(out, filesUnder(full, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(full, 'utf8');
  }
  return out;
}

function leaks(outputs: Record<string, string>): string[] {
  return Object.entries(outputs).flatMap(([name, text]) => Object.values(SECRETS).filter((s) => text.includes(s)).map((s) => `${s} in ${name}`));
}

describe('a fleet of three servers (library)', () => {
  let sims: RunningSimulator[];
  let result: FleetResult;
  const out = tempDir('jc-fleet-');
  beforeAll(async () => {
    sims = await startFleet();
    const dir = tempDir('jc-fleet-c-');
    const file = writeFile(dir, 'small.json', collection('Small', [
      folder('Buildings', [request('list', '{{baseUrl}}/v1/buildings', { tests: expectStatus(200) })]),
      folder('Departments', [request('list', '{{baseUrl}}/v1/departments', { tests: expectStatus(200) })]),
    ]));
    result = await runFleet({
      fleet: parseFleet(fleetYaml(sims), join(dir, 'fleet.yaml')),
      env: ENV,
      run: { collections: [file] },
      outDir: out,
      hosts: 3,
      mergedReporters: (r) => [createJsonReporter(out, (t) => r.redact(t))],
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });

  it('gives one verdict per server: passed, could not run (secret rotated), failed (5xx)', () => {
    expect(result.servers.map((s) => [s.server.name, s.exitCode])).toEqual([['alpha', 0], ['beta', 3], ['gamma', 4]]);
    expect(result.servers[1]!.summary.stopped).toMatchObject({ kind: 'error', code: 'AUTH_INVALID_CLIENT', message: expect.stringContaining('BETA_SECRET') });
    expect(result.servers[2]!.summary.counts).toMatchObject({ requests: 2, testsFailed: 1, testsPassed: 1 });
    expect(result.exitCode).toBe(3);
  });

  it('writes a report per server and a merged one with a server column', () => {
    for (const name of ['alpha', 'beta', 'gamma']) {
      const report = JSON.parse(readFileSync(join(out, name, 'report.json'), 'utf8')) as { run: { serverName: string } };
      expect(report.run.serverName).toBe(name);
    }
    const merged = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { counts: { requests: number }; requests: Array<{ server: string; collection: string }>; merged: { reports: Array<{ server: string; exitCode: number }> } };
    expect(merged.counts.requests).toBe(4);
    expect(merged.requests.map((r) => [r.server, r.collection])).toEqual([['alpha', '[alpha] Small'], ['alpha', '[alpha] Small'], ['gamma', '[gamma] Small'], ['gamma', '[gamma] Small']]);
    expect(merged.merged.reports.map((r) => [r.server, r.exitCode])).toEqual([['alpha', 0], ['beta', 3], ['gamma', 4]]);
  });

  it('no secret in any report', () => {
    expect(leaks(filesUnder(out))).toEqual([]);
    // The search itself finds a secret where there is one.
    expect(leaks({ probe: `x ${SECRETS.beta} y` })).toEqual([`${SECRETS.beta} in probe`]);
  });
});

describe('run --fleet (CLI)', () => {
  let sims: RunningSimulator[];
  let result: CliResult;
  const out = tempDir('jc-fleet-cli-');
  beforeAll(async () => {
    sims = await startFleet();
    const fleet = writeFile(tempDir('jc-fleet-f-'), 'fleet.yaml', fleetYaml(sims));
    result = await runCli(
      ['run', resolve(repoRoot, 'collections/jamf-pro-api'), '--fleet', fleet, '--hosts', '2', '--per-host', '5', '--out', out, '-r', 'cli,json,junit,html,ctrf', '--no-preflight', '--verbose'],
      ENV,
      180_000,
    );
  }, 200_000);
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });

  it('exits with the worst verdict and prints one line per server', () => {
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toMatch(/✓ alpha .* exit 0/);
    expect(result.stdout).toMatch(/✗ beta .*AUTH_INVALID_CLIENT.* exit 3/);
    expect(result.stdout).toMatch(/✗ gamma .* exit 4/);
    expect(result.stdout).toContain('Merged verdict: failed (exit 3)');
  });

  it('writes every reporter per server and merged', () => {
    const files = Object.keys(filesUnder(out)).sort();
    for (const dir of ['', 'alpha/', 'beta/', 'gamma/']) {
      for (const f of ['ctrf.json', 'junit.xml', 'report.html', 'report.json']) expect(files).toContain(`${dir}${f}`);
    }
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit).toContain('[alpha] Jamf Pro API');
    expect(junit).toContain('[gamma] Jamf Pro API');
  });

  it('no server\'s secret in any file or stream', () => {
    expect(leaks({ ...filesUnder(out), stdout: result.stdout, stderr: result.stderr })).toEqual([]);
  });
});

describe('run --fleet refusals (CLI)', () => {
  it('a fleet file with a secret in it: FLEET_INVALID before anything is sent', { timeout: 120_000 }, async () => {
    const dir = tempDir('jc-fleet-bad-');
    const fleet = join(dir, 'fleet.yaml');
    writeFileSync(fleet, 'servers:\n  - name: a\n    url: https://a.example\n    clientIdEnv: A\n    clientSecret: in-the-file-9f8e7d\n');
    const r = await runCli(['run', 'collections/', '--fleet', fleet, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[FLEET_INVALID\]: .*servers\[0\]\.clientSecret/m);
    expect(r.stderr + r.stdout).not.toContain('in-the-file-9f8e7d');
  });

  it('--server with --fleet, and --hosts without it: USAGE', { timeout: 120_000 }, async () => {
    const dir = tempDir('jc-fleet-bad-');
    const fleet = writeFile(dir, 'fleet.yaml', 'servers:\n  - { name: a, url: "https://a.example", clientIdEnv: A, clientSecretEnv: S }\n');
    const both = await runCli(['run', 'collections/', '--fleet', fleet, '--server', 'https://b.example']);
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/^error\[USAGE\]: --server cannot be used with --fleet/m);
    const alone = await runCli(['run', 'collections/', '--hosts', '3', '--server', 'https://b.example']);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/^error\[USAGE\]:.*--fleet FILE/m);
  });
});
