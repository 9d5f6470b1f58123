/**
 * A collection whose scripts print the Authorization header and the token variable (as
 * admins' token scripts do): every output of the CLI is grepped for the secret and for
 * every token the simulator issued.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/collections.ts';
import { allOutputs } from '../helpers/reports.ts';
import { DEMO, simulator } from '../helpers/simulator.ts';

describe.each([[[]], [['--parallel', '5']]])('no secret or token in any output %j', (extra: string[]) => {
  let sim: RunningSimulator;
  let result: CliResult;
  let out: string;
  let tokens: string[];
  beforeAll(async () => {
    sim = await simulator();
    out = join(tempDir(), 'reports');
    result = await runCli(['run', 'test/fixtures/leaky.postman_collection.json', '--reporter', 'cli,json,junit', '--out', out, '--verbose', '--iterations', '2', ...extra], {
      JAMF_URL: sim.url,
      JAMF_CLIENT_ID: DEMO.clientId,
      JAMF_CLIENT_SECRET: DEMO.clientSecret,
    });
    tokens = [...sim.state.auth.tokens.keys()];
  });
  afterAll(() => sim.close());

  it('the run passes and the console lines are shown, redacted', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('auth header');
    expect(result.stdout).toContain('token var');
    expect(result.stdout).toContain('[REDACTED]');
  });

  it('greps stdout, stderr, junit.xml and report.json for the secret and every token', () => {
    const outputs = allOutputs(result, out);
    expect(tokens.length).toBeGreaterThan(0);
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).not.toContain(DEMO.clientSecret);
      expect(text, name).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}/);
      for (const token of tokens) {
        for (const part of token.split('.')) expect(text, name).not.toContain(part);
      }
    }
  });
});

describe('credentials in a server URL', () => {
  const PASSWORD = 'Url-Secret-7391';
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({
      config: { users: [{ id: '9', username: 'qa-lead', password: PASSWORD, realName: 'QA lead', email: 'qa@example.com', enabled: true, privileges: ['*'] }] },
    });
  });
  afterAll(() => sim.close());

  const withCredentials = (): string => sim.url.replace('://', `://qa-lead:${PASSWORD}@`);
  const cases: Array<[string, () => { args: string[]; env: Record<string, string> }]> = [
    ['--server', () => ({ args: ['--server', withCredentials()], env: {} })],
    ['JAMF_URL', () => ({ args: [], env: { JAMF_URL: withCredentials() } })],
    ['an environment file', () => ({ args: ['--env', writeEnvironment(withCredentials())], env: {} })],
  ];
  for (const [where, setup] of cases) {
    it(`in ${where}: used as the user's credentials, never printed, written or logged`, { timeout: 90_000 }, async () => {
      const { args, env } = setup();
      const out = join(tempDir(), 'reports');
      const result = await runCli(
        ['run', 'test/fixtures/pro-baseurl.postman_collection.json', 'test/fixtures/classic-url.postman_collection.json', ...args, '--reporter', 'cli,json,junit', '--out', out, '--verbose', '--no-preflight'],
        env,
      );
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('user');
      for (const [name, text] of Object.entries(allOutputs(result, out))) {
        expect(text, name).not.toContain(PASSWORD);
        expect(text, name).not.toContain(encodeURIComponent(PASSWORD));
        expect(text, name).not.toContain('qa-lead:');
        expect(text, name).not.toContain(Buffer.from(`qa-lead:${PASSWORD}`).toString('base64'));
      }
    });
  }

  it('refused, with one line that does not show it, when an API client is configured too', async () => {
    const result = await runCli(['run', 'test/fixtures/pro-baseurl.postman_collection.json', '--server', withCredentials()], { JAMF_CLIENT_ID: 'demo-client', JAMF_CLIENT_SECRET: 'demo-secret' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error\[USAGE\]: The server URL carries a username and password/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });
});

function writeEnvironment(url: string): string {
  const file = join(tempDir(), 'env.postman_environment.json');
  writeFileSync(file, JSON.stringify({ name: 'staging', values: [{ key: 'baseUrl', value: `${url}/api`, enabled: true }] }));
  return file;
}

describe('an environment with a large secret value (a certificate, a key bundle)', () => {
  // 48 KB in a `secret` variable: the redactor's one expression for all secrets grew past what
  // V8 compiles, and the run ended as error[INTERNAL] quoting it — the blob, the run's token
  // and the client secret — on stderr.
  const BLOB = 'QUJD'.repeat(12_000);
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(() => sim.close());

  it('runs, and no output holds the blob, the token or the client secret', { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const env = join(dir, 'certs.postman_environment.json');
    writeFileSync(env, JSON.stringify({ name: 'certs', values: [{ key: 'baseUrl', value: `${sim.url}/api`, enabled: true }, { key: 'bundle', value: BLOB, type: 'secret', enabled: true }] }));
    const out = join(dir, 'reports');
    const result = await runCli(['run', 'test/fixtures/leaky.postman_collection.json', '--env', env, '--reporter', 'cli,json,junit', '--out', out, '--verbose'], {
      JAMF_CLIENT_ID: DEMO.clientId,
      JAMF_CLIENT_SECRET: DEMO.clientSecret,
    });
    expect(result.code, result.stderr.slice(0, 300)).toBe(0);
    const tokens = [...sim.state.auth.tokens.keys()];
    expect(tokens.length).toBeGreaterThan(0);
    for (const [name, text] of Object.entries(allOutputs(result, out))) {
      expect(text, name).not.toContain(BLOB.slice(0, 64));
      expect(text, name).not.toContain(DEMO.clientSecret);
      for (const token of tokens) for (const part of token.split('.')) expect(text, name).not.toContain(part);
    }
  });
});
