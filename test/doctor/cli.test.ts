/** `jamf-contract doctor` end to end: checklist, --json, exit codes, and no secret or token in any output. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/collections.ts';
import { DEMO, simulator } from '../helpers/simulator.ts';

function expectClean(result: CliResult, secrets: string[], tokens: string[]): void {
  for (const [name, text] of Object.entries({ stdout: result.stdout, stderr: result.stderr })) {
    for (const secret of secrets) expect(text, name).not.toContain(secret);
    expect(text, name).not.toMatch(/eyJ/);
    for (const token of tokens) for (const part of token.split('.')) expect(text, name).not.toContain(part);
  }
}

describe('jamf-contract doctor', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(() => sim.close());

  it('a healthy client: a checklist with a mark per line, exit 0, no secret or token anywhere', async () => {
    const result = await runCli(['doctor', 'collections/'], { JAMF_URL: sim.url, JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^\[ok\] {3}Server reachable$/m);
    expect(result.stdout).toMatch(/^\[ok\] {3}Token claims$/m);
    expect(result.stdout).toMatch(/scope api-role:1 \(Read Everything\)/);
    expect(result.stdout).toMatch(/A run can proceed\./);
    expectClean(result, [DEMO.clientSecret], [...sim.state.auth.tokens.keys()]);
  });

  it('--json for scripts; a wrong secret exits 3 with the remedy, and the secret is not echoed', async () => {
    const result = await runCli(['doctor', '--json'], { JAMF_URL: sim.url, JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: 'not-the-secret' });
    expect(result.code, result.stderr).toBe(3);
    const report = JSON.parse(result.stdout) as { canRun: boolean; checks: Array<{ id: string; status: string; remedy?: string }> };
    expect(report.canRun).toBe(false);
    expect(report.checks.find((c) => c.id === 'token')).toMatchObject({ status: 'fail', remedy: expect.stringMatching(/JAMF_CLIENT_SECRET/) });
    expectClean(result, ['not-the-secret'], []);
  });

  it('a user password from a secrets file never shows, even in --json', async () => {
    const file = join(tempDir(), 'secrets.env');
    writeFileSync(file, 'JAMF_PASSWORD=wrong-horse-battery\n');
    const result = await runCli(['doctor', '--json', '--username', 'helpdesk', '--secrets-file', file], { JAMF_URL: sim.url });
    expect(result.code).toBe(3);
    expectClean(result, ['wrong-horse-battery', Buffer.from('helpdesk:wrong-horse-battery').toString('base64')], []);
  });

  it('with no server configured, checks the embedded simulator and says so', async () => {
    const result = await runCli(['doctor']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/No server configured: checking the embedded Jamf Pro simulator/);
    expect(result.stdout).toMatch(/\[embedded simulator\]/);
  });

  it('bad input exits 2', async () => {
    const result = await runCli(['doctor', 'no/such/collection.json'], { JAMF_URL: sim.url, JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/COLLECTION_READ/);
  });
});
