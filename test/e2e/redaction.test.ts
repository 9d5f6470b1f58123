/**
 * A collection whose scripts print the Authorization header and the token variable (as
 * admins' token scripts do): every output of the CLI is grepped for the secret and for
 * every token the simulator issued.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/collections.ts';
import { allOutputs } from '../helpers/reports.ts';
import { DEMO, simulator } from '../helpers/simulator.ts';

describe('no secret or token in any output', () => {
  let sim: RunningSimulator;
  let result: CliResult;
  let out: string;
  let tokens: string[];
  beforeAll(async () => {
    sim = await simulator();
    out = join(tempDir(), 'reports');
    result = await runCli(['run', 'test/fixtures/leaky.postman_collection.json', '--reporter', 'cli,json,junit', '--out', out, '--verbose', '--iterations', '2'], {
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
