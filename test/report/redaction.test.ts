/** Every output of every reporter, grepped for every secret, with the project's Redactor. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createReporters } from '../../src/report/index.ts';
import { Redactor } from '../../src/secrets.ts';
import { Capture, drive, kinds, result, runInfo } from './fixtures.ts';

const CLIENT_SECRET = 'Zq8"xK\\p2-client-secret';
const PASSWORD = 'hunter2-password';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGllbnQifQ.c2lnbmF0dXJl';
const BASIC = Buffer.from(`admin:${PASSWORD}`).toString('base64');
const SECRETS = [CLIENT_SECRET, encodeURIComponent(CLIENT_SECRET), PASSWORD, JWT, BASIC];

const outDir = mkdtempSync(join(tmpdir(), 'redaction-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('reporters with the Redactor', () => {
  it.each([false, true])('write no secret anywhere (terminal: %s)', async (isTTY) => {
    const redactor = new Redactor().add(CLIENT_SECRET).addBasic('admin', PASSWORD).add(JWT);
    const stdout = new Capture();
    const stderr = new Capture(isTTY);
    const reporters = createReporters(['cli', 'junit', 'json'], { outDir, stdout, stderr, isTTY, color: true, verbose: true, redact: (t) => redactor.redact(t) });
    const leaky = [
      result({ itemName: `Get token ${JWT}`, url: `https://jamf.example/api?client_secret=${encodeURIComponent(CLIENT_SECRET)}`, tests: [{ name: `Bearer ${JWT}`, passed: false, error: `Authorization: Basic ${BASIC}` }] }),
      { ...kinds.errored(), error: { code: 'AUTH_INVALID_CLIENT', message: `client secret ${CLIENT_SECRET} rejected` } },
      { ...kinds.violation(), findings: [{ kind: 'schema' as const, severity: 'violation' as const, message: 'm', actual: { access_token: JWT, [PASSWORD]: CLIENT_SECRET } }], bodyShape: { [`/${PASSWORD}`]: 'string' } },
      kinds.unresolved([PASSWORD]),
      { ...kinds.passed(), scriptErrors: [`password=${PASSWORD}`] },
    ];
    for (const reporter of reporters) {
      reporter.onStart?.(runInfo());
      reporter.onConsole?.({ level: 'log', message: `token is ${JWT}\nsecret ${CLIENT_SECRET}`, itemName: `Auth ${PASSWORD}` });
      await drive(reporter, runInfo({ server: `https://admin:${PASSWORD}@jamf.example` }), leaky, {
        notices: [{ level: 'warning', code: 'TOKEN_SCRIPT_NEUTRALISED', message: `script set ${JWT}` }],
        coverage: { summary: `client ${CLIENT_SECRET}`, detail: [JWT] },
      });
    }
    const files = readdirSync(outDir).map((name) => readFileSync(join(outDir, name), 'utf8'));
    expect(files).toHaveLength(2);
    const everything = [stdout.text, stderr.text, ...files].join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    expect(everything).toContain('[REDACTED]');
    JSON.parse(files.find((f) => f.startsWith('{')) ?? '');
  });
});
