/**
 * postman-request hands Node's `http.request` only what Node reads (engine-patches/hot-path.ts):
 * in a fresh process, requests over HTTP and mutual TLS reach the servers as before — headers,
 * path, credentials in the URL, the CA, the client certificate and `strictSSL: false` all still
 * arrive — and every field of the request that is not postman-request's bookkeeping is passed.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./request-options-child.ts', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));

const SENT = ['plain', 'userInfo', 'mutual', 'noClientCert', 'untrusted', 'insecure'] as const;
interface Outcome { status?: number; body?: string; error?: string; kept: string[]; missing: string[]; bookkeeping: string[]; keys: number }

describe("the options postman-request gives Node's http.request", () => {
  it('carry every field Node reads, none of the bookkeeping, over HTTP and mutual TLS', { timeout: 60_000 }, () => {
    const out = execFileSync(process.execPath, [RUN_TS, CHILD], { encoding: 'utf8', timeout: 50_000 });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { applied: number } & Record<(typeof SENT)[number], Outcome>;
    expect(r.applied).toBeGreaterThan(0);
    for (const name of SENT) {
      const outcome = r[name];
      expect(outcome.missing, name).toEqual([]);
      expect(outcome.kept.length, name).toBeGreaterThan(3);
      // The change is in force: a dozen fields, not the ~60 of the whole request.
      expect(outcome.keys, name).toBeLessThan(25);
    }
    expect(r.plain).toMatchObject({ status: 200, body: 'GET /a/b?c=1 p1 ', bookkeeping: [] });
    expect(r.plain.kept).toEqual(expect.arrayContaining(['method', 'headers', 'host', 'port', 'path', 'agent']));
    // Re-parsed from the URL (its `href` comes with it): the user info still becomes Basic auth.
    expect(r.userInfo).toMatchObject({ status: 200, body: `GET /u  Basic ${Buffer.from('user:secret').toString('base64')}` });
    expect(r.mutual).toMatchObject({ status: 200, body: 'true jamf-contract test client', bookkeeping: [] });
    expect(r.mutual.kept).toEqual(expect.arrayContaining(['ca', 'cert', 'key']));
    expect(r.noClientCert.error ?? `answered ${r.noClientCert.status}`).toMatch(/socket hang up|ECONNRESET|certificate|alert/i);
    expect(r.untrusted.error).toMatch(/self.signed|certificate/i);
    expect(r.insecure).toMatchObject({ status: 200, body: 'true jamf-contract test client' });
    expect(r.insecure.kept).toContain('rejectUnauthorized');
  });
});
