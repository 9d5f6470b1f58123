/**
 * A server 100 ms away, on loopback: every answer waits `latencyMs`. It issues tokens
 * (client credentials, for both tools), and counts the connections open to it at once, so
 * the benchmark reports the peak as the server saw it.
 *
 * `connectMs`: a new connection is read from only after that long, as a far server answers
 * a connection's first request only after the TCP and TLS handshakes' round trips (two at
 * least: 200 ms for a server 100 ms away); a kept-alive connection pays it once.
 */
import { createServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';

export interface LatencyServer {
  url: string;
  /** Most connections open at once since the last `reset`. */
  peak(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function latencyServer(latencyMs: number, connectMs = 0): Promise<LatencyServer> {
  let open = 0;
  let peak = 0;
  const body = JSON.stringify({ id: '1', name: 'Apple Park', streetAddress1: '1 Apple Park Way', city: 'Cupertino', country: 'US' });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      // Every answer is as far away, the token's and the version's too (both tools fetch a token
      // before their first request; jamf-contract also asks the version).
      const answer = req.url?.includes('/oauth/token')
        ? JSON.stringify({ access_token: 'bench-token', token_type: 'Bearer', expires_in: 1200 })
        : req.url?.includes('/jamf-pro-version') ? JSON.stringify({ version: '11.30.1' }) : body;
      setTimeout(() => res.end(answer), latencyMs);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    open += 1;
    peak = Math.max(peak, open);
    socket.on('close', () => (open -= 1));
  });
  // In front: connections accepted, paused, and handed to the HTTP server `connectMs` later.
  const front = createTcpServer({ pauseOnConnect: true }, (socket) => {
    if (connectMs === 0) {
      server.emit('connection', socket);
      return void socket.resume();
    }
    const timer = setTimeout(() => {
      server.emit('connection', socket);
      socket.resume();
    }, connectMs);
    socket.once('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const { port } = front.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    peak: () => peak,
    reset: () => void (peak = open),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      front.close(() => resolve());
    }),
  };
}
