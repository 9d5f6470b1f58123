/** An HttpClient like the run's, and tiny local servers for what the simulator cannot do. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, type HttpClient, type TlsOptions } from '../../src/wire/http.ts';
import { newCookieJar } from '../../src/wire/cookies.ts';
import type { CookieJar } from '../../src/wire/cookies.ts';

export function newJar(): CookieJar {
  return newCookieJar();
}

export function httpClient(tls: TlsOptions = {}): HttpClient {
  return createHttpClient({ jar: newJar(), tls });
}

export interface TinyServer {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

/** A loopback server answering with `handler`; records `METHOD path` of every request. */
export async function tinyServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TinyServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = await tinyServer((_q, r) => r.end());
  const port = Number(new URL(s.url).port);
  await s.close();
  return port;
}
