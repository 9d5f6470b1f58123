/** The one call policy of the tool's own HTTP calls, against tiny local servers. */
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/wire/http.ts';
import { closedPort, newJar, tinyServer } from '../../helpers/http.ts';

const client = (policy = {}) => createHttpClient({ jar: newJar(), policy: { retries: 2, ...policy } });

describe('retries', () => {
  const table: Array<[what: string, method: string, idempotent: boolean | undefined, answers: number[], wantStatus: number, wantHits: number]> = [
    ['a read answered 503 then 200', 'GET', undefined, [503, 200], 200, 2],
    ['a read answered 429 three times (retries exhausted)', 'GET', undefined, [429, 429, 429, 429], 429, 3],
    ['a read answered 500 (not transient)', 'GET', undefined, [500, 200], 500, 1],
    ['a POST answered 503 is not resent', 'POST', undefined, [503, 200], 503, 1],
    ['a POST the caller calls idempotent (a token request) is', 'POST', true, [503, 200], 200, 2],
  ];
  for (const [what, method, idempotent, answers, wantStatus, wantHits] of table) {
    it(what, async () => {
      const queue = [...answers];
      const server = await tinyServer((_req, res) => res.writeHead(queue.shift() ?? 200, { 'retry-after': '0' }).end('{}'));
      const http = client();
      try {
        const res = await http.send(method, `${server.url}/x`, idempotent === undefined ? {} : { idempotent });
        expect(res.status).toBe(wantStatus);
        expect(server.hits).toHaveLength(wantHits);
      } finally {
        await http.close();
        await server.close();
      }
    });
  }

  it('a connection reset on a read is retried; on a POST it is not (it may have been applied)', async () => {
    let n = 0;
    const server = await tinyServer((req, res) => {
      n += 1;
      if (n === 1 || req.method === 'POST') return req.socket.destroy();
      res.writeHead(200).end('ok');
    });
    const http = client();
    try {
      expect((await http.send('GET', `${server.url}/x`)).status).toBe(200);
      await expect(http.send('POST', `${server.url}/y`)).rejects.toMatchObject({ code: 'NETWORK', sent: true });
      expect(server.hits.filter((h) => h.startsWith('POST'))).toHaveLength(1);
    } finally {
      await http.close();
      await server.close();
    }
  });

  it('a refused connection never reached the server: even a POST is retried, then NETWORK (not sent)', async () => {
    const http = client();
    try {
      await expect(http.send('POST', `http://127.0.0.1:${await closedPort()}/x`)).rejects.toMatchObject({ code: 'NETWORK', sent: false });
    } finally {
      await http.close();
    }
  });
});

describe('timeouts', () => {
  it('an answer slower than the timeout is TIMEOUT (sent), after the retries of a read', async () => {
    const server = await tinyServer(() => undefined);
    const http = client({ timeoutMs: 200 });
    try {
      await expect(http.send('GET', `${server.url}/slow`)).rejects.toMatchObject({ code: 'TIMEOUT', sent: true, message: expect.stringContaining('200 ms') });
      expect(server.hits).toHaveLength(3);
    } finally {
      await http.close();
      await server.close();
    }
  });

  it('an answer trickled a byte at a time (never silent for --timeout) is given up on at its deadline, head or body', async () => {
    for (const where of ['head', 'body']) {
      const timers: NodeJS.Timeout[] = [];
      const server = await tinyServer((_req, res) => {
        const socket = res.socket!;
        if (where === 'head') {
          socket.write('HTTP/1.1 200 OK\r\n');
          timers.push(setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 50));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          timers.push(setInterval(() => res.writable && res.write(' '), 50));
        }
      });
      const http = client({ timeoutMs: 200, connectTimeoutMs: 100, retries: 0 });
      const started = Date.now();
      try {
        await expect(http.send('GET', `${server.url}/trickle`), where).rejects.toMatchObject({ code: 'TIMEOUT', sent: true, message: expect.stringContaining('1000 ms (5 × --timeout)') });
        // 100 ms to connect + 5 × 200 ms, and not much more.
        expect(Date.now() - started, where).toBeLessThan(3000);
      } finally {
        for (const t of timers) clearInterval(t);
        await http.close();
        await server.close();
      }
    }
  });

  it('a bare TCP server that never speaks HTTP is given up on at --timeout', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const http = client({ timeoutMs: 200, retries: 0 });
    try {
      await expect(http.send('GET', `http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'TIMEOUT' });
    } finally {
      await http.close();
      silent.close();
    }
  });

  it('a server that takes the connection but never finishes the TLS handshake is given up on at the connect timeout: NETWORK, not sent', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const http = client({ timeoutMs: 20_000, connectTimeoutMs: 200, retries: 0 });
    const started = Date.now();
    try {
      await expect(http.send('GET', `https://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'NETWORK', sent: false, message: expect.stringContaining('could not be opened in time') });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await http.close();
      silent.close();
    }
  });
});

describe('connections', () => {
  it('one per server, kept for the next call; closeIdle ends it and the next call opens another', async () => {
    // The server's view: the connection each request came on.
    const sockets = new Set<unknown>();
    const server = await tinyServer((req, res) => {
      sockets.add(req.socket);
      res.writeHead(200).end('ok');
    });
    const http = client();
    try {
      const answers = await Promise.all([1, 2, 3].map(() => http.send('GET', `${server.url}/x`)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(sockets.size).toBe(1);
      http.closeIdle();
      expect((await http.send('GET', `${server.url}/y`)).status).toBe(200);
      expect(sockets.size).toBe(2);
    } finally {
      await http.close();
      await server.close();
    }
  });

});

describe('answers', () => {
  it('reads the answer as UTF-8 text, a byte-order mark dropped, a body cut off before its end an error', async () => {
    const server = await tinyServer((req, res) => {
      if (req.url === '/bom') return res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"Zürich"}')]));
      // Says 100 bytes, sends 10 and closes.
      res.writeHead(200, { 'content-length': '100' });
      res.write('0123456789');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const http = client({ retries: 0 });
    try {
      expect(JSON.parse((await http.send('GET', `${server.url}/bom`)).text)).toEqual({ name: 'Zürich' });
      await expect(http.send('GET', `${server.url}/short`)).rejects.toMatchObject({ code: 'NETWORK', sent: true });
    } finally {
      await http.close();
      await server.close();
    }
  });

  it('stops reading an answer larger than its limit: RESPONSE_TOO_LARGE (sent), not retried, nothing more read', async () => {
    // Sends 64 KB pieces until the client goes: without a limit, until the memory runs out.
    let written = 0;
    const server = await tinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const piece = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (!res.destroyed && res.write(piece)) written += piece.length;
      };
      res.on('drain', pump);
      pump();
    });
    const http = createHttpClient({ jar: newJar(), policy: { retries: 2 }, maxAnswerBytes: 1024 * 1024 });
    try {
      await expect(http.send('GET', `${server.url}/endless`)).rejects.toMatchObject({
        code: 'RESPONSE_TOO_LARGE',
        sent: true,
        message: expect.stringContaining('larger than 1 MB'),
      });
      expect(server.hits).toHaveLength(1);
      // The socket's buffers aside, the server could send little more than the limit.
      expect(written).toBeLessThan(16 * 1024 * 1024);
    } finally {
      await http.close();
      await server.close();
    }
  });

  it('drops a cookie the jar refuses (another domain), as the engine does, and keeps the others', async () => {
    const seen: string[] = [];
    const server = await tinyServer((req, res) => {
      seen.push(req.headers.cookie ?? '');
      res.writeHead(200, { 'set-cookie': ['evil=1; Domain=other.example', 'node=a1; Path=/'] }).end('ok');
    });
    const http = client();
    try {
      expect((await http.send('GET', `${server.url}/first`)).status).toBe(200);
      expect((await http.send('GET', `${server.url}/second`)).status).toBe(200);
      expect(seen).toEqual(['', 'node=a1']);
    } finally {
      await http.close();
      await server.close();
    }
  });
});

