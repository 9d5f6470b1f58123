/**
 * The baseline file: per request of a run, what it looked like (status, test outcomes,
 * contract finding kinds, body shape, timings). Never a value from a body, a URL or a secret.
 */
import type { Level } from '../diff/types.ts';
import type { Shape } from './shape.ts';

export const baselineFormatVersion = 1;
export const baselineKind = 'jamf-contract-baseline';

export type TestOutcome = 'passed' | 'failed' | 'skipped';

export interface BaselineRequest {
  /** `Collection / Folder / Item [GET]`, iteration-independent and stable across runs. */
  key: string;
  collection: string;
  folders: string[];
  name: string;
  method: string;
  operation?: string;
  iterations: number;
  /** Distinct statuses seen over the iterations, sorted. */
  statuses: number[];
  /** Error code when an iteration could not be sent (network, TLS, auth). */
  error?: string;
  skipped?: string;
  /** Per test name: failed if it failed in any iteration. */
  tests: Record<string, TestOutcome>;
  /** Contract findings as `kind` or `kind /pointer/[]/field`, sorted, distinct. */
  findings: string[];
  /** Body shape merged over the iterations, for the first status seen. */
  shape?: Shape;
  /** Response times of the first iterations, in ms. */
  timesMs: number[];
  medianMs?: number;
}

export interface BaselineData {
  kind: typeof baselineKind;
  formatVersion: number;
  createdAt: string;
  server: string;
  jamfVersion?: string;
  collections: string[];
  requests: BaselineRequest[];
}

export type BaselineChangeKind =
  | 'request-missing'
  | 'request-new'
  | 'request-error'
  | 'request-recovered'
  | 'status-changed'
  | 'operation-changed'
  | 'test-newly-failing'
  | 'test-newly-passing'
  | 'finding-new'
  | 'finding-resolved'
  | 'field-disappeared'
  | 'field-appeared'
  | 'field-type-changed'
  | 'slower';

export interface BaselineChange {
  level: Level;
  kind: BaselineChangeKind;
  /** The request key (`Collection / Folder / Item [GET]`). */
  request: string;
  operation?: string;
  message: string;
  from?: unknown;
  to?: unknown;
}
