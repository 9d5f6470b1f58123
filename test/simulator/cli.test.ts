/**
 * `jamf-contract simulate` as a user runs it: the real binary in a child process, its URL
 * line read from stdout, requests over loopback, and SIGTERM for a clean stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TLSSocket } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';

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
  const child = spawn(process.execPath, ['bin/jamf-contract.js', 'simulate', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
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
});
