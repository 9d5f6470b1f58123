/**
 * Fault injection: latency, 5xx answers, connection resets, 429s, a token-endpoint
 * outage, mid-run secret rotation and schema drift, each limited by path glob and method.
 * `before` and `after` run on every request, so with no matching fault they do no work.
 */
import { errorFor, tooManyRequests } from './faults/bodies.ts';
import { type Fault, type FaultScope, type FaultsConfig, parseFaultsConfig } from './faults/config.ts';
import { applyDrift, serializeLike, splitPointer } from './faults/drift.ts';
import type { SimRequest, SimResponse } from './http.ts';

export { parseFaultsConfig, type Fault, type FaultsConfig } from './faults/config.ts';

export interface FaultHooks {
  rotateSecret(clientId: string): void;
  /** Uniform in [0, 1); defaults to a PRNG seeded with `config.seed`. */
  random?: () => number;
  /** Milliseconds; defaults to Date.now (token-outage windows). */
  now?: () => number;
  /** Defaults to a timer; tests pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Faults {
  /** A response to send instead of handling the request, 'reset' to drop the connection, or undefined. */
  before(req: SimRequest): Promise<SimResponse | 'reset' | undefined>;
  after(req: SimRequest, res: SimResponse): SimResponse;
}

const TOKEN_PATHS = new Set(['/api/oauth/token', '/api/v1/oauth/token']);
const NOTHING: Promise<undefined> = Promise.resolve(undefined);

interface Rule<F extends Fault = Fault> {
  fault: F;
  matches(req: SimRequest): boolean;
  /** Times the fault was applied (for `times`). */
  applied: number;
}

type Of<K extends Fault['kind']> = Extract<Fault, { kind: K }>;

/** Mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*+/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

function matcher(scope: FaultScope): (req: SimRequest) => boolean {
  const path = scope.path === undefined || scope.path === '*' ? undefined : globToRegExp(scope.path);
  const methods = scope.method === undefined ? undefined : new Set(scope.method);
  return (req) => (methods === undefined || methods.has(req.method.toUpperCase())) && (path === undefined || path.test(req.path));
}

/**
 * `config` may be raw (straight from the config file): it is validated here too, so a bad
 * one fails at start with CONFIG_INVALID. Parsing a parsed config gives the same config.
 */
export function createFaults(input: FaultsConfig | unknown, hooks: FaultHooks): Faults {
  const config = parseFaultsConfig(input);
  const random = hooks.random ?? seededRandom(config.seed);
  const now = hooks.now ?? Date.now;
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const rules = config.faults.map((fault): Rule => ({ fault, matches: matcher(fault), applied: 0 }));
  const select = <K extends Fault['kind']>(kind: K): Array<Rule<Of<K>>> => rules.filter((rule) => rule.fault.kind === kind) as Array<Rule<Of<K>>>;
  const hits = (rate: number): boolean => rate >= 1 || (rate > 0 && random() < rate);
  /** The rule applies to this request: it matches, has times left, and its rate hits; counted when it does. */
  const fires = (rule: Rule & { fault: { rate: number } }, req: SimRequest): boolean => {
    if (!rule.matches(req) || (rule.fault.times !== undefined && rule.applied >= rule.fault.times) || !hits(rule.fault.rate)) return false;
    rule.applied += 1;
    return true;
  };

  const rotations = select('rotate-secret').map((rule) => ({ ...rule, seen: 0, done: false }));
  const outages = select('token-outage').map((rule) => ({ ...rule, failed: 0 }));
  const latencies = select('latency');
  const resets = select('reset');
  const limits = select('rate-limit');
  const errors = select('error');
  const drifts = select('drift').map((rule) => ({ ...rule, segments: splitPointer(rule.fault.pointer) }));
  const started = now();
  const idle = rules.length === drifts.length;

  function rotate(req: SimRequest): void {
    for (const rotation of rotations) {
      if (rotation.done || !rotation.matches(req)) continue;
      rotation.seen += 1;
      if (rotation.seen > rotation.fault.afterRequests) {
        rotation.done = true;
        hooks.rotateSecret(rotation.fault.clientId);
      }
    }
  }

  function outage(req: SimRequest): SimResponse | undefined {
    if (!TOKEN_PATHS.has(req.path.replace(/\/$/, ''))) return undefined;
    const elapsed = now() - started;
    for (const rule of outages) {
      const { startAfterMs, durationMs, requests } = rule.fault;
      if (elapsed < startAfterMs || (durationMs !== undefined && elapsed >= startAfterMs + durationMs)) continue;
      if (requests !== undefined && rule.failed >= requests) continue;
      rule.failed += 1;
      return errorFor(req.path, 503);
    }
    return undefined;
  }

  function delay(req: SimRequest): number {
    let total = 0;
    for (const rule of latencies) {
      if (!rule.matches(req)) continue;
      const { ms } = rule.fault;
      total += typeof ms === 'number' ? ms : Math.round(ms[0] + random() * (ms[1] - ms[0]));
    }
    return total;
  }

  function answer(req: SimRequest): SimResponse | 'reset' | undefined {
    if (resets.some((rule) => fires(rule, req))) return 'reset';
    const limit = limits.find((rule) => fires(rule, req));
    if (limit !== undefined) return tooManyRequests(req.path, limit.fault.retryAfter);
    const error = errors.find((rule) => fires(rule, req));
    if (error === undefined) return undefined;
    const statuses = error.fault.status;
    const status = statuses.length === 1 ? statuses[0]! : statuses[Math.floor(random() * statuses.length)]!;
    return errorFor(req.path, status);
  }

  async function beforeSlow(req: SimRequest): Promise<SimResponse | 'reset' | undefined> {
    rotate(req);
    const down = outage(req);
    if (down !== undefined) return down;
    const ms = delay(req);
    if (ms > 0) await sleep(ms);
    return answer(req);
  }

  function after(req: SimRequest, res: SimResponse): SimResponse {
    if (drifts.length === 0 || res.status < 200 || res.status >= 300) return res;
    const active = drifts.filter((rule) => rule.matches(req));
    if (active.length === 0 || !String(res.headers['content-type'] ?? '').includes('json')) return res;
    const text = typeof res.body === 'string' ? res.body : res.body.toString('utf8');
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return res;
    }
    let changed = 0;
    for (const rule of active) {
      if (hits(rule.fault.rate)) changed += applyDrift(document, rule.segments, rule.fault.change);
    }
    if (changed === 0) return res;
    const headers = Object.fromEntries(Object.entries(res.headers).filter(([key]) => key.toLowerCase() !== 'content-length'));
    return { ...res, headers, body: serializeLike(text, document) };
  }

  return { before: idle ? () => NOTHING : beforeSlow, after };
}
