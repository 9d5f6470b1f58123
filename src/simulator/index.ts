/**
 * The embedded Jamf Pro simulator: a real HTTP(S) server on loopback, seeded
 * deterministically, serving the Jamf Pro API, the Classic API (when its module is
 * present), the generated schemas and the inspection endpoints for tests.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { JamfContractError } from '../errors.ts';
import { adminRoutes } from './api/admin.ts';
import { authRoutes } from './api/auth-routes.ts';
import { inventoryRoutes } from './api/inventory.ts';
import { resourceRoutes } from './api/resources.ts';
import { classicSwagger, loadClassic, loadFaults, type ClassicHandler, type Faults } from './extensions.ts';
import { createGeneratedApi, resolveVersion, type GeneratedApi } from './generated/index.ts';
import type { SimRequest, SimResponse } from './http.ts';
import { apiError, jamfJson } from './json.ts';
import { createProApi, type ProApi } from './pro-api.ts';
import { Router, type RouteDef } from './routes.ts';
import { buildSeed, type Seed } from './seed.ts';
import { SimulatorState, type SimNode } from './state.ts';
import { versionInfo, type Profile } from './version.ts';
import { classicUnauthorized } from './auth.ts';

export type { SimRequest, SimResponse } from './http.ts';
export { SimulatorState } from './state.ts';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /**
   * Any `x.y.z`; auth schemes follow it, native resources follow the nearer of 11.29.1 /
   * 11.30.1. Default 11.30.1; with `openapi` given as a file, the version in its name.
   */
  jamfVersion?: string;
  /**
   * A Jamf Pro API document (a file path, or the parsed document): schema mode. The
   * simulator then serves every operation in it — native routes where it has them, every
   * other operation generated from the schema — and serves the document at `/api/schema`.
   */
  openapi?: string | Record<string, unknown>;
  tls?: boolean;
  cluster?: boolean;
  clusterLagMs?: number;
  /** Seed overrides, as in a `--config` file (validated); its `faults` key is used when `faults` is not given. */
  config?: unknown;
  /** A complete seed, e.g. from `loadSeedFile`; wins over `config`. */
  seed?: Seed;
  /** Fault configuration (`parseFaultsConfig`'s shape), passed to the fault module. */
  faults?: unknown;
  quiet?: boolean;
  /** Largest accepted request body in bytes (default 1 MiB); larger gets 413. */
  maxBodyBytes?: number;
}

export interface RunningSimulator {
  url: string;
  /** The Jamf Pro version it answers as (`/api/v1/jamf-pro-version`). */
  jamfVersion: string;
  /** Things a user should know, e.g. that the version was assumed. */
  notices: string[];
  /** In schema mode: the document served, its operation count and how many are generated. */
  schema?: { source: string; operations: number; generated: number };
  /** The self-signed certificate (PEM) when `tls` is on, for clients to trust. */
  ca?: string;
  state: SimulatorState;
  close(): Promise<void>;
}

export const AFFINITY_COOKIE = 'jpro-ingress';

export function allRoutes(): RouteDef[] {
  return [...authRoutes(), ...adminRoutes(), ...resourceRoutes(), ...inventoryRoutes()];
}

/**
 * The Pro API routes. In schema mode the native resources stay where the document has the
 * same operation, the token and caller endpoints always (nothing works without them), and
 * every other operation of the document is generated.
 */
function buildRouter(profile: Profile, generated: GeneratedApi | undefined): { router: Router; generated: number } {
  if (!generated) return { router: new Router(allRoutes(), profile), generated: 0 };
  const resources = [...adminRoutes(), ...resourceRoutes(), ...inventoryRoutes()].filter((r) => generated.has(r.method, r.path));
  const native = [...authRoutes(), ...resources].filter((r) => !r.profiles || r.profiles.includes(profile));
  const served = new Set(native.map((r) => `${r.method} ${r.path}`));
  const routes = generated.routes((method, path) => served.has(`${method} ${path}`));
  return { router: new Router(native, profile, routes), generated: routes.length };
}

const HTML_404 = (): SimResponse => ({
  status: 404,
  headers: { 'content-type': 'text/html;charset=UTF-8' },
  body: '<html>\n<head>\n<title>Status page</title>\n</head>\n<body style="font-family: sans-serif;">\n' +
    '<p style="font-size: 1.2em;font-weight: bold;margin: 1em 0px;">Not Found</p>\n' +
    '<p>The server has not found anything matching the request URI</p>\n</body>\n</html>\n',
});

function cookieNode(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const at = header.indexOf(`${AFFINITY_COOKIE}=`);
  if (at < 0) return undefined;
  const rest = header.slice(at + AFFINITY_COOKIE.length + 1);
  const end = rest.indexOf(';');
  return (end < 0 ? rest : rest.slice(0, end)).trim();
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const generated = options.openapi === undefined ? undefined : createGeneratedApi(options.openapi);
  const version = generated ? resolveVersion(options.jamfVersion, options.openapi) : { version: options.jamfVersion ?? '11.30.1', from: 'option' };
  const info = versionInfo(version.version);
  const notices = version.from === 'assumed'
    ? [`The Jamf Pro API document does not say which version it is (a server's /api/schema never does) and its file name holds none: answering as ${info.version}. Pass the version (--jamf-version) to choose.`]
    : [];
  const seed = options.seed ?? buildSeed(options.config);
  const lag = options.clusterLagMs ?? 5000;
  if (!Number.isFinite(lag) || lag < 0) throw new JamfContractError('CONFIG_INVALID', 'clusterLagMs must be a number of milliseconds ≥ 0.');
  const scheme = options.tls ? 'https' : 'http';
  const state = new SimulatorState(seed, info, options.cluster ? 2 : 1, lag, `${scheme}://${host}`, generated?.privileges ?? []);
  if (generated) state.onReset(() => generated.reset());
  const built = buildRouter(info.profile, generated);
  const pro = createProApi(built.router, state, generated?.document.text);
  const classic = await loadClassic();
  const classicRoutes = classic?.classicRoutes ?? [{ method: 'GET', path: '/buildings', summary: 'Finds all buildings' }];
  const swagger = classicSwagger(classicRoutes);
  const faults = await loadFaults(options.faults ?? configFaults(options.config), { rotateSecret: (id: string) => state.rotateSecret(id), state });
  const classicFor = new Map<SimNode, ClassicHandler>();
  const classicHandler = (node: SimNode): ClassicHandler | undefined => {
    if (!classic) return undefined;
    let handler = classicFor.get(node);
    if (!handler) {
      handler = classic.createClassicHandler({ authenticate: (req) => state.auth.classicAuthenticate(req), store: node.store, version: info.version });
      classicFor.set(node, handler);
    }
    return handler;
  };
  const ctx: Dispatch = { state, pro, classicHandler, swagger, faults, cluster: !!options.cluster, secure: !!options.tls, maxBody: options.maxBodyBytes ?? 1_048_576 };

  let ca: string | undefined;
  let server: Server;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => receive(ctx, req, res);
  if (options.tls) {
    // Loaded only for --tls: certificate generation pulls in a large crypto library.
    const { generate } = await import('selfsigned');
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048, algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
    } as Parameters<typeof generate>[1]);
    ca = pems.cert;
    server = createHttpsServer({ key: pems.private, cert: pems.cert, keepAlive: true }, onRequest);
  } else {
    server = createHttpServer({ keepAlive: true }, onRequest);
  }
  server.keepAliveTimeout = 65_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    state.connection(1);
    socket.on('close', () => {
      sockets.delete(socket);
      state.connection(-1);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new JamfContractError('SIMULATOR_START', `Cannot listen on ${host}:${options.port ?? 0}: ${error.message}. Choose another --port.`, { cause: error })));
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${scheme}://${shownHost}:${port}`,
    jamfVersion: info.version,
    notices,
    ...(generated ? { schema: { source: generated.document.source, operations: generated.operations, generated: built.generated } } : {}),
    ...(ca ? { ca } : {}),
    state,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }),
  };
}

function configFaults(config: unknown): unknown {
  return typeof config === 'object' && config !== null ? (config as { faults?: unknown }).faults : undefined;
}

interface Dispatch {
  state: SimulatorState;
  pro: ProApi;
  classicHandler(node: SimNode): ClassicHandler | undefined;
  swagger: string;
  faults: Faults | undefined;
  cluster: boolean;
  secure: boolean;
  maxBody: number;
}

function receive(ctx: Dispatch, req: IncomingMessage, res: ServerResponse): void {
  // In flight from the moment the request arrives until its answer is written or the socket dies.
  ctx.state.answering(1);
  res.once('close', () => ctx.state.answering(-1));
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    if (tooLarge) return;
    size += chunk.length;
    if (size > ctx.maxBody) {
      tooLarge = true;
      chunks.length = 0;
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const sim: SimRequest = {
      method: req.method ?? 'GET',
      path: q < 0 ? url : url.slice(0, q),
      query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
      headers: req.headers,
      body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
    };
    const key = `${sim.method} ${sim.path}`;
    ctx.state.requests[key] = (ctx.state.requests[key] ?? 0) + 1;
    const answer = tooLarge
      ? Promise.resolve(apiError(413, [{ code: 'PAYLOAD_TOO_LARGE', description: `Request body larger than ${ctx.maxBody} bytes` }]))
      : dispatch(ctx, sim, req);
    answer.then(
      (out) => send(ctx, req, res, out),
      (error: unknown) => send(ctx, req, res, apiError(500, [{ code: 'INTERNAL_ERROR', description: (error as Error).message ?? 'error' }])),
    );
  });
  req.on('error', () => res.destroy());
}

async function dispatch(ctx: Dispatch, req: SimRequest, raw: IncomingMessage): Promise<SimResponse | 'reset'> {
  const path = req.path;
  if (path.startsWith('/__simulator/')) return inspect(ctx, req);
  if (ctx.faults) {
    const early = await ctx.faults.before(req);
    if (early !== undefined) return early;
  }
  const named = cookieNode(req.headers.cookie);
  const node = ctx.state.pick(ctx.cluster ? named : undefined);
  let out: SimResponse;
  if (path.startsWith('/api/') || path === '/api') {
    out = await ctx.pro.handle(req, node, `${ctx.secure ? 'https' : 'http'}://${raw.headers.host ?? 'localhost'}`);
  } else if (path.startsWith('/JSSResource/') || path === '/JSSResource') {
    const handler = ctx.classicHandler(node);
    out = handler ? await handler(req) : classicFallback(ctx, req);
  } else if (path === '/classicapi/doc/swagger.yaml') {
    out = { status: 200, headers: { 'content-type': 'application/yaml' }, body: ctx.swagger };
  } else {
    out = HTML_404();
  }
  if (ctx.faults) out = ctx.faults.after(req, out);
  if (ctx.cluster && named !== node.name) {
    out.headers['set-cookie'] = `${AFFINITY_COOKIE}=${node.name}; Path=/; HttpOnly${ctx.secure ? '; Secure' : ''}`;
  }
  return out;
}

function classicFallback(ctx: Dispatch, req: SimRequest): SimResponse {
  const auth = ctx.state.auth.classicAuthenticate(req);
  return auth.ok ? HTML_404() : classicUnauthorized();
}

function inspect(ctx: Dispatch, req: SimRequest): SimResponse {
  if (req.path === '/__simulator/stats' && req.method === 'GET') {
    return { status: 200, headers: { 'content-type': 'application/json' }, body: jamfJson(ctx.state.stats()) };
  }
  if (req.path === '/__simulator/reset' && req.method === 'POST') {
    ctx.state.reset();
    return { status: 204, headers: {}, body: '' };
  }
  return HTML_404();
}

function send(ctx: Dispatch, req: IncomingMessage, res: ServerResponse, out: SimResponse | 'reset'): void {
  if (out === 'reset') {
    req.socket.destroy();
    return;
  }
  const status = String(out.status);
  ctx.state.status[status] = (ctx.state.status[status] ?? 0) + 1;
  res.writeHead(out.status, out.headers);
  res.end(out.body);
}
