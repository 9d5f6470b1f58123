/**
 * The engine's agents under the host budget, counted from the server's side: requests sent
 * the moment others end (as `--parallel` sends them) reuse the agent's keep-alive sockets
 * instead of closing one and opening another for every request.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LimitedHttpAgent } from '../../../src/wire/engine-agents.ts';
import { hostBudget, MAX_CONNECTIONS_PER_HOST } from '../../../src/wire/host-limit.ts';

let server: Server;
let port = 0;
let connections = 0;
let open = 0;
let peak = 0;
/** How the server ends connections: never, `Connection: close` on every third answer, or a reset of every seventh request. */
let mode: 'keep' | 'close-third' | 'reset-seventh' = 'keep';
let answered = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      answered += 1;
      if (mode === 'reset-seventh' && answered % 7 === 0) return req.socket.destroy();
      if (mode === 'close-third' && answered % 3 === 0) res.setHeader('connection', 'close');
      res.end('{"id":1}');
    });
  });
  server.on('connection', (socket) => {
    connections += 1;
    peak = Math.max(peak, ++open);
    socket.on('close', () => (open -= 1));
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** `total` GETs, `inFlight` at a time, each next one sent as soon as one ends (before its socket is back in the pool); resolves with the errors. */
function burst(agent: LimitedHttpAgent, total: number, inFlight: number): Promise<number> {
  let started = 0;
  let ended = 0;
  let errors = 0;
  return new Promise((resolve) => {
    const next = (): void => {
      if (started === total) return;
      started += 1;
      const req = request({ host: '127.0.0.1', port, path: `/r/${started}`, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          ended += 1;
          if (ended === total) resolve(errors);
          else next();
        });
      });
      req.on('error', () => {
        errors += 1;
        ended += 1;
        if (ended === total) resolve(errors);
        else next();
      });
      req.end();
    };
    for (let i = 0; i < inFlight; i += 1) next();
  });
}

describe('engine agents under the host budget', () => {
  it('keeps to five connections for 200 requests sent five at a time, back to back', { timeout: 20_000 }, async () => {
    const agent = new LimitedHttpAgent({ keepAlive: true });
    const before = connections;
    const started = performance.now();
    expect(await burst(agent, 200, MAX_CONNECTIONS_PER_HOST)).toBe(0);
    const ms = performance.now() - started;
    agent.destroy();
    expect(connections - before).toBeLessThanOrEqual(MAX_CONNECTIONS_PER_HOST);
    expect(hostBudget.peak).toBeLessThanOrEqual(MAX_CONNECTIONS_PER_HOST);
    // Not a timing test: a reconnect per request waits ~50 ms each (the budget's close grace), 10 s in all.
    expect(ms).toBeLessThan(8_000);
  });

  it('keeps to a lower per-host limit the same way (run --fleet --per-host)', { timeout: 20_000 }, async () => {
    const lift = hostBudget.restrict(`127.0.0.1:${port}`, 2);
    try {
      const agent = new LimitedHttpAgent({ keepAlive: true });
      const before = connections;
      expect(await burst(agent, 100, 2)).toBe(0);
      agent.destroy();
      expect(connections - before).toBeLessThanOrEqual(2);
    } finally {
      lift();
    }
  });

  // A server that ends connections often (a proxy's `Connection: close`, a load balancer's
  // resets) costs one new connection per connection it ends, no more. Before, every request
  // that came while a replacement waited for its place had an idle connection closed for it:
  // 280-odd connections for 300 requests either way.
  for (const [label, how, ends] of [
    ['answers every third request with Connection: close', 'close-third', 100],
    ['resets every seventh request', 'reset-seventh', 42],
  ] as const) {
    it(`opens one connection per connection ended when the server ${label}`, { timeout: 20_000 }, async () => {
      mode = how;
      answered = 0;
      peak = open;
      try {
        const agent = new LimitedHttpAgent({ keepAlive: true });
        const before = connections;
        const errors = await burst(agent, 300, MAX_CONNECTIONS_PER_HOST);
        agent.destroy();
        expect(errors).toBe(how === 'reset-seventh' ? ends : 0);
        expect(connections - before).toBeLessThanOrEqual(ends + MAX_CONNECTIONS_PER_HOST + 2);
        expect(peak).toBeLessThanOrEqual(MAX_CONNECTIONS_PER_HOST);
      } finally {
        mode = 'keep';
      }
    });
  }

  it('leaves no request waiting forever behind a connection that could not even be made', { timeout: 20_000 }, async () => {
    // Port 99999 makes the connection fail as it is created (not later, as a refused one does).
    const key = '127.0.0.1:99999';
    for (let i = 0; i < MAX_CONNECTIONS_PER_HOST; i += 1) hostBudget.acquire(key, () => undefined);
    const agent = new LimitedHttpAgent({ keepAlive: true });
    const ended = Array.from({ length: MAX_CONNECTIONS_PER_HOST + 2 }, (_, i) =>
      new Promise<string>((resolve) => {
        const req = request({ host: '127.0.0.1', port: 99999, path: `/x/${i}`, agent }, () => resolve('answered'));
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        req.end();
      }),
    );
    // The budget frees up: the five waiting connections are made, and fail.
    for (let i = 0; i < MAX_CONNECTIONS_PER_HOST; i += 1) hostBudget.release(key);
    const outcomes = await Promise.all(ended);
    agent.destroy();
    expect(outcomes).toEqual(Array(MAX_CONNECTIONS_PER_HOST + 2).fill('ERR_SOCKET_BAD_PORT'));
  });
});

