/**
 * `jamf-contract simulate` as a user runs it: the real binary in a child process, its URL
 * line read from stdout, requests over loopback, and SIGTERM for a clean stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TLSSocket } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.ts';
import { collection, expectStatus, request } from '../helpers/collections.ts';
import { fixtureDocument } from './schema-fixture.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jc-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function launch(args: string[]): { child: ChildProcess; exited: Promise<Exited>; url: Promise<string> } {
  const child = spawn(process.execPath, [...CLI, 'simulate', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let found: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => (found = resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const match = /listening on (https?:\/\/\S+)/.exec(stdout);
    if (match?.[1]) found(match[1]);
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exited>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  // A process that never prints its URL must not hang the suite.
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  void exited.then(() => clearTimeout(timer));
  const ready = Promise.race([url, exited.then((e) => Promise.reject(new Error(`exited before printing its URL: ${e.stderr}`)))]);
  ready.catch(() => {}); // the refusal tests wait on `exited` only
  return { child, exited, url: ready };
}

async function stop(run: ReturnType<typeof launch>): Promise<Exited> {
  run.child.kill('SIGTERM');
  return run.exited;
}

/** Runs `checks` against a started simulator, then stops it whatever happened. */
async function stopAfter(run: ReturnType<typeof launch>, checks: () => Promise<void>): Promise<Exited> {
  try {
    await checks();
  } finally {
    await stop(run);
  }
  return run.exited;
}

describe('simulate command', () => {
  it('prints its URL, answers on it, and exits 0 on SIGTERM', async () => {
    const run = launch(['--port', '0']);
    const url = await run.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const schema = await fetch(`${url}/api/schema`);
    expect(schema.status).toBe(200);
    const stats = (await (await fetch(`${url}/__simulator/stats`)).json()) as { requests: Record<string, number> };
    expect(stats.requests['GET /api/schema']).toBe(1);
    const exited = await stop(run);
    expect(exited).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(exited.stdout.split('\n').filter((line) => line.includes('listening on'))).toHaveLength(1);
  }, 20_000);

  it('injects faults from the config, and --faults replaces them', async () => {
    const config = file('with-faults.json', { faults: [{ kind: 'error', path: '/api/v1/health-check', status: 503 }] });
    const fromConfig = launch(['--port', '0', '--config', config]);
    const configUrl = await fromConfig.url;
    expect((await fetch(`${configUrl}/api/v1/health-check`)).status).toBe(503);
    expect((await stop(fromConfig)).code).toBe(0);

    const faults = file('faults.json', { seed: 3, faults: [{ kind: 'rate-limit', path: '/api/v1/*', retryAfter: 7 }] });
    const both = launch(['--port', '0', '--config', config, '--faults', faults]);
    const res = await fetch(`${await both.url}/api/v1/health-check`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect((await stop(both)).code).toBe(0);
  }, 30_000);

  it('serves https with a self-signed certificate under --tls', async () => {
    const run = launch(['--port', '0', '--tls']);
    const url = await run.url;
    expect(url).toMatch(/^https:\/\//);
    const answer = await new Promise<{ status: number; selfSigned: boolean }>((resolve, reject) => {
      get(`${url}/api/schema`, { rejectUnauthorized: false }, (res) => {
        const cert = (res.socket as TLSSocket).getPeerCertificate();
        res.resume();
        resolve({ status: res.statusCode ?? 0, selfSigned: cert.issuer.CN === cert.subject.CN && cert.subject.CN === 'localhost' });
      }).on('error', reject);
    });
    expect(answer).toEqual({ status: 200, selfSigned: true });
    await expect(fetch(`${url}/api/schema`)).rejects.toThrow();
    expect((await stop(run)).code).toBe(0);
  }, 20_000);

  const broken = [
    { name: 'config that is not JSON', args: () => ['--config', file('not-json.json', '{"users": [')], names: 'not valid JSON' },
    { name: 'config field of the wrong type', args: () => ['--config', file('bad-user.json', { users: [{ id: '1', username: 'u', password: 'p', realName: 'U', email: '', enabled: 'yes', privileges: [] }] })], names: 'users[0].enabled' },
    { name: 'unknown config key', args: () => ['--config', file('unknown.json', { seeds: [] })], names: '"seeds"' },
    { name: 'bad fault in the config', args: () => ['--config', file('bad-fault.json', { faults: [{ kind: 'error', rate: 2 }] })], names: 'faults[0].rate' },
    { name: 'bad --faults file', args: () => ['--faults', file('bad-faults.json', [{ kind: 'latency' }])], names: 'faults[0].ms' },
    { name: 'missing config file', args: () => ['--config', join(dir, 'absent.json')], names: 'absent.json' },
  ];
  it.each(broken)('refuses a $name with one CONFIG_INVALID line and exit 2', async ({ args, names }) => {
    const run = launch(['--port', '0', ...args()]);
    const exited = await run.exited;
    expect(exited.code).toBe(2);
    expect(exited.stdout).toBe('');
    const lines = exited.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error\[CONFIG_INVALID\]: /);
    expect(lines[0]).toContain(names);
  }, 20_000);
  it('lists the demo clients and accounts in --help and when it starts', async () => {
    const help = await runCli(['simulate', '--help']);
    expect(help.code).toBe(0);
    for (const shown of ['demo-client', 'demo-secret', 'admin-client', 'narrow-client', 'multi-client', 'auditor', 'helpdesk']) expect(help.stdout).toContain(shown);
    const run = launch(['--port', '0']);
    await run.url;
    const exited = await stop(run);
    expect(exited.stdout).toMatch(/demo-client\s+demo-secret\s+Read Everything/);
    expect(exited.stdout).toMatch(/admin\s+admin\s+every privilege/);
  }, 30_000);

  it('does not show secrets a --config file set', async () => {
    const config = file('own-client.json', { apiClients: [{ id: 1, displayName: 'Mine', clientId: 'mine', clientSecret: 'not-a-demo-value-42', enabled: true, accessTokenLifetimeSeconds: 600, authorizationScopes: ['Everything'] }] });
    const run = launch(['--port', '0', '--config', config]);
    await run.url;
    const exited = await stop(run);
    expect(exited.stdout).toMatch(/mine\s+\(set in --config\)\s+Everything/);
    expect(exited.stdout + exited.stderr).not.toContain('not-a-demo-value-42');
  }, 20_000);

  it('--tls writes its certificate to --cert-out and names it; a client trusting it connects', async () => {
    const certFile = join(dir, 'sim-ca.pem');
    const run = launch(['--port', '0', '--tls', '--cert-out', certFile]);
    const url = await run.url;
    expect((await stopAfter(run, async () => {
      expect(readFileSync(certFile, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
      const status = await new Promise<number>((resolve, reject) => {
        get(`${url}/api/schema`, { ca: readFileSync(certFile) }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      expect(status).toBe(200);
    })).stdout).toContain(`TLS certificate (self-signed): ${certFile} (pass it to --ca)`);
    expect(existsSync(certFile)).toBe(true);
  }, 30_000);

  it('--tls without --cert-out writes the certificate to a temp file it removes on exit', async () => {
    const run = launch(['--port', '0', '--tls']);
    await run.url;
    const exited = await stop(run);
    const named = /TLS certificate \(self-signed\): (\S+)/.exec(exited.stdout)?.[1];
    expect(named).toBeDefined();
    expect(existsSync(named as string)).toBe(false);
  }, 30_000);

  it('refuses --cert-out without --tls (usage, exit 1)', async () => {
    const exited = await runCli(['simulate', '--cert-out', join(dir, 'x.pem')]);
    expect(exited.code).toBe(1);
    expect(exited.stderr).toMatch(/^error\[USAGE\]: /);
  });

  it('--openapi serves the document as the version in its file name', async () => {
    const schema = file('widgets-api-11.26.0.json', fixtureDocument());
    const run = launch(['--port', '0', '--openapi', schema]);
    const url = await run.url;
    const exited = await stopAfter(run, async () => {
      expect(await (await fetch(`${url}/api/schema`)).json()).toEqual(fixtureDocument());
      expect((await fetch(`${url}/api/v1/public-info`)).status).toBe(200);
    });
    expect(exited.stdout).toMatch(/^Jamf Pro simulator 11\.26\.0 listening on /);
    expect(exited.stdout).toContain('Serving widgets-api-11.26.0.json: 15 operations, 14 of them generated from the schema.');
    expect(exited.stderr).toBe('');
  }, 30_000);

  it('--openapi says which version it assumes when the file name has none', async () => {
    const run = launch(['--port', '0', '--openapi', file('schema.json', fixtureDocument())]);
    await run.url;
    const exited = await stop(run);
    expect(exited.stdout).toMatch(/^Jamf Pro simulator 11\.30\.1 listening on /);
    expect(exited.stderr).toMatch(/^note: .*answering as 11\.30\.1/);
  }, 30_000);

  it.each([
    { name: 'missing --openapi file', args: () => ['--openapi', join(dir, 'absent-schema.json')], code: 'SPEC_READ' },
    { name: '--openapi file that is not OpenAPI', args: () => ['--openapi', file('not-openapi.json', { swagger: '2.0' })], code: 'SPEC_NOT_OPENAPI' },
  ])('refuses a $name with exit 2', async ({ args, code }) => {
    const exited = await (launch(['--port', '0', ...args()])).exited;
    expect(exited.code).toBe(2);
    expect(exited.stderr.trim()).toMatch(new RegExp(`^error\\[${code}\\]: `));
  }, 20_000);
});

describe('run --simulator-openapi', () => {
  it('runs a collection against the embedded simulator serving the document, checking against it', async () => {
    const schema = file('widgets-11.26.0.json', fixtureDocument());
    const widgets = file('widgets.postman_collection.json', collection('Widgets', [
      request('list', '{{baseUrl}}/v1/widgets', { tests: expectStatus(200) }),
      request('one', '{{baseUrl}}/v1/widgets/2', { tests: expectStatus(200) }),
      request('history', '{{baseUrl}}/v1/widgets/2/history?page-size=2', { tests: expectStatus(200) }),
    ]));
    const out = join(dir, 'reports-schema-mode');
    const result = await runCli(['run', widgets, '--simulator-openapi', schema, '--reporter', 'json', '--out', out]);
    expect(result.stderr).toContain('embedded Jamf Pro simulator 11.26.0');
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { counts: Record<string, number> };
    expect(report.counts).toMatchObject({ sent: 3, testsPassed: 3, violations: 0 });
  }, 60_000);

  it('is refused with a server (usage, exit 1)', async () => {
    const result = await runCli(['run', 'collections/', '--server', 'https://jamf.invalid', '--simulator-openapi', 'x.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error\[USAGE\]: --simulator-openapi/m);
  });
});
