/**
 * Node agents whose sockets come out of the host budget (`host-limit.ts`): the Postman
 * engine's (engine-agents.ts) and the tool's own client's (http.ts). A request the budget
 * cannot serve yet waits in the agent's queue for a socket coming back; idle sockets are
 * closed when someone waits for their host.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import { bump, type HostBudget, holdUntilClosed, hostKey } from './host-limit.ts';

type AgentWithSockets = http.Agent & { freeSockets: NodeJS.ReadOnlyDict<Socket[]> };

/**
 * Makes `agent`'s sockets come out of `budget`, at most `cap` at a time per host (the host's
 * limit when lower). Returns what undoes its hold on the budget (its reclaimer), for agents
 * that end before the process does.
 */
export function limitAgent<A extends http.Agent>(agent: A, budget: HostBudget, secure: boolean, cap = Infinity): () => void {
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
    const limit = Math.min(cap, budget.limitFor(key));
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
        done(error as Error);
        // No socket came of it, so none will free or close to serve a request the agent
        // queued behind this one (it counted this connection as on its way): place one again.
        return placeQueued(agent, options);
      }
      holdUntilClosed(budget, key, socket);
      done(null, socket);
    });
    return undefined;
  };
  const stopReclaim = budget.reclaimWith((key) => closeIdle(agent, key, budget));
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
  return stopReclaim;
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

/** Hands the first request the agent queued for this connection's host back to it, to be placed anew. */
function placeQueued(agent: http.Agent, options: object): void {
  const name = agent.getName(options);
  setImmediate(() => {
    const queue = (agent as unknown as { requests: Record<string, http.ClientRequest[] | undefined> }).requests[name];
    const next = queue?.shift();
    if (!next) return;
    if (queue!.length === 0) delete (agent as unknown as { requests: Record<string, unknown> }).requests[name];
    (agent as unknown as { addRequest: (req: http.ClientRequest, options: object) => void }).addRequest(next, options);
  });
}
