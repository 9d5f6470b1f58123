/**
 * The contract checker: every sent request's response held against the API description.
 * Routes a URL to the Classic spec (`/JSSResource/…`) or the Pro spec (`/api/…`), matches
 * the operation, runs the checks and turns them into findings with severities. Also keeps
 * coverage and the notices a report must show.
 */
import type { Finding, FindingKind, Notice, Severity } from '../result.ts';
import { resolvePointer, type LoadedSpec, type Operation } from '../load/spec.ts';
import { SchemaCompiler } from './compile.ts';
import { CoverageTracker, type Coverage } from './coverage.ts';
import { matchPath, pathBelowBase, type PathMatch } from './match.ts';
import { checkResponse, type RawFinding } from './response.ts';
import { XmlShaper } from './xml.ts';
import { isTolerated, type Tolerance } from './tolerate.ts';

export type { Coverage, SpecCoverage } from './coverage.ts';
export { FINDING_KINDS, parseTolerate, type Tolerance } from './tolerate.ts';

export interface CheckerOptions {
  /** `null-in-non-nullable` becomes a violation instead of a tolerated warning. */
  strict?: boolean;
  /**
   * Kinds (optionally on one operation) that never fail a run: reported with severity `info`
   * and `tolerated: true`, whatever their default severity (warnings too).
   */
  tolerate?: ReadonlyArray<FindingKind | Tolerance>;
  /** Body findings kept per response (default 20). */
  maxFindingsPerResponse?: number;
  /**
   * Skip `format` checks on empty strings (default true): Jamf sends `""` for unset values
   * such as `email`. When false, such a string is a `schema` finding saying "empty string".
   */
  tolerateEmptyFormats?: boolean;
}

import type { Exchange } from '../wire/exchange.ts';
export type { Exchange };

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

/** How many method + URL pairs a checker remembers the operation of (then it starts again). */
const MATCHES = 1024;

/** Kinds tolerated unless `strict`: real Jamf servers send null for unrequested sections. */
export const TOLERATED_BY_DEFAULT: readonly FindingKind[] = ['null-in-non-nullable'];

export function severityOf(kind: FindingKind, options: CheckerOptions, operation?: string): Severity {
  const base = DEFAULT_SEVERITY[kind];
  if (isTolerated(kind, operation, options.tolerate)) return 'info';
  if (base !== 'violation') return base;
  if (!options.strict && TOLERATED_BY_DEFAULT.includes(kind)) return 'warning';
  return base;
}

interface SpecState {
  spec: LoadedSpec;
  compiler: SchemaCompiler;
  xml: XmlShaper;
  disabled: Set<string>;
  /** Jamf's Classic swagger documents only `200` and no schemas: an unlisted status is a warning. */
  statusOnly: boolean;
}

export function createContractChecker(specs: { pro?: LoadedSpec; classic?: LoadedSpec }, options: CheckerOptions = {}): ContractChecker {
  const coverage = new CoverageTracker();
  const notices: Notice[] = [];
  const states: { pro?: SpecState; classic?: SpecState } = {};
  for (const api of ['pro', 'classic'] as const) {
    const spec = specs[api];
    if (!spec) continue;
    const compiler = new SchemaCompiler(spec, api, { tolerateEmptyFormats: options.tolerateEmptyFormats ?? true });
    const statusOnly = withoutResponseSchemas(spec);
    states[api] = { spec, compiler, xml: new XmlShaper(spec.document), disabled: new Set(), statusOnly };
    coverage.add(spec);
    notices.push(...specNotices(spec, statusOnly));
  }
  const maxBodyFindings = options.maxFindingsPerResponse ?? 20;
  /**
   * Where a method and URL lead (spec, path, operation) depends on nothing else: a run sends
   * the same few hundred again and again. The last MATCHES of them are remembered.
   */
  const matches = new Map<string, { state: SpecState; path: string; match: PathMatch } | null>();

  function locate(exchange: Exchange): { state: SpecState; path: string; match: PathMatch } | null {
    const key = `${exchange.method}\u0000${exchange.url}\u0000${exchange.serverUrl ?? ''}`;
    let found = matches.get(key);
    if (found !== undefined) return found;
    const routed = route(states, exchange);
    found = routed ? { ...routed, match: matchPath(routed.state.spec, exchange.method, routed.path) } : null;
    if (matches.size >= MATCHES) matches.clear();
    matches.set(key, found);
    return found;
  }

  function check(exchange: Exchange): CheckResult {
    const located = locate(exchange);
    if (!located) return { findings: [] };
    const { state, path, match } = located;
    if (!match.operation) {
      const request = `${exchange.method.toUpperCase()} ${state.spec.api === 'classic' ? '/JSSResource' : ''}${path || '/'}`;
      coverage.miss(state.spec, request);
      const others = match.otherMethods.length > 0 ? ` (the path is documented for ${match.otherMethods.join(', ')})` : '';
      return { findings: [finding(state, { kind: 'undocumented-operation', message: `${request} is not documented in ${state.spec.title}${others}`, actual: request }, undefined)] };
    }
    const op = match.operation;
    coverage.hit(state.spec, op.key, exchange.status);
    const raw = checkResponse(op, { method: exchange.method, status: exchange.status, headers: lowerCaseKeys(exchange.headers), body: exchange.body }, {
      spec: state.spec,
      compiler: state.compiler,
      xml: state.xml,
      maxBodyFindings,
      onCompileFailure: (failed, reason) => disable(state, failed, reason),
    });
    return { operation: op.key, findings: raw.map((f) => finding(state, f, op.key)) };
  }

  function finding(state: SpecState, raw: RawFinding, operation: string | undefined): Finding {
    let severity = severityOf(raw.kind, options, operation);
    if (state.statusOnly && raw.kind === 'undocumented-status' && severity === 'violation') severity = 'warning';
    const tolerated = severity === 'info' && isTolerated(raw.kind, operation, options.tolerate);
    return { ...raw, severity, ...(operation ? { operation } : {}), ...(tolerated ? { tolerated: true as const } : {}) };
  }

  function disable(state: SpecState, op: Operation, reason: string): void {
    if (state.disabled.has(op.key)) return;
    state.disabled.add(op.key);
    notices.push({ level: 'warning', code: 'CONTRACT_OPERATION_DISABLED', message: `Contract checks for ${op.key} disabled: its response schema would not compile (${reason}).` });
  }

  return { check, coverage: () => coverage.snapshot(), notices: () => [...notices] };
}

function specNotices(spec: LoadedSpec, statusOnly: boolean): Notice[] {
  const out: Notice[] = [];
  if (statusOnly) {
    out.push({
      level: 'warning',
      code: 'CONTRACT_NO_SCHEMAS',
      message: `${spec.title} (${spec.source}) is Swagger 2.0 without response schemas: only operation existence and status codes are checked, and a status code it does not list is a warning, not a violation (Jamf's Classic swagger lists only 200).`,
    });
  } else if (spec.kind === 'swagger2') {
    out.push({ level: 'warning', code: 'CONTRACT_NO_SCHEMAS', message: `${spec.title} (${spec.source}) is Swagger 2.0: response bodies are not checked, only operation existence and status codes.` });
  }
  if (spec.gatewayMapped) {
    out.push({ level: 'info', code: 'CONTRACT_GATEWAY_MAPPED', message: `${spec.title}: paths under /tenant/{tenantId} (Jamf's platform gateway layout) are checked as /JSSResource paths.` });
  }
  return out;
}

/** Swagger 2.0 with no `schema` on any response: Jamf's own Classic swagger. */
function withoutResponseSchemas(spec: LoadedSpec): boolean {
  if (spec.kind !== 'swagger2') return false;
  const hasSchema = (response: unknown): boolean => {
    const ref = (response as { $ref?: unknown } | undefined)?.$ref;
    const target = typeof ref === 'string' ? resolvePointer(spec.document, ref.slice(1), { uriFragment: true }) : response;
    return !!target && typeof target === 'object' && 'schema' in target;
  };
  return !spec.operations.some((op) => Object.values((op.op.responses ?? {}) as Record<string, unknown>).some(hasSchema));
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
