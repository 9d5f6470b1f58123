/**
 * Everything a running simulator holds: auth state, one store per node, the request
 * statistics, and the cluster's replication lag. `reset()` restores the seed.
 *
 * Clustering: every node has its own store; a write on one node is queued for the other
 * and applied once `clusterLagMs` has passed (checked lazily when that node next serves
 * a request, so no timers are left behind). Auth state is shared, as Jamf keeps it in the
 * database all nodes read.
 */
import { AuthState } from './auth.ts';
import type { Seed } from './seed.ts';
import { storeObjects } from './seed-accounts.ts';
import { IdSequence, MemoryStore, type WriteOp } from './store.ts';
import type { VersionInfo } from './version.ts';

export interface SimNode {
  name: string;
  store: MemoryStore;
  pending: Array<{ at: number; op: WriteOp }>;
}

export interface Stats {
  requests: Record<string, number>;
  tokensIssued: Record<string, number>;
  status: Record<string, number>;
  load: Load;
}

/** Connections open and requests being answered: now, and the most at once since the last reset (for clients' connection limits). */
export interface Load {
  connections: number;
  peakConnections: number;
  /** Connections opened since the last reset (a client that reconnects for every request shows here). */
  opened: number;
  inFlight: number;
  peakInFlight: number;
}

export class SimulatorState {
  auth!: AuthState;
  nodes: SimNode[] = [];
  requests: Record<string, number> = Object.create(null) as Record<string, number>;
  status: Record<string, number> = Object.create(null) as Record<string, number>;
  readonly load: Load = { connections: 0, peakConnections: 0, opened: 0, inFlight: 0, peakInFlight: 0 };
  private turn = 0;
  private readonly resetHooks: Array<() => void> = [];

  constructor(
    private readonly seed: Seed,
    readonly info: VersionInfo,
    readonly nodeCount: number,
    readonly clusterLagMs: number,
    private readonly issuer: string,
    /** Privileges beyond the simulator's own (those an `--openapi` document names). */
    private readonly extraPrivileges: readonly string[] = [],
  ) {
    this.reset();
  }

  /** Also run `hook` on every reset (e.g. to forget writes to generated resources). */
  onReset(hook: () => void): void {
    this.resetHooks.push(hook);
  }

  reset(): void {
    for (const hook of this.resetHooks) hook();
    this.auth = new AuthState(this.seed, this.info, this.issuer, this.extraPrivileges);
    const objects = storeObjects(this.seed.objects, this.seed.users);
    const ids = new IdSequence(objects);
    this.nodes = Array.from({ length: this.nodeCount }, (_, i) => {
      const node: SimNode = { name: `node${i + 1}`, store: new MemoryStore(objects, ids), pending: [] };
      node.store.onWrite = (op) => this.replicate(node, op);
      return node;
    });
    this.requests = Object.create(null) as Record<string, number>;
    this.status = Object.create(null) as Record<string, number>;
    // Connections stay open across a reset; the peaks start again from what is open now.
    this.load.peakConnections = this.load.connections;
    this.load.opened = 0;
    this.load.peakInFlight = this.load.inFlight;
  }

  /** A connection opened (+1) or closed (-1). */
  connection(delta: 1 | -1): void {
    this.load.connections += delta;
    if (delta > 0) this.load.opened += 1;
    this.load.peakConnections = Math.max(this.load.peakConnections, this.load.connections);
  }

  /** A request started (+1) or was answered (-1). */
  answering(delta: 1 | -1): void {
    this.load.inFlight += delta;
    this.load.peakInFlight = Math.max(this.load.peakInFlight, this.load.inFlight);
  }

  private replicate(from: SimNode, op: WriteOp): void {
    if (this.nodes.length < 2) return;
    const at = Date.now() + this.clusterLagMs;
    for (const node of this.nodes) if (node !== from) node.pending.push({ at, op });
  }

  /** The node for a request: the one its affinity cookie names, else the next in turn. */
  pick(cookieNode: string | undefined): SimNode {
    const named = cookieNode === undefined ? undefined : this.nodes.find((n) => n.name === cookieNode);
    const node = named ?? (this.nodes[this.turn++ % this.nodes.length] as SimNode);
    this.catchUp(node);
    return node;
  }

  private catchUp(node: SimNode): void {
    if (node.pending.length === 0) return;
    const now = Date.now();
    let applied = 0;
    for (const item of node.pending) {
      if (item.at > now) break;
      node.store.apply(item.op);
      applied++;
    }
    if (applied > 0) node.pending.splice(0, applied);
  }

  rotateSecret(clientId: string): string | undefined {
    return this.auth.rotateSecret(clientId);
  }

  stats(): Stats {
    return { requests: { ...this.requests }, tokensIssued: { ...this.auth.tokensIssued }, status: { ...this.status }, load: { ...this.load } };
  }
}
