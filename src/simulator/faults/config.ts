/**
 * The faults section of the simulator config, validated once: every problem names the
 * field (`faults[2].rate`) so a broken `--config` is refused at start.
 */
import { JamfContractError } from '../../errors.ts';

export const ERROR_STATUSES = [500, 502, 503, 504] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];
export const DRIFT_CHANGES = ['remove', 'type', 'null'] as const;
export type DriftChange = (typeof DRIFT_CHANGES)[number];

/** Limits a fault to requests whose path (glob, `*` spans `/`) and method match. */
export interface FaultScope {
  path?: string;
  method?: string[];
  /** Only the first N requests the fault would hit ("a 503 once", "one reset"). */
  times?: number;
}

export type Fault = FaultScope &
  (
    | { kind: 'latency'; ms: number | [number, number] }
    | { kind: 'error'; rate: number; status: ErrorStatus[] }
    | { kind: 'reset'; rate: number }
    | { kind: 'rate-limit'; rate: number; retryAfter: number }
    | { kind: 'token-outage'; startAfterMs: number; durationMs?: number; requests?: number }
    | { kind: 'rotate-secret'; clientId: string; afterRequests: number }
    | { kind: 'drift'; pointer: string; change: DriftChange; rate: number }
  );

export interface FaultsConfig {
  /** Seed of the PRNG that decides which requests a rate hits. */
  seed: number;
  faults: Fault[];
}

type Raw = Record<string, unknown>;

function fail(field: string, problem: string): never {
  throw new JamfContractError('CONFIG_INVALID', `Simulator config: ${field} ${problem}. Fix that field in the config file.`);
}

function record(value: unknown, field: string): Raw {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(field, 'must be an object');
  return value as Raw;
}

function number(raw: Raw, key: string, at: string, options: { min?: number; max?: number; integer?: boolean; fallback?: number } = {}): number {
  const value = raw[key] ?? options.fallback;
  const field = `${at}.${key}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, 'must be a number');
  if (options.integer === true && !Number.isInteger(value)) fail(field, 'must be a whole number');
  if (options.min !== undefined && value < options.min) fail(field, `must be at least ${options.min}`);
  if (options.max !== undefined && value > options.max) fail(field, `must be at most ${options.max}`);
  return value;
}

function optionalNumber(raw: Raw, key: string, at: string, options: { min?: number; integer?: boolean } = {}): number | undefined {
  return raw[key] === undefined ? undefined : number(raw, key, at, options);
}

function text(raw: Raw, key: string, at: string): string {
  const value = raw[key];
  if (typeof value !== 'string' || value === '') fail(`${at}.${key}`, 'must be a non-empty string');
  return value;
}

function scope(raw: Raw, at: string): FaultScope {
  const result: FaultScope = {};
  if (raw['path'] !== undefined) {
    const path = text(raw, 'path', at);
    if (!path.startsWith('/') && path !== '*') fail(`${at}.path`, 'must start with / (a glob such as /JSSResource/*)');
    result.path = path;
  }
  const method = raw['method'];
  if (method !== undefined) {
    const list = Array.isArray(method) ? method : [method];
    if (list.length === 0 || !list.every((item) => typeof item === 'string' && /^[A-Za-z]+$/.test(item))) {
      fail(`${at}.method`, 'must be an HTTP method or a list of them');
    }
    result.method = (list as string[]).map((item) => item.toUpperCase());
  }
  const times = optionalNumber(raw, 'times', at, { min: 1, integer: true });
  if (times !== undefined) result.times = times;
  return result;
}

const rate = (raw: Raw, at: string): number => number(raw, 'rate', at, { min: 0, max: 1, fallback: 1 });

function latency(raw: Raw, at: string): number | [number, number] {
  const ms = raw['ms'];
  if (Array.isArray(ms)) {
    const [min, max] = ms as unknown[];
    if (ms.length !== 2 || typeof min !== 'number' || typeof max !== 'number' || min < 0 || max < min) {
      fail(`${at}.ms`, 'must be a number of milliseconds or a [min, max] range');
    }
    return [min, max];
  }
  return number(raw, 'ms', at, { min: 0 });
}

function statuses(raw: Raw, at: string): ErrorStatus[] {
  const value = raw['status'] ?? [...ERROR_STATUSES];
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((item) => (ERROR_STATUSES as readonly unknown[]).includes(item))) {
    fail(`${at}.status`, `must be one of ${ERROR_STATUSES.join(', ')} or a list of them`);
  }
  return list as ErrorStatus[];
}

function pointer(raw: Raw, at: string): string {
  const value = text(raw, 'pointer', at);
  if (!value.startsWith('/')) fail(`${at}.pointer`, 'must start with / (e.g. /results/*/name)');
  return value;
}

function fault(value: unknown, at: string): Fault {
  const raw = record(value, at);
  const base = scope(raw, at);
  switch (raw['kind']) {
    case 'latency':
      return { ...base, kind: 'latency', ms: latency(raw, at) };
    case 'error':
      return { ...base, kind: 'error', rate: rate(raw, at), status: statuses(raw, at) };
    case 'reset':
      return { ...base, kind: 'reset', rate: rate(raw, at) };
    case 'rate-limit':
      return { ...base, kind: 'rate-limit', rate: rate(raw, at), retryAfter: number(raw, 'retryAfter', at, { min: 0, integer: true, fallback: 1 }) };
    case 'token-outage':
      return {
        kind: 'token-outage',
        startAfterMs: number(raw, 'startAfterMs', at, { min: 0, fallback: 0 }),
        durationMs: optionalNumber(raw, 'durationMs', at, { min: 0 }),
        requests: optionalNumber(raw, 'requests', at, { min: 1, integer: true }),
      };
    case 'rotate-secret':
      return { ...base, kind: 'rotate-secret', clientId: text(raw, 'clientId', at), afterRequests: number(raw, 'afterRequests', at, { min: 0, integer: true }) };
    case 'drift': {
      const change = raw['change'];
      if (!(DRIFT_CHANGES as readonly unknown[]).includes(change)) fail(`${at}.change`, `must be one of ${DRIFT_CHANGES.join(', ')}`);
      return { ...base, kind: 'drift', pointer: pointer(raw, at), change: change as DriftChange, rate: rate(raw, at) };
    }
    default:
      return fail(`${at}.kind`, 'must be one of latency, error, reset, rate-limit, token-outage, rotate-secret, drift');
  }
}

/** Accepts `{ seed?, faults: [...] }` or the list alone; throws CONFIG_INVALID naming the field. */
export function parseFaultsConfig(raw: unknown): FaultsConfig {
  if (raw === undefined || raw === null) return { seed: 1, faults: [] };
  const source = Array.isArray(raw) ? { faults: raw } : record(raw, 'faults');
  const seed = number(source, 'seed', 'faults', { integer: true, fallback: 1 });
  const list = source['faults'] ?? [];
  if (!Array.isArray(list)) fail('faults.faults', 'must be a list');
  return { seed, faults: list.map((item, index) => fault(item, `faults[${index}]`)) };
}
