/**
 * Answers that begin and never end: postman-request's timeout bounds the wait for an answer
 * and each silence in it, so a server (or proxy) sending a byte now and then held the request,
 * and the run, forever. The head now has five times --timeout from sending, and the whole
 * answer five times --timeout once it has begun.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collection, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { tinyServer, type TinyServer } from '../../helpers/http.ts';
import { runCaptured } from '../../helpers/run.ts';

let server: TinyServer;

beforeAll(async () => {
  server = await tinyServer((req, res) => {
    if (req.url === '/drip-head') {
      // The head itself, a header line every 100 ms: the answer never begins as far as postman-request knows.
      const socket = res.socket!;
      socket.write('HTTP/1.1 200 OK\r\n');
      const timer = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100);
      socket.on('close', () => clearInterval(timer));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"a":');
    // `/drip`: a space every 100 ms, never the end. `/slow`: the same for a second, then the end.
    const ticks = req.url === '/slow' ? 10 : Infinity;
    let n = 0;
    const timer = setInterval(() => {
      if (++n < ticks) return void res.write(' ');
      clearInterval(timer);
      res.end('1}');
    }, 100);
    res.on('close', () => clearInterval(timer));
  });
});
afterAll(() => server.close());

describe('an answer that begins and does not end', () => {
  it('ends as TIMEOUT (sent) after five times --timeout, and the run goes on', { timeout: 30_000 }, async () => {
    const file = writeFile(tempDir(), 'drip.json', collection('Drip', [request('drip', `${server.url}/drip`), request('after', `${server.url}/slow`)]));
    const started = performance.now();
    const { results } = await runCaptured({ collections: [file], serverUrl: server.url, credentials: {}, auth: 'none', timeoutMs: 400, maxRetries: 0 });
    expect(results[0]?.error).toMatchObject({ code: 'TIMEOUT', sent: true, message: expect.stringContaining('did not finish within 2000 ms') });
    expect(results[0]?.response).toBeUndefined();
    // Not a timing test: without the deadline this run never ends (the test times out).
    expect(performance.now() - started).toBeLessThan(25_000);
    // Slower than --timeout as a whole, never silent that long: read to the end.
    expect(results[1]?.error).toBeUndefined();
    expect(results[1]?.response?.status).toBe(200);
  });

  it('a head trickled a line at a time: TIMEOUT (sent) after five times --timeout too', { timeout: 30_000 }, async () => {
    const file = writeFile(tempDir(), 'drip-head.json', collection('Drip head', [request('drip head', `${server.url}/drip-head`), request('after', `${server.url}/slow`)]));
    const started = performance.now();
    const { results } = await runCaptured({ collections: [file], serverUrl: server.url, credentials: {}, auth: 'none', timeoutMs: 400, maxRetries: 0 });
    expect(results[0]?.error).toMatchObject({ code: 'TIMEOUT', sent: true, message: expect.stringContaining('did not finish within 2000 ms') });
    expect(performance.now() - started).toBeLessThan(25_000);
    expect(results[1]?.response?.status).toBe(200);
  });
});
