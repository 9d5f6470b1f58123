/**
 * newman's command line against jamf-contract's, both as child processes, against one echo
 * server: the same requests, and exit codes that tell the same story (newman: 1 for any
 * failure; jamf-contract: 4 for failed tests; `-x` makes both 0). Against a server that is
 * not Jamf Pro, jamf-contract is told so: `--auth none --openapi none --classic-openapi none`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, type CliResult } from '../helpers/cli.ts';
import { echoServer, type EchoServer } from './echo-server.ts';
import { fixture, normalise, type SentRequest } from './harness.ts';

const newmanBin = fileURLToPath(new URL('../../node_modules/newman/bin/newman.js', import.meta.url));
/** What tells jamf-contract the server is not Jamf Pro, and to behave as newman (writes sent, unresolved variables sent). */
const NOT_JAMF = ['--auth', 'none', '--openapi', 'none', '--classic-openapi', 'none', '--allow-writes', '--allow-destructive', '--unresolved', 'send'];

let server: EchoServer;
beforeAll(async () => {
  server = await echoServer();
});
afterAll(() => server.close());

function newmanCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [newmanBin, ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function both(args: string[], jamfOnly: string[] = NOT_JAMF): Promise<{ newman: CliResult; jamf: CliResult; newmanSent: SentRequest[]; jamfSent: SentRequest[] }> {
  server.take();
  const newman = await newmanCli(['run', ...args, '--env-var', `url=${server.url}`, '--reporters', 'cli']);
  const newmanSent = server.take().map(normalise);
  const jamf = await runCli(['run', ...args, '--env-var', `url=${server.url}`, '--server', server.url, ...jamfOnly], {}, 90_000);
  const jamfSent = server.take().map(normalise);
  return { newman, jamf, newmanSent, jamfSent };
}

const variables = [
  fixture('variables.postman_collection.json'),
  '-e', fixture('variables.postman_environment.json'),
  '-g', fixture('variables.postman_globals.json'),
  '-d', fixture('data/variables.json'),
];

describe('a newman command line, run by jamf-contract', () => {
  it('a passing collection with an environment, globals and data: both exit 0 after sending the same requests', { timeout: 180_000 }, async () => {
    const { newman, jamf, newmanSent, jamfSent } = await both(variables);
    expect(newman.code, newman.stdout + newman.stderr).toBe(0);
    expect(jamf.code, jamf.stderr).toBe(0);
    expect(newmanSent.length).toBe(3);
    expect(jamfSent).toEqual(newmanSent);
  });

  it('failing tests: newman exits 1, jamf-contract 4 (tests failed); with -x both exit 0', { timeout: 180_000 }, async () => {
    const failing = [fixture('response-and-chai.postman_collection.json')];
    const { newman, jamf, newmanSent, jamfSent } = await both(failing);
    expect([newman.code, jamf.code]).toEqual([1, 4]);
    expect(jamfSent).toEqual(newmanSent);
    const suppressed = await both([...failing, '-x']);
    expect([suppressed.newman.code, suppressed.jamf.code]).toEqual([0, 0]);
  });

  it('without being told the server is not Jamf Pro, jamf-contract stops before sending anything: it has no credentials for it', { timeout: 180_000 }, async () => {
    const { newman, jamf, jamfSent } = await both(variables, []);
    expect(newman.code).toBe(0);
    expect(jamf.code).toBe(3);
    expect(jamf.stderr).toMatch(/^error\[AUTH_MISSING_CREDENTIALS\]/m);
    expect(jamfSent).toEqual([]);
  });

  it('the server given as newman gives it (--env-var url=…), without --server', { timeout: 180_000 }, async () => {
    server.take();
    const jamf = await runCli(['run', ...variables, '--env-var', `url=${server.url}`, ...NOT_JAMF], {}, 90_000);
    expect(jamf.code, jamf.stderr).toBe(0);
    expect(server.take()).toHaveLength(3);
  });
});
