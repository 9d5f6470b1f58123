/**
 * Jamf asks clients to keep to five connections to a server at a time. This is where that
 * holds, whatever `--parallel` says and whoever opens the connection: the Postman engine's
 * sockets (through the agents below) and jamf-contract's own calls (tokens, schema,
 * preflight: `http.ts`) draw on one budget per host and port for the whole process. A
 * connection that would go over waits until one closes; an idle one is closed to make room.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

/** Jamf's guidance for API clients: at most five connections to one server. */
export const MAX_CONNECTIONS_PER_HOST = 5;

/** Closes one idle connection to `key` it holds, if it has one (returns whether it did). */
export type Reclaim = (key: string) => boolean;

export class HostBudget {
  private readonly open = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();
  private readonly reclaimers = new Set<Reclaim>();
  /**
   * Places on their way back, by host: connections closed to make room (until they have
   * closed) and closed ones in their grace. Those waiting for as many places need no other
   * connection closed for them: closing more only makes their holders open new ones, and
   * each new one waits in turn (a reconnect per request, over and over).
   */
  private readonly returning = new Map<string, number>();
  /** Of those, the ones closed to make room that have not reported their close yet. */
  private readonly reclaiming = new Map<string, number>();
  /** Lower limits for some hosts (`run --fleet --per-host`), one entry per run that asked. */
  private readonly lower = new Map<string, number[]>();
  /** The most connections ever open to one host at once (for tests and the benchmark). */
  peak = 0;

  constructor(readonly limit: number) {}

  /** Calls `ready` once a connection to `key` may be opened; the caller must `release` it when it closes. */
  acquire(key: string, ready: () => void): void {
    const open = this.open.get(key) ?? 0;
    if (open < this.limitFor(key)) {
      this.take(key);
      return ready();
    }
    const queue = this.waiting.get(key) ?? [];
    queue.push(ready);
    this.waiting.set(key, queue);
    if (!this.wanted(key)) return;
    for (const reclaim of this.reclaimers) if (reclaim(key)) break;
  }

  /**
   * A connection to `key` that has not closed yet is being closed to make room: its place is
   * on its way (call it only for a socket sure to close, just before destroying it).
   */
  closingToMakeRoom(key: string): void {
    bump(this.returning, key, 1);
    bump(this.reclaiming, key, 1);
  }

  /** A connection to `key` has closed; its place is released after `graceMs`. */
  closed(key: string, graceMs: number): void {
    // A connection closed to make room was counted when that was decided.
    if ((this.reclaiming.get(key) ?? 0) > 0) bump(this.reclaiming, key, -1);
    else bump(this.returning, key, 1);
    setTimeout(() => {
      bump(this.returning, key, -1);
      this.release(key);
    }, graceMs);
  }

  release(key: string): void {
    const open = (this.open.get(key) ?? 1) - 1;
    if (open > 0) this.open.set(key, open);
    else this.open.delete(key);
    this.drain(key);
  }

  /** Connections allowed to `key` at once: the limit, or lower while a run asks for fewer. */
  limitFor(key: string): number {
    return Math.min(this.limit, ...(this.lower.get(key) ?? []));
  }

  /** Fewer connections to `key` (at least one) until the returned function is called. */
  restrict(key: string, limit: number): () => void {
    const entry = Math.max(1, Math.floor(limit));
    this.lower.set(key, [...(this.lower.get(key) ?? []), entry]);
    let lifted = false;
    return () => {
      if (lifted) return;
      lifted = true;
      const rest = [...(this.lower.get(key) ?? [])];
      rest.splice(rest.indexOf(entry), 1);
      if (rest.length > 0) this.lower.set(key, rest);
      else this.lower.delete(key);
      this.drain(key);
    };
  }

  /** Hands free places to those waiting for `key`. */
  private drain(key: string): void {
    const queue = this.waiting.get(key);
    while (queue && queue.length > 0 && (this.open.get(key) ?? 0) < this.limitFor(key)) {
      const next = queue.shift()!;
      this.take(key);
      next();
    }
    if (queue?.length === 0) this.waiting.delete(key);
  }

  /** Someone is waiting for a connection to `key` with no place on its way back to them. */
  wanted(key: string): boolean {
    return (this.waiting.get(key)?.length ?? 0) > (this.returning.get(key) ?? 0);
  }

  /** Registers a holder of idle connections; returns its removal. */
  reclaimWith(reclaim: Reclaim): () => void {
    this.reclaimers.add(reclaim);
    return () => this.reclaimers.delete(reclaim);
  }

  private take(key: string): void {
    const open = (this.open.get(key) ?? 0) + 1;
    this.open.set(key, open);
    this.peak = Math.max(this.peak, open);
  }
}

/** The process's budget: every run and every client in this process shares it. */
export const hostBudget = new HostBudget(MAX_CONNECTIONS_PER_HOST);

export function hostKey(host: string | null | undefined, port: string | number | null | undefined, secure: boolean): string {
  const name = String(host ?? 'localhost').toLowerCase().replace(/^\[|\]$/g, '');
  return `${name}:${port || (secure ? 443 : 80)}`;
}

/** The budget's key for a server URL (`https://x.jamfcloud.com` → `x.jamfcloud.com:443`); undefined when it is no URL (reported elsewhere). */
export function hostKeyOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const u = new URL(url);
  return hostKey(u.hostname, u.port, u.protocol === 'https:');
}

/**
 * How long a closed connection still counts. The server learns of a close we make a little
 * after we do; handing its place on at once could let a new connection reach the server
 * before the old one's end does, and the server would see one too many for a moment.
 */
const CLOSE_GRACE_MS = 50;
/**
 * The same when the server ended the connection (it sent its end first, or reset it): it
 * knows already and only has to finish closing its side. Waiting the full grace here made a
 * server that closes connections often (`Connection: close`, a proxy's keep-alive limit)
 * cost 50 ms of a place per connection.
 */
const SERVER_CLOSED_GRACE_MS = 5;

/** Counts a socket against the budget until it has closed (and a little after). */
export function holdUntilClosed(budget: HostBudget, key: string, socket: Socket): void {
  let serverEnded = false;
  socket.once('end', () => (serverEnded = true));
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ECONNRESET') serverEnded = true;
  });
  socket.once('close', () => budget.closed(key, serverEnded || saidClose(socket) ? SERVER_CLOSED_GRACE_MS : CLOSE_GRACE_MS));
}

/** The last answer on this socket said `Connection: close`: the server is closing it. */
function saidClose(socket: Socket): boolean {
  const answer = (socket as Socket & { _httpMessage?: { res?: { headers?: Record<string, unknown> } } })._httpMessage?.res?.headers?.connection;
  return typeof answer === 'string' && answer.toLowerCase().split(',').some((token) => token.trim() === 'close');
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

/**
 * Agents for the Postman engine's requests whose sockets come out of the host budget. The
 * engine's HTTP library (postman-request) makes and pools them itself from these classes,
 * with each request's TLS settings (`--ca`, client certificates, `--insecure`), as it does
 * its own. Idle sockets close after 30 s, or at once when someone waits for their host.
 */
export class LimitedHttpAgent extends http.Agent {
  constructor(options?: http.AgentOptions) {
    super(options);
    limit(this, hostBudget, false);
  }
}

export class LimitedHttpsAgent extends https.Agent {
  constructor(options?: https.AgentOptions) {
    super(options);
    limit(this, hostBudget, true);
  }
}

/** The engine's `requester.agents` option: postman-request builds its agents from these. */
export function engineAgents(idleMs = 30_000): { http: { agentClass: typeof http.Agent; agentOptions: http.AgentOptions }; https: { agentClass: typeof https.Agent; agentOptions: https.AgentOptions } } {
  const agentOptions = { keepAlive: true, timeout: idleMs };
  return { http: { agentClass: LimitedHttpAgent, agentOptions }, https: { agentClass: LimitedHttpsAgent, agentOptions } };
}

type AgentWithSockets = http.Agent & { freeSockets: NodeJS.ReadOnlyDict<Socket[]> };

function limit<A extends http.Agent>(agent: A, budget: HostBudget, secure: boolean): A {
  // The agent keeps to the host's limit itself. A request sent the moment another ends (as
  // `--parallel` sends them) finds that one's socket not yet back in the pool: without a
  // limit the agent asks for a new connection, the budget is full, an idle socket is closed to
  // make room — one reconnect, and its close grace, per request. With it the request waits in
  // the agent's own queue and gets the socket that comes back.
  // Connections asked for and not yet handed over count too: the agent counts a socket only
  // once it exists, and would otherwise ask for one more for every request that comes while a
  // connection waits for its place (a server that closes connections often made it close its
  // idle ones to make room, and reconnect, for nearly every request).
  const asked = new Map<string, number>();
  const addRequest = (agent as unknown as { addRequest: (req: unknown, options: { host?: string; port?: number | string }, ...rest: unknown[]) => void }).addRequest;
  (agent as unknown as { addRequest: typeof addRequest }).addRequest = function (this: http.Agent, req, options, ...rest) {
    if (!options || typeof options !== 'object') return addRequest.call(this, req, options, ...rest);
    const key = hostKey(options.host, options.port, secure);
    const limit = budget.limitFor(key);
    // Lower only while the request is placed: the agent also closes a socket coming back
    // idle when it holds more than `maxSockets`.
    this.maxSockets = Math.max(0, limit - (asked.get(key) ?? 0));
    try {
      addRequest.call(this, req, options, ...rest);
    } finally {
      this.maxSockets = limit;
    }
  };
  const create = agent.createConnection.bind(agent) as (options: object) => Socket;
  // The agent asks for a socket with a callback: it may be handed over later, when the budget allows.
  (agent as unknown as { createConnection: unknown }).createConnection = (options: { host?: string; port?: number | string }, done: (error: Error | null, socket?: Socket) => void) => {
    const key = hostKey(options.host, options.port, secure);
    bump(asked, key, 1);
    budget.acquire(key, () => {
      bump(asked, key, -1);
      let socket: Socket;
      try {
        socket = create(options);
      } catch (error) {
        budget.release(key);
        return done(error as Error);
      }
      holdUntilClosed(budget, key, socket);
      done(null, socket);
    });
    return undefined;
  };
  budget.reclaimWith((key) => closeIdle(agent, key, budget));
  // A socket coming back idle while someone waits for its host is closed, so they can connect.
  agent.on('free', (socket: Socket, options: { host?: string; port?: number | string }) => {
    const key = hostKey(options.host, options.port, secure);
    if (!budget.wanted(key)) return;
    setImmediate(() => {
      if ((socket as Socket & { _httpMessage?: unknown })._httpMessage || socket.destroyed || !budget.wanted(key)) return;
      budget.closingToMakeRoom(key);
      socket.destroy();
    });
  });
  return agent;
}

function closeIdle(agent: http.Agent, key: string, budget: HostBudget): boolean {
  const free = (agent as AgentWithSockets).freeSockets;
  for (const [name, sockets] of Object.entries(free)) {
    if (!name.toLowerCase().startsWith(`${key}:`)) continue;
    // A socket destroyed a moment ago stays listed until it has closed: it makes no more room.
    const socket = sockets?.find((s) => !s.destroyed);
    if (!socket) continue;
    budget.closingToMakeRoom(key);
    socket.destroy();
    return true;
  }
  return false;
}
