/**
 * The HTML report's data, compact: every string once in a table (collection, folder and
 * test names, URLs and messages repeat across iterations and requests), each request one
 * small array of indexes. A 20,000-request run is then a few MB rather than the tens of MB
 * a page with every request rendered as markup would be. The page's script (`app.js`)
 * reads the same layout; keep the two in step.
 */
import type { AssertionResult, Finding, HeldBack, RequestResult } from '../../result.ts';
import { describeHeldBack, describeSkip, outcomeOf } from '../outcome.ts';

type Redact = (text: string) => string;

/** Outcomes by index, as the page numbers them. */
export const OUTCOMES = ['passed', 'failed', 'errored', 'skipped'] as const;

/** Every distinct string once; redacted before it enters. */
export class StringTable {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];

  constructor(private readonly redact: Redact) {}

  id(text: string): number {
    const clean = this.redact(text);
    let n = this.index.get(clean);
    if (n === undefined) {
      n = this.list.length;
      this.list.push(clean);
      this.index.set(clean, n);
    }
    return n;
  }

  /** `-1` for absent values; anything not a string is stored as its JSON text. */
  optional(value: unknown): number {
    if (value === undefined || value === null) return -1;
    return this.id(typeof value === 'string' ? value : safeJson(value));
  }
}

/**
 * One request as `[collection, folderPath, name, method, url, iteration (from 1), outcome,
 * status (0 = none), timeMs, retries, findingCount, detail]`; `detail` is 0 when there is
 * nothing to expand, else an object with short keys (see `detailOf`).
 */
export type Row = [number, number, number, number, number, number, number, number, number, number, number, Detail | 0];

export interface Detail {
  /** Tests: `[name, state (1 passed, 0 failed, 2 skipped), error]`. */
  t?: Array<[number, number, number]>;
  /** Findings: `[kind, severity (0 violation, 1 warning, 2 info), message, pointer, expected, actual, tolerated (0/1), schema excerpt]`. */
  f?: Array<[number, number, number, number, number, number, number, number]>;
  /** Error: `[code, message, sent (0/1)]`. */
  e?: [number, number, number];
  /** Why the tests did not run. */
  n?: number;
  /** Skip: `[reason, description, variables]`. */
  s?: [number, number, number[]];
  /** Held-back calls, described. */
  h?: number[];
  /** Script errors. */
  x?: number[];
  /** The OpenAPI operation matched. */
  o?: number;
  /** A 401 replayed with a fresh token, described. */
  a?: number;
}

export function rowOf(r: RequestResult, strings: StringTable): Row {
  const outcome = OUTCOMES.indexOf(outcomeOf(r));
  return [
    strings.id(r.collection),
    strings.id(r.folders.join(' / ')),
    strings.id(r.itemName),
    strings.id(r.method),
    strings.id(r.url),
    r.iteration + 1,
    outcome,
    r.response?.status ?? 0,
    Math.round(r.response?.timeMs ?? 0),
    r.retries ?? 0,
    r.findings.length,
    detailOf(r, strings),
  ];
}

function detailOf(r: RequestResult, strings: StringTable): Detail | 0 {
  const d: Detail = {};
  if (r.tests.length > 0) d.t = r.tests.map((t) => testOf(t, strings));
  if (r.findings.length > 0) d.f = r.findings.map((f) => findingOf(f, strings));
  if (r.error) d.e = [strings.id(r.error.code), strings.id(r.error.message), r.error.sent ? 1 : 0];
  if (r.testsNotRun) d.n = strings.id(r.testsNotRun);
  if (r.skipped) d.s = [strings.id(r.skipped.reason), strings.id(describeSkip(r)), (r.skipped.variables ?? []).map((v) => strings.id(v))];
  if (r.heldBack?.length) d.h = r.heldBack.map((h: HeldBack) => strings.id(describeHeldBack(h)));
  if (r.scriptErrors.length > 0) d.x = r.scriptErrors.map((e) => strings.id(e));
  if (r.operation) d.o = strings.id(r.operation);
  if (r.authReplay) {
    const why = r.authReplay.classification ? ` (${r.authReplay.classification})` : '';
    d.a = strings.id(`401 replayed once with a fresh token, final status ${r.authReplay.finalStatus}${why}`);
  }
  return Object.keys(d).length > 0 ? d : 0;
}

function testOf(t: AssertionResult, strings: StringTable): [number, number, number] {
  const state = t.skipped ? 2 : t.passed ? 1 : 0;
  return [strings.id(t.name), state, strings.optional(t.error)];
}

const SEVERITIES = { violation: 0, warning: 1, info: 2 } as const;

function findingOf(f: Finding, strings: StringTable): [number, number, number, number, number, number, number, number] {
  return [
    strings.id(f.kind),
    SEVERITIES[f.severity],
    strings.id(f.message),
    strings.optional(f.pointer),
    strings.optional(f.expected),
    strings.optional(f.actual),
    f.tolerated ? 1 : 0,
    strings.optional(f.schema),
  ];
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** JSON that can sit inside `<script>`: no `<` can close the element or open a comment. */
export function scriptSafe(json: string): string {
  return json.replace(/</g, '\\u003c');
}
