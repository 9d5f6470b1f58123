/**
 * Tokens in pieces: a token shortened by chai in a failed assertion, a token a script
 * splits on spaces, and a `Basic` value a script builds and logs. Every output of the CLI
 * (terminal, JUnit, JSON, HTML, CTRF, GitHub summary) is grepped for any 15 characters of
 * every token the simulator issued, and for the Basic value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { collection, request, tempDir, writeFile } from '../helpers/collections.ts';
import { DEMO, simulator } from '../helpers/simulator.ts';

// Real CLI runs and a real browser: slow on a loaded machine, never asserted on time.
vi.setConfig({ testTimeout: 120_000 });
const BASIC = Buffer.from('scriptuser:hunter2-hunter2').toString('base64');

describe('no piece of a token in any output', () => {
  let sim: RunningSimulator;
  let result: CliResult;
  let out: string;
  let tokens: string[];
  beforeAll(async () => {
    sim = await simulator();
    const dir = tempDir();
    out = join(dir, 'reports');
    const file = writeFile(dir, 'pieces.json', collection('Pieces', [
      request('Buildings', '{{baseUrl}}/v1/buildings', {
        tests: [
          'const token = pm.variables.get("jamfToken");',
          'pm.test("shortened by chai", function () { pm.expect("Bearer " + token).to.eql("x"); });',
          'console.log("split", token.match(/.{1,20}/g).join(" "));',
          `console.log("built", "Basic " + btoa("scriptuser:hunter2-hunter2"));`,
          'pm.test("a piece in a name " + token.slice(20, 60), function () {});',
        ],
      }),
    ], { auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{jamfToken}}', type: 'string' }] } }));
    result = await runCli(['run', file, '--reporter', 'cli,json,junit,html,ctrf,github', '--out', out, '--verbose'], {
      JAMF_URL: sim.url,
      JAMF_CLIENT_ID: DEMO.clientId,
      JAMF_CLIENT_SECRET: DEMO.clientSecret,
    });
    tokens = [...sim.state.auth.tokens.keys()];
  }, 60_000);
  afterAll(() => sim.close());

  it('ran the scripts (the assertion failed, the lines were printed)', () => {
    expect(result.code, result.stderr).toBe(4);
    expect(result.stdout).toContain('shortened by chai');
    expect(result.stdout).toContain('split');
    expect(result.stdout).toContain('built');
  });

  it('greps every output for 15-character pieces of every token and for the Basic value', () => {
    const outputs: Record<string, string> = { stdout: result.stdout, stderr: result.stderr };
    for (const name of ['junit.xml', 'report.json', 'report.html', 'ctrf.json', 'github-summary.md']) outputs[name] = readFileSync(join(out, name), 'utf8');
    expect(tokens.length).toBeGreaterThan(0);
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).not.toContain(BASIC);
      expect(text, name).not.toMatch(/eyJ[A-Za-z0-9_-]{6,}/);
      for (const token of tokens) {
        for (let i = 0; i + 15 <= token.length; i += 5) expect(text.includes(token.slice(i, i + 15)), `${name} holds ${token.slice(i, i + 15)}`).toBe(false);
      }
    }
  });
});
