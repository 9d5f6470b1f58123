/**
 * Jamf asks clients to keep to five connections to a server at a time. This is where that
 * holds, whatever `--parallel` says and whoever opens the connection: the Postman engine's
 * sockets (through the agents in `engine-agents.ts`) and jamf-contract's own calls (tokens, schema,
 * preflight: `http.ts`) draw on one budget per host and port for the whole process. A
 * connection that would go over waits until one closes; an idle one is closed to make room.
 */
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

/** Adds `by` to a count by key, forgetting keys that reach zero. */
export function bump(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}
