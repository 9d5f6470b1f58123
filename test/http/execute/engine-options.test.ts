/**
 * newman's engine options, against a local echo server: file uploads from the working
 * directory (and the rule against reading outside it), redirects, script and run timeouts,
 * and the exported environment (secrets redacted).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collection, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { tinyServer, type TinyServer } from '../../helpers/http.ts';
import { runCaptured } from '../../helpers/run.ts';

let server: TinyServer;
beforeAll(async () => {
  server = await tinyServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/redirect') return res.writeHead(302, { location: '/landed' }).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
  });
});
afterAll(() => server.close());

/** tinyServer drops bodies: this one keeps each request's body, in order. */
async function captureServer(): Promise<TinyServer & { bodies: string[] }> {
  const seen: string[] = [];
  const { createServer } = await import('node:http');
  const s = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, hits: [], bodies: seen, close: () => new Promise<void>((r) => s.close(() => r())) };
}

const none = { credentials: {}, auth: 'none' as const };

describe('files a collection sends', () => {
  it('form-data files and binary bodies are read from the collection\'s folder; outside it only with insecureFileRead', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'files'));
    writeFileSync(join(dir, 'files', 'note.txt'), 'inside the working dir');
    const outside = join(tempDir(), 'secret.txt');
    writeFileSync(outside, 'outside the working dir');
    const file = writeFile(dir, 'upload.json', collection('Upload', [
      { name: 'form-data file', request: { method: 'POST', url: '{{url}}/upload', body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: 'files/note.txt' }] } } },
      { name: 'binary body', request: { method: 'PUT', url: '{{url}}/upload', body: { mode: 'file', file: { src: 'files/note.txt' } } } },
      { name: 'outside', request: { method: 'PUT', url: '{{url}}/upload', body: { mode: 'file', file: { src: outside } } } },
    ]));
    const cap = await captureServer();
    try {
      await runCaptured({ collections: [file], serverUrl: cap.url, ...none, vars: { url: cap.url }, allowWrites: true });
      expect(cap.bodies[0]).toContain('inside the working dir');
      expect(cap.bodies[1]).toBe('inside the working dir');
      expect(cap.bodies[2]).not.toContain('outside the working dir');
      cap.bodies.length = 0;
      await runCaptured({ collections: [file], serverUrl: cap.url, ...none, vars: { url: cap.url }, allowWrites: true, insecureFileRead: true });
      expect(cap.bodies[2]).toBe('outside the working dir');
    } finally {
      await cap.close();
    }
  });
});

describe('redirects, timeouts, the exported environment', () => {
  it('followRedirects false keeps the 3xx', async () => {
    const file = writeFile(tempDir(), 'r.json', collection('R', [request('redirected', '{{url}}/redirect')]));
    const followed = await runCaptured({ collections: [file], serverUrl: server.url, ...none, vars: { url: server.url } });
    expect(followed.results[0]?.response?.status).toBe(200);
    const kept = await runCaptured({ collections: [file], serverUrl: server.url, ...none, vars: { url: server.url }, followRedirects: false });
    expect(kept.results[0]?.response?.status).toBe(302);
  });

  it('a script that runs past scriptTimeoutMs is stopped with an error', async () => {
    const file = writeFile(tempDir(), 's.json', collection('S', [request('spins', '{{url}}/x', { prerequest: ['var t = Date.now(); while (Date.now() - t < 3000) {}'] })]));
    const { results } = await runCaptured({ collections: [file], serverUrl: server.url, ...none, vars: { url: server.url }, scriptTimeoutMs: 200 });
    expect(results[0]?.scriptErrors.join(' ')).toMatch(/not responding|timed? ?out/i);
  });

  it('runTimeoutMs stops the run and says so; what ran is reported', { timeout: 60_000 }, async () => {
    // 40 requests 250 ms apart take 10 s; the run is stopped at 5 s (room for a slow start on a busy machine).
    const file = writeFile(tempDir(), 'long.json', collection('Long', Array.from({ length: 40 }, (_, i) => request(`r${i}`, '{{url}}/x'))));
    const { results, summary } = await runCaptured({ collections: [file], serverUrl: server.url, ...none, vars: { url: server.url }, delayMs: 250, runTimeoutMs: 5000 });
    expect(summary.stopped).toMatchObject({ kind: 'error', code: 'TIMEOUT' });
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThan(40);
  });

  it('exports the environment the run ended with, script-set values included, secrets redacted', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'e.json', collection('E', [request('sets', '{{url}}/x', { tests: ["pm.environment.set('lastStatus', String(pm.response.code));", "pm.environment.set('apiKey', 'sk-' + 'live-abcdef123456');"] })]));
    const env = writeFile(dir, 'env.json', { name: 'env', values: [{ key: 'password', value: 'hunter2-secret', type: 'secret', enabled: true }, { key: 'url', value: server.url, enabled: true }] });
    const out = join(dir, 'exported.json');
    await runCaptured({ collections: [file], serverUrl: server.url, ...none, envFile: env, exportEnvironmentFile: out });
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { values: Array<{ key: string; value: string }> };
    const byKey = Object.fromEntries(exported.values.map((v) => [v.key, v.value]));
    expect(byKey.lastStatus).toBe('200');
    expect(byKey.password).toBe('[REDACTED]');
    expect(readFileSync(out, 'utf8')).not.toContain('hunter2-secret');
  });
});
