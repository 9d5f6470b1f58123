/**
 * The contract checker: every sent request's response held against the API description.
 * Routes a URL to the Classic spec (`/JSSResource/…`) or the Pro spec (`/api/…`), matches
 * the operation, runs the checks and turns them into findings with severities. Also keeps
 * coverage and the notices a report must show.
 */
import type { Finding, FindingKind, Notice, Severity } from '../result.ts';
import type { LoadedSpec, Operation } from '../load/spec.ts';
import { SchemaCompiler } from './compile.ts';
import { CoverageTracker, type Coverage } from './coverage.ts';
import { matchPath, pathBelowBase } from './match.ts';
import { checkResponse, type RawFinding } from './response.ts';

export type { Coverage, SpecCoverage } from './coverage.ts';

export interface CheckerOptions {
  /** `null-in-non-nullable` becomes a violation instead of a tolerated warning. */
  strict?: boolean;
  /** Kinds reported as warnings rather than violations. */
  tolerate?: FindingKind[];
  /** Body findings kept per response (default 20). */
  maxFindingsPerResponse?: number;
}

export interface Exchange {
  method: string;
  /** The full URL as sent. */
  url: string;
  /** The server URL the run targets (may carry a base path, e.g. `https://host/sub`). */
  serverUrl?: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface CheckResult {
  /** `GET /v1/buildings/{id}` when the request matched an operation. */
  operation?: string;
  findings: Finding[];
}

export interface ContractChecker {
  check(exchange: Exchange): CheckResult;
  coverage(): Coverage;
  notices(): Notice[];
}

export const DEFAULT_SEVERITY: Record<FindingKind, Severity> = {
  'undocumented-operation': 'violation',
  'undocumented-status': 'violation',
  'content-type': 'violation',
  schema: 'violation',
  'null-in-non-nullable': 'violation',
  'missing-header': 'violation',
  deprecated: 'warning',
  'validator-unavailable': 'info',
};

/** Kinds tolerated unless `strict`: real Jamf servers send null for unrequested sections. */
export const TOLERATED_BY_DEFAULT: readonly FindingKind[] = ['null-in-non-nullable'];

export function severityOf(kind: FindingKind, options: CheckerOptions): Severity {
  const base = DEFAULT_SEVERITY[kind];
  if (base !== 'violation') return base;
  if (options.tolerate?.includes(kind)) return 'warning';
  if (!options.strict && TOLERATED_BY_DEFAULT.includes(kind)) return 'warning';
  return base;
}

interface SpecState {
  spec: LoadedSpec;
  compiler: SchemaCompiler;
  disabled: Set<string>;
}

export function createContractChecker(specs: { pro?: LoadedSpec; classic?: LoadedSpec }, options: CheckerOptions = {}): ContractChecker {
  const coverage = new CoverageTracker();
  const notices: Notice[] = [];
  const states: { pro?: SpecState; classic?: SpecState } = {};
  for (const api of ['pro', 'classic'] as const) {
    const spec = specs[api];
    if (!spec) continue;
    states[api] = { spec, compiler: new SchemaCompiler(spec, api), disabled: new Set() };
    coverage.add(spec);
    notices.push(...specNotices(spec));
  }
  const maxBodyFindings = options.maxFindingsPerResponse ?? 20;

  function check(exchange: Exchange): CheckResult {
    const routed = route(states, exchange);
    if (!routed) return { findings: [] };
    const { state, path } = routed;
    const match = matchPath(state.spec, exchange.method, path);
    if (!match.operation) {
      const request = `${exchange.method.toUpperCase()} ${state.spec.api === 'classic' ? '/JSSResource' : ''}${path || '/'}`;
      coverage.miss(state.spec, request);
      const others = match.otherMethods.length > 0 ? ` (the path is documented for ${match.otherMethods.join(', ')})` : '';
      return { findings: [finding({ kind: 'undocumented-operation', message: `${request} is not documented in ${state.spec.title}${others}`, actual: request }, undefined)] };
    }
    const op = match.operation;
    coverage.hit(state.spec, op.key, exchange.status);
    const raw = checkResponse(op, { method: exchange.method, status: exchange.status, headers: lowerCaseKeys(exchange.headers), body: exchange.body }, {
      spec: state.spec,
      compiler: state.compiler,
      maxBodyFindings,
      onCompileFailure: (failed, reason) => disable(state, failed, reason),
    });
    return { operation: op.key, findings: raw.map((f) => finding(f, op.key)) };
  }

  function finding(raw: RawFinding, operation: string | undefined): Finding {
    return { ...raw, severity: severityOf(raw.kind, options), ...(operation ? { operation } : {}) };
  }

  function disable(state: SpecState, op: Operation, reason: string): void {
    if (state.disabled.has(op.key)) return;
    state.disabled.add(op.key);
    notices.push({ level: 'warning', code: 'CONTRACT_OPERATION_DISABLED', message: `Contract checks for ${op.key} disabled: its response schema would not compile (${reason}).` });
  }

  return { check, coverage: () => coverage.snapshot(), notices: () => [...notices] };
}

function specNotices(spec: LoadedSpec): Notice[] {
  const out: Notice[] = [];
  if (spec.kind === 'swagger2') {
    out.push({ level: 'warning', code: 'CONTRACT_NO_SCHEMAS', message: `${spec.title} (${spec.source}) is Swagger 2.0 without response schemas: only operation existence and status codes are checked.` });
  }
  if (spec.gatewayMapped) {
    out.push({ level: 'info', code: 'CONTRACT_GATEWAY_MAPPED', message: `${spec.title}: paths under /tenant/{tenantId} (Jamf's platform gateway layout) are checked as /JSSResource paths.` });
  }
  return out;
}

/** Classic when the path runs through `/JSSResource`, Pro otherwise; undefined when no spec covers it. */
function route(states: { pro?: SpecState; classic?: SpecState }, exchange: Exchange): { state: SpecState; path: string } | undefined {
  const classicUrl = /\/JSSResource(\/|$|\?)/i.test(exchange.url);
  const state = classicUrl ? states.classic : states.pro;
  if (!state) return undefined;
  const path = pathBelowBase(state.spec, exchange.url, exchange.serverUrl);
  return path === undefined ? undefined : { state, path };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
