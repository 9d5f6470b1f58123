/**
 * `--tolerate KIND` and `--tolerate KIND@OPERATION`: a tolerated finding is still reported
 * (severity `info`, `tolerated: true`) but never fails the run, whatever `--fail-on` says —
 * a warning can be tolerated as well as a violation. Unknown kinds are refused, so a typo
 * never turns checks off silently.
 */
import { JamfContractError } from '../errors.ts';
import type { FindingKind } from '../result.ts';

/** Every finding kind, in the order the docs list them. */
export const FINDING_KINDS: readonly FindingKind[] = [
  'undocumented-operation',
  'undocumented-status',
  'content-type',
  'schema',
  'null-in-non-nullable',
  'missing-header',
  'deprecated',
  'validator-unavailable',
];

export interface Tolerance {
  kind: FindingKind;
  /** `GET /v1/computers-inventory` (method and path template) or a bare path template for every method. */
  operation?: string;
}

/**
 * `["null-in-non-nullable", "deprecated@GET /v1/computers-inventory", "schema,content-type"]`
 * → tolerances. Comma lists are split (a path template has no commas).
 */
export function parseTolerate(values: readonly string[]): Tolerance[] {
  const out: Tolerance[] = [];
  const unknown: string[] = [];
  for (const value of values.flatMap((v) => v.split(','))) {
    const text = value.trim();
    if (!text) continue;
    const at = text.indexOf('@');
    const kind = (at < 0 ? text : text.slice(0, at)).trim();
    const operation = at < 0 ? undefined : normalizeOperation(text.slice(at + 1));
    if (!isFindingKind(kind)) {
      unknown.push(kind || text);
      continue;
    }
    if (at >= 0 && !operation) throw new JamfContractError('USAGE', `--tolerate ${text}: name an operation after @, e.g. ${kind}@GET /v1/computers-inventory.`);
    out.push(operation ? { kind, operation } : { kind });
  }
  if (unknown.length > 0) {
    throw new JamfContractError('USAGE', `Unknown finding kind${unknown.length > 1 ? 's' : ''} for --tolerate: ${unknown.join(', ')}. Known kinds: ${FINDING_KINDS.join(', ')} (optionally KIND@OPERATION, e.g. null-in-non-nullable@GET /v1/computers-inventory).`);
  }
  return out;
}

export function isFindingKind(text: string): text is FindingKind {
  return (FINDING_KINDS as readonly string[]).includes(text);
}

/** Whether a finding of `kind` on `operation` is tolerated. Plain kinds are accepted for callers that pass `FindingKind[]`. */
export function isTolerated(kind: FindingKind, operation: string | undefined, tolerate: ReadonlyArray<FindingKind | Tolerance> | undefined): boolean {
  if (!tolerate) return false;
  return tolerate.some((t) => {
    const tolerance = typeof t === 'string' ? { kind: t } : t;
    if (tolerance.kind !== kind) return false;
    return tolerance.operation === undefined || (operation !== undefined && sameOperation(tolerance.operation, operation));
  });
}

/** `get  /api/v1/x/` → `GET /v1/x` (operations are keyed below the Pro API's `/api`); a bare path stays a path. */
function normalizeOperation(text: string): string | undefined {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  const [first = '', second] = parts;
  const path = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p).replace(/^\/api(?=\/)/, '');
  if (second === undefined) return first.startsWith('/') ? path(first) : undefined;
  return `${first.toUpperCase()} ${path(second)}`;
}

function sameOperation(tolerated: string, operation: string): boolean {
  if (tolerated.startsWith('/')) return operation.slice(operation.indexOf(' ') + 1) === tolerated;
  return tolerated === operation;
}
