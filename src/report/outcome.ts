/**
 * How one request result reads in a report. Every reporter classifies a result the same
 * way, so the CLI, JUnit and JSON never disagree about what failed.
 */
import type { AssertionResult, Finding, HeldBack, RequestResult, RunStop, SkipReason } from '../result.ts';

/**
 * `failed`: a `pm.test` failed, a contract violation was found, or a script threw.
 * `errored`: the request could not be made (a tool failure, not a result).
 */
export type Outcome = 'passed' | 'failed' | 'errored' | 'skipped';

export function outcomeOf(r: RequestResult): Outcome {
  if (r.skipped) return 'skipped';
  if (r.error) return 'errored';
  if (failedTests(r).length > 0 || violations(r).length > 0 || r.scriptErrors.length > 0) return 'failed';
  return 'passed';
}

export function failedTests(r: RequestResult): AssertionResult[] {
  return r.tests.filter((t) => !t.skipped && !t.passed);
}

export function violations(r: RequestResult): Finding[] {
  return r.findings.filter((f) => f.severity === 'violation');
}

export function warnings(r: RequestResult): Finding[] {
  return r.findings.filter((f) => f.severity === 'warning');
}

/** Findings `--tolerate` covers: reported, never failing. */
export function tolerated(r: RequestResult): Finding[] {
  return r.findings.filter((f) => f.tolerated);
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `TIMEOUT: no answer in 100 ms (sent: a write may have been applied)`. */
export function describeError(r: RequestResult): string {
  return r.error ? `${r.error.code}: ${r.error.message}${sentNote(r)}` : '';
}

/** ` (the request was sent: this write may have been applied)` for an error after the request went out. */
export function sentNote(r: RequestResult): string {
  if (!r.error?.sent) return '';
  return WRITES.has(r.method.toUpperCase()) ? ' (the request was sent: this write may have been applied)' : ' (the request was sent)';
}

/** `pm.sendRequest DELETE https://…/computers/1 held back: deleting a computer (needs --allow-writes --allow-destructive)`. */
export function describeHeldBack(h: HeldBack): string {
  const source = h.source === 'script' ? 'pm.sendRequest ' : '';
  return `${source}${h.method} ${h.url} held back: ${h.why} (needs ${h.needs})`;
}

/** `run interrupted (SIGTERM)` or `run stopped: AUTH_INVALID_CLIENT`: the name of the testcase/test a stop becomes. */
export function stopTitle(stop: RunStop): string {
  if (stop.kind === 'interrupted') return `run interrupted${stop.signal ? ` (${stop.signal})` : ''}`;
  return `run stopped: ${stop.code}`;
}

/** One sentence for people: what stopped the run and what the reports hold. */
export function describeStop(stop: RunStop): string {
  return `${stopTitle(stop)}: ${stop.message} The reports hold the requests that completed before it.`;
}

/** Lines that inform without failing: retries, held-back calls, warnings, tolerated findings. */
export function noteLines(r: RequestResult): string[] {
  const lines: string[] = [];
  if (r.retries) lines.push(`retried ${r.retries}× (429/502/503/504); the result is the last attempt's`);
  for (const h of r.heldBack ?? []) lines.push(describeHeldBack(h));
  for (const f of warnings(r)) lines.push(`warning ${describeFinding(f)}`);
  for (const f of tolerated(r)) lines.push(`tolerated ${describeFinding(f)}`);
  return lines;
}

/** `GET /v1/buildings: schema at /results/0/name: expected string, got null`. */
export function describeFinding(f: Finding): string {
  const where = f.pointer !== undefined ? ` at ${f.pointer || '/'}` : '';
  const parts = [`${f.kind}${where}: ${f.message}`];
  if (f.expected !== undefined) parts.push(`expected ${show(f.expected)}`);
  if (f.actual !== undefined) parts.push(`actual ${show(f.actual)}`);
  return parts.join('; ');
}

export function describeTest(t: AssertionResult): string {
  return t.error ? `${t.name}: ${t.error}` : t.name;
}

/** `Buildings / Get building` (folders, then item). */
export function itemPath(r: RequestResult): string {
  return [...r.folders, r.itemName].join(' / ');
}

export const skipReasonText: Record<SkipReason, string> = {
  'read-only': 'read-only run',
  destructive: 'destructive operation',
  'unresolved-variables': 'unresolved variables',
  'skipped-by-script': 'skipped by script',
};

export function describeSkip(r: RequestResult): string {
  const skip = r.skipped;
  if (!skip) return '';
  if (skip.reason === 'unresolved-variables' && skip.variables?.length) {
    return `${skipReasonText[skip.reason]}: ${skip.variables.join(', ')}`;
  }
  return skip.detail ? `${skipReasonText[skip.reason]}: ${skip.detail}` : skipReasonText[skip.reason];
}

/** The lines that explain a failed or errored request, in the order a reader needs them. */
export function problemLines(r: RequestResult): string[] {
  const lines: string[] = [];
  if (r.error) lines.push(`error ${describeError(r)}`);
  if (r.testsNotRun) lines.push(`tests not run: ${r.testsNotRun}`);
  if (r.authReplay && (r.authReplay.classification || r.authReplay.finalStatus >= 400)) {
    const why = r.authReplay.classification ? ` (${r.authReplay.classification})` : '';
    lines.push(`401 replayed once with a fresh token, final status ${r.authReplay.finalStatus}${why}`);
  }
  for (const t of failedTests(r)) lines.push(`test failed: ${describeTest(t)}`);
  for (const f of violations(r)) lines.push(`violation ${describeFinding(f)}`);
  for (const e of r.scriptErrors) lines.push(`script error: ${e}`);
  return lines;
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * `JSON.stringify(value)` with every string, keys included, passed through `redact`.
 * Fast path: when the serialized text has no backslash, every string appears in it
 * verbatim (JSON escapes only with backslashes), so one `redact` pass over the whole text
 * that changes nothing proves no string needed redacting. Otherwise, or when something
 * was found, each string is redacted on its own, so a replacement can never break the JSON.
 */
export function redactedJson(value: unknown, redact: (text: string) => string, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  if (!text.includes('\\') && redact(text) === text) return text;
  return JSON.stringify(redactValue(value, redact), null, indent);
}

/** Walks a JSON-like value and passes every string, keys included, through `redact`. */
export function redactValue<T>(value: T, redact: (text: string) => string): T {
  return walk(value, redact) as T;
}

function walk(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, redact));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redact(k)] = walk(v, redact);
    return out;
  }
  return value;
}
