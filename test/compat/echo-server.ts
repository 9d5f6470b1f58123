/**
 * The local server both tools run the compatibility collections against (127.0.0.1, a
 * random port). It records every request exactly as it arrived — method, path and query,
 * headers, body bytes — and answers like a small httpbin: echoes, redirects, cookies, auth
 * challenges (basic, digest, bearer, API key), compressed and XML/HTML bodies, statuses —
 * and, under `/api`, a Jamf-like token endpoint whose tokens every other `/api` call needs.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

export interface Received {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface EchoServer {
  url: string;
  /** Every request since the last `take()`, in arrival order. */
  take(): Received[];
  close(): Promise<void>;
}

/** Fixed, so both tools answer the same challenge. */
/** The API client the Jamf-like `/api` accepts, and the account `/JSSResource` accepts with Basic. */
export const CLIENT = { id: 'compat-client', secret: 'compat-secret' };
export const ACCOUNT = { username: 'admin', password: 'jamf-pass' };
export const DIGEST = { realm: 'compat@example', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', opaque: '5ccc069c403ebaf9f0171e9517f40e41' };
const LONGEST_DELAY_MS = 2_000;

export async function echoServer(): Promise<EchoServer> {
  let received: Received[] = [];
  const issued = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
      received.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body });
      try {
        if (/^\/(api|JSSResource)\//.test(req.url ?? '')) return jamfApi(req, res, body, issued);
        route(req, res, body);
      } catch (error) {
        send(res, 500, { error: String(error) });
      }
    });
  });
  // Both tools keep connections alive between runs: a server closing an idle one just as a
  // client reuses it (Node's default is 5 s) makes a request fail at random.
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    take: () => {
      const out = received;
      received = [];
      return out;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const url = new URL(req.url ?? '/', 'http://echo');
  const parts = url.pathname.split('/').filter(Boolean);
  const query = Object.fromEntries(url.searchParams);
  switch (parts[0]) {
    case 'status':
      return send(res, Number(parts[1] ?? 200), { status: Number(parts[1] ?? 200) });
    case 'redirect': {
      // /redirect/N: N hops of 302, then /get.
      const n = Number(parts[1] ?? 1);
      return redirect(res, 302, n > 1 ? `/redirect/${n - 1}` : '/get');
    }
    case 'redirect-to':
      return redirect(res, Number(query.status ?? 302), query.url ?? '/get');
    case 'cookies':
      return cookies(req, res, parts[1], url.searchParams);
    case 'basic-auth':
      return basicAuth(req, res, parts[1] ?? '', parts[2] ?? '');
    case 'digest-auth':
      return digestAuth(req, res, parts[1] ?? '', parts[2] ?? '');
    case 'bearer': {
      const auth = req.headers.authorization ?? '';
      return /^Bearer \S+$/.test(auth) ? send(res, 200, { authenticated: true, token: auth.slice(7) }) : send(res, 401, { authenticated: false }, { 'www-authenticate': 'Bearer' });
    }
    case 'api-key': {
      const key = req.headers['x-api-key'] ?? query.api_key;
      return key ? send(res, 200, { authenticated: true, key }) : send(res, 401, { authenticated: false });
    }
    case 'gzip':
      return compressed(res, 'gzip', gzipSync(JSON.stringify({ gzipped: true, method: req.method })));
    case 'deflate':
      return compressed(res, 'deflate', deflateSync(JSON.stringify({ deflated: true, method: req.method })));
    case 'brotli':
      return compressed(res, 'br', brotliCompressSync(JSON.stringify({ brotli: true, method: req.method })));
    case 'xml':
      return text(res, 200, 'application/xml; charset=utf-8', XML);
    case 'html':
      return text(res, 200, 'text/html; charset=utf-8', HTML);
    case 'latin1':
      return text(res, 200, 'text/plain; charset=ISO-8859-1', Buffer.from('café Zürich', 'latin1'));
    case 'headers':
      // /headers?name=value: those headers on the answer.
      return send(res, 200, { headers: query }, query);
    case 'delay':
      setTimeout(() => send(res, 200, { delayed: Number(parts[1] ?? 0) }), Math.min(Number(parts[1] ?? 0), LONGEST_DELAY_MS));
      return;
    case 'json':
      return send(res, 200, DOCUMENT);
    default:
      return send(res, 200, echo(req, url, body));
  }
}

/**
 * Client credentials at `/api/oauth/token` and `/api/v1/oauth/token`; every other `/api` call
 * needs one of its tokens; `/JSSResource` (Classic) takes a token or Basic.
 */
function jamfApi(req: IncomingMessage, res: ServerResponse, body: Buffer, issued: Set<string>): void {
  const url = new URL(req.url ?? '/', 'http://echo');
  if (/^\/api\/(v1\/)?oauth\/token$/.test(url.pathname) && req.method === 'POST') {
    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== CLIENT.id || form.get('client_secret') !== CLIENT.secret) {
      return send(res, 401, { error: 'invalid_client' });
    }
    const token = `issued-${issued.size + 1}-${Math.random().toString(36).slice(2)}`;
    issued.add(token);
    return send(res, 200, { access_token: token, scope: 'api-role:1', token_type: 'Bearer', expires_in: 599 });
  }
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const basic = `Basic ${Buffer.from(`${ACCOUNT.username}:${ACCOUNT.password}`).toString('base64')}`;
  const classicBasic = url.pathname.startsWith('/JSSResource/') && req.headers.authorization === basic;
  if (!classicBasic && (!token || !issued.has(token))) return send(res, 401, { httpStatus: 401, errors: [{ code: 'INVALID_TOKEN', description: 'Unauthorized', id: '0', field: null }] });
  if (url.pathname === '/api/v1/jamf-pro-version') return send(res, 200, { version: '11.30.1-t1700000000000' });
  send(res, 200, echo(req, url, body));
}

function echo(req: IncomingMessage, url: URL, body: Buffer): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  const textBody = body.toString('utf8');
  let json: unknown;
  if (/json/.test(type)) {
    try {
      json = JSON.parse(textBody);
    } catch {
      json = undefined;
    }
  }
  return {
    method: req.method,
    path: url.pathname,
    args: Object.fromEntries(url.searchParams),
    headers: { 'content-type': type, cookie: req.headers.cookie ?? '', 'x-custom': req.headers['x-custom'] ?? '', authorization: req.headers.authorization ?? '' },
    body: textBody,
    ...(/x-www-form-urlencoded/.test(type) ? { form: Object.fromEntries(new URLSearchParams(textBody)) } : {}),
    ...(json !== undefined ? { json } : {}),
    bytes: body.length,
  };
}

function cookies(req: IncomingMessage, res: ServerResponse, action: string | undefined, params: URLSearchParams): void {
  if (action === 'set') {
    // httpbin's way: set them and redirect to /cookies, which shows what came back.
    res.setHeader('set-cookie', [...params].map(([k, v]) => `${k}=${v}; Path=/`));
    return redirect(res, 302, '/cookies');
  }
  if (action === 'delete') {
    res.setHeader('set-cookie', [...params.keys()].map((k) => `${k}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT`));
    return redirect(res, 302, '/cookies');
  }
  const jar = Object.fromEntries((req.headers.cookie ?? '').split(/;\s*/).filter(Boolean).map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]));
  send(res, 200, { cookies: jar });
}

function basicAuth(req: IncomingMessage, res: ServerResponse, user: string, pass: string): void {
  const expected = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  if (req.headers.authorization === expected) return send(res, 200, { authenticated: true, user });
  send(res, 401, { authenticated: false }, { 'www-authenticate': 'Basic realm="compat"' });
}

/** RFC 2617 digest with qop=auth (MD5), checked for real: a wrong response gets 401. */
function digestAuth(req: IncomingMessage, res: ServerResponse, user: string, pass: string): void {
  const header = req.headers.authorization ?? '';
  const fields = Object.fromEntries([...header.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1]!, m[2] ?? m[3] ?? '']));
  if (header.startsWith('Digest ') && fields.username === user && fields.nonce === DIGEST.nonce) {
    const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
    const ha1 = md5(`${user}:${DIGEST.realm}:${pass}`);
    const ha2 = md5(`${req.method}:${fields.uri}`);
    const expected = fields.qop ? md5(`${ha1}:${DIGEST.nonce}:${fields.nc}:${fields.cnonce}:${fields.qop}:${ha2}`) : md5(`${ha1}:${DIGEST.nonce}:${ha2}`);
    if (fields.response === expected) return send(res, 200, { authenticated: true, user });
  }
  send(res, 401, { authenticated: false }, { 'www-authenticate': `Digest realm="${DIGEST.realm}", qop="auth", nonce="${DIGEST.nonce}", opaque="${DIGEST.opaque}", algorithm=MD5` });
}

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string | undefined> = {}): void {
  const defined = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
  res.writeHead(status, { ...defined, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(json));
}

function text(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, 'content-type': 'text/plain' });
  res.end(`Redirecting to ${location}`);
}

function compressed(res: ServerResponse, encoding: string, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
  res.end(body);
}

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<computers><size>2</size><computer id="1"><name>MAC-001</name><serial>C02AAA</serial></computer><computer id="2"><name>MAC-002</name><serial>C02BBB</serial></computer></computers>`;

const HTML = `<!doctype html><html><head><title>Compat page</title></head><body>
<h1 class="title">Inventory</h1><ul id="devices"><li data-id="1">MAC-001</li><li data-id="2">MAC-002</li></ul><a href="/get">next</a></body></html>`;

const DOCUMENT = {
  id: 7,
  name: 'Building A',
  tags: ['east', 'north', 'east'],
  created: '2024-02-29T12:30:00Z',
  owner: { name: 'Jamie', email: 'jamie@example.com' },
  devices: [
    { id: 1, name: 'MAC-001', managed: true, battery: 81 },
    { id: 2, name: 'MAC-002', managed: false, battery: 45 },
    { id: 3, name: 'IPAD-003', managed: true, battery: 99 },
  ],
};
