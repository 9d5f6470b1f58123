/**
 * A server that answers far more than anyone asked for (an export gone wrong, a proxy looping):
 * the engine holds a body whole and hands it to scripts as one string, so without a cap the
 * process ended with a stack trace and exit 1. Now the answer is cut at --max-response-size
 * (100 MB by default) and ends as a RESPONSE_TOO_LARGE error; and a fault nothing catches
 * ends as one line and exit 3.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { collection, expectStatus, request, tempDir, writeFile } from '../helpers/collections.ts';
import { tinyServer, type TinyServer } from '../helpers/http.ts';

const MB = 2 ** 20;
let server: TinyServer;

beforeAll(async () => {
  const chunk = Buffer.alloc(MB, 'a');
  server = await tinyServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    // `gz=N`: N megabytes of zeros, gzipped to a few kilobytes (a decompression bomb, small on the wire).
    if (query.has('gz')) {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      return void res.end(gzipSync(Buffer.alloc(Number(query.get('gz')) * MB)));
    }
    const size = Number(query.get('mb') ?? '0');
    res.writeHead(200, { 'content-type': 'text/plain' });
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        sent += 1;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
});
afterAll(() => server.close());

/** One GET answered with `mb` megabytes (`gz`: that many, gzipped); the reports go to `out`. */
function run(mb: number, flags: string[], out = join(tempDir(), 'out'), param: 'mb' | 'gz' = 'mb'): ReturnType<typeof runCli> {
  const file = writeFile(tempDir(), 'big.json', collection('Big', [request('big', `{{url}}/JSSResource/big?${param}=${mb}`, { tests: expectStatus(200) })]));
  return runCli(['run', file, '--server', server.url, '--auth', 'none', '--no-preflight', '--openapi', 'none', '--classic-openapi', 'none', '--var', `url=${server.url}`, '--reporter', 'cli,json', '--out', out, ...flags]);
}

const firstRequest = (out: string): { error?: { code: string }; response?: { status: number } } =>
  (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { requests: Array<{ error?: { code: string }; response?: { status: number } }> }).requests[0]!;

describe('answers larger than --max-response-size', () => {
  it('end as RESPONSE_TOO_LARGE, with the reports written and exit 3', { timeout: 60_000 }, async () => {
    const out = join(tempDir(), 'out');
    const result = await run(2, ['--max-response-size', '1'], out);
    expect(result.code, result.stderr).toBe(3);
    expect(firstRequest(out).error).toMatchObject({ code: 'RESPONSE_TOO_LARGE', sent: true });
    expect(result.stdout).toContain('RESPONSE_TOO_LARGE');
    expect(result.stdout).toContain('--max-response-size');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /);
  });

  it('counts the bytes after decompression: a small gzip bomb is cut too', { timeout: 60_000 }, async () => {
    const out = join(tempDir(), 'out');
    const result = await run(4, ['--max-response-size', '1'], out, 'gz');
    expect(result.code, result.stderr).toBe(3);
    expect(firstRequest(out).error).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
  });

  it('are read whole under a higher limit', { timeout: 60_000 }, async () => {
    const out = join(tempDir(), 'out');
    const result = await run(2, ['--max-response-size', '3'], out);
    expect(result.code, result.stderr).toBe(0);
    expect(firstRequest(out)).toMatchObject({ response: { status: 200 } });
  });

  it('refuses a limit that is not a whole number of megabytes', async () => {
    const result = await run(0, ['--max-response-size', '1.5']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--max-response-size');
  });

  it('with no limit, an answer too big for one string ends as one line and exit 3, not a stack trace', { timeout: 120_000 }, async () => {
    // Over 402 MB, the engine's base64 copy of the body passes V8's longest string (ERR_STRING_TOO_LONG).
    const result = await run(450, ['--max-response-size', '0']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('error[INTERNAL]');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /);
  });
});
