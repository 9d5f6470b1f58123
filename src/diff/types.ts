/**
 * The schema diff's own result type: what changed between two OpenAPI documents, from the
 * point of view of a client of the API. Reporters under `src/report/diff/` are functions of it.
 */

/** `breaking`: a working client may fail. `warning`: it may misbehave. `info`: nothing to do. */
export type Level = 'breaking' | 'warning' | 'info';

export const levels: readonly Level[] = ['breaking', 'warning', 'info'];

export type ChangeKind =
  | 'operation-added'
  | 'operation-removed'
  | 'operation-deprecated'
  | 'operation-undeprecated'
  | 'deprecation-date-changed'
  | 'privileges-changed'
  | 'authentication-changed'
  | 'parameter-added'
  | 'parameter-removed'
  | 'parameter-required'
  | 'parameter-optional'
  | 'request-body-added'
  | 'request-body-removed'
  | 'request-body-required'
  | 'request-body-optional'
  | 'status-added'
  | 'status-removed'
  | 'media-type-added'
  | 'media-type-removed'
  | 'property-added'
  | 'property-removed'
  | 'property-required'
  | 'property-optional'
  | 'type-changed'
  | 'format-changed'
  | 'nullable-added'
  | 'nullable-removed'
  | 'enum-value-added'
  | 'enum-value-removed';

export interface DiffEntry {
  level: Level;
  kind: ChangeKind;
  /** One line saying what changed, in the spec's own terms. */
  message: string;
  /** Every operation the change affects (`GET /v1/buildings/{id}`), sorted. */
  operations: string[];
  /** Set when the change is inside a shared component: the change is reported once, here. */
  component?: string;
  /** Where inside the component or operation: `response 200 application/json /results/[]/id`. */
  where?: string;
  from?: unknown;
  to?: unknown;
  /** For `operation-deprecated`: Jamf's `x-deprecation-date`, when given. */
  deprecationDate?: string;
  /** For `operation-deprecated`: the same path one API version up, when the new document has it. */
  replacement?: string;
}

export interface DiffSummary {
  added: number;
  removed: number;
  deprecated: number;
  breaking: number;
  warning: number;
  info: number;
}

export interface SpecInfo {
  source: string;
  kind: SpecKind;
  title?: string;
  version?: string;
  operations: number;
}

export type SpecKind = 'openapi3' | 'swagger2';

export interface DiffReport {
  old: SpecInfo;
  new: SpecInfo;
  summary: DiffSummary;
  entries: DiffEntry[];
  /** Set when the report was narrowed with `--only-used-by`. */
  usedBy?: { collections: string[]; operations: number };
}

export function summarize(entries: DiffEntry[]): DiffSummary {
  const summary: DiffSummary = { added: 0, removed: 0, deprecated: 0, breaking: 0, warning: 0, info: 0 };
  for (const entry of entries) {
    summary[entry.level] += 1;
    if (entry.kind === 'operation-added') summary.added += 1;
    else if (entry.kind === 'operation-removed') summary.removed += 1;
    else if (entry.kind === 'operation-deprecated') summary.deprecated += 1;
  }
  return summary;
}

/** True when an entry meets a `--fail-on` threshold. */
export function meetsThreshold(level: Level, failOn: 'breaking' | 'warning'): boolean {
  return failOn === 'breaking' ? level === 'breaking' : level !== 'info';
}
