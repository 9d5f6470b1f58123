/**
 * Compares a run with a baseline recorded before an upgrade. For the Classic API, where
 * Jamf publishes no response schemas, the baseline is the contract.
 */
import { readFile } from 'node:fs/promises';
import { JamfContractError } from '../errors.ts';
import { isObject } from '../diff/load.ts';
import { levels } from '../diff/types.ts';
import { compareShapes } from './compare-shape.ts';
import { baselineFormatVersion, baselineKind, type BaselineChange, type BaselineData, type BaselineRequest } from './types.ts';

export interface CompareOptions {
  /** A request is slower when its median time is this many times the baseline's. Default 2. */
  slowerFactor?: number;
  /** …and at least this many ms slower, so 1 ms → 25 ms is not news. Default 50. */
  minSlowerMs?: number;
  /** …and timed at least this many times on each side: one slow sample is not a median. Default 3. */
  minSamples?: number;
}

export const SLOWER_DEFAULTS = { slowerFactor: 2, minSlowerMs: 50, minSamples: 3 } as const;

export async function loadBaseline(file: string): Promise<BaselineData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw invalid(`Cannot read the baseline ${file}: ${(error as Error).message}.`, error);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(`The baseline ${file} is not valid JSON. Record a new one with --save-baseline.`, error);
  }
  return checkBaseline(data, file);
}

export function checkBaseline(data: unknown, file: string): BaselineData {
  if (!isObject(data) || data.kind !== baselineKind || typeof data.formatVersion !== 'number') {
    throw invalid(`${file} is not a jamf-contract baseline. Record one with: jamf-contract run … --save-baseline FILE.`);
  }
  if (data.formatVersion > baselineFormatVersion) {
    throw invalid(
      `The baseline ${file} has format version ${data.formatVersion}, newer than this jamf-contract reads (${baselineFormatVersion}). Upgrade jamf-contract or record the baseline again.`,
    );
  }
  if (!Number.isInteger(data.formatVersion) || data.formatVersion < 1 || !Array.isArray(data.requests) || !Array.isArray(data.collections)) {
    throw invalid(`The baseline ${file} is damaged (bad format version, requests or collections). Record it again.`);
  }
  for (const request of data.requests) {
    if (
      !isObject(request) || typeof request.key !== 'string' || !Array.isArray(request.statuses) || !isObject(request.tests) || !Array.isArray(request.findings)
      || (request.timesMs !== undefined && !(Array.isArray(request.timesMs) && request.timesMs.every((t) => typeof t === 'number')))
      || (request.medianMs !== undefined && typeof request.medianMs !== 'number')
    ) {
      throw invalid(`The baseline ${file} has a damaged request entry. Record it again.`);
    }
    // Baselines recorded before response times were kept have none.
    request.timesMs ??= [];
  }
  return data as unknown as BaselineData;
}

function invalid(message: string, cause?: unknown): JamfContractError {
  return new JamfContractError('BASELINE_INVALID', message, cause === undefined ? undefined : { cause });
}

export function compareWithBaseline(baseline: BaselineData, current: BaselineData | { data(): BaselineData }, options: CompareOptions = {}): BaselineChange[] {
  const now = 'data' in current && typeof current.data === 'function' ? current.data() : (current as BaselineData);
  assertSameCollections(baseline, now);
  const before = new Map(baseline.requests.map((r) => [r.key, r]));
  const after = new Map(now.requests.map((r) => [r.key, r]));
  const changes: BaselineChange[] = [];
  for (const [key, old] of before) {
    const cur = after.get(key);
    if (!cur) changes.push(change('warning', 'request-missing', old, 'in the baseline, not in this run'));
    else changes.push(...compareRequest(old, cur, options));
  }
  for (const [key, cur] of after) {
    if (!before.has(key)) changes.push(change('info', 'request-new', cur, 'new since the baseline'));
  }
  return changes.sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level));
}

function assertSameCollections(baseline: BaselineData, now: BaselineData): void {
  const names = (d: BaselineData): Set<string> => new Set(d.requests.length > 0 ? d.requests.map((r) => r.collection) : d.collections);
  const a = names(baseline);
  const b = names(now);
  if (a.size === 0 || b.size === 0) return;
  if (![...b].some((name) => a.has(name))) {
    throw invalid(
      `The baseline was recorded for ${[...a].join(', ')}, but this run is ${[...b].join(', ')}. Use a baseline of the same collection.`,
    );
  }
}

export function change(level: BaselineChange['level'], kind: BaselineChange['kind'], request: BaselineRequest, text: string, from?: unknown, to?: unknown): BaselineChange {
  const result: BaselineChange = { level, kind, request: request.key, message: `${request.key}: ${text}` };
  if (request.operation) result.operation = request.operation;
  if (from !== undefined) result.from = from;
  if (to !== undefined) result.to = to;
  return result;
}

function compareRequest(old: BaselineRequest, cur: BaselineRequest, options: CompareOptions): BaselineChange[] {
  const out: BaselineChange[] = [];
  if (old.skipped && old.statuses.length === 0) return out;
  if (cur.skipped && cur.statuses.length === 0) return out;
  if (!old.error && cur.error) out.push(change('breaking', 'request-error', cur, `could not be sent (${cur.error})`, old.statuses, cur.error));
  if (old.error && !cur.error && cur.statuses.length > 0) out.push(change('info', 'request-recovered', cur, 'sent again without error', old.error, cur.statuses));
  if (old.operation && cur.operation && old.operation !== cur.operation) {
    out.push(change('info', 'operation-changed', cur, `now matches ${cur.operation} (was ${old.operation})`, old.operation, cur.operation));
  }
  const sameStatus = old.statuses.join() === cur.statuses.join();
  if (!sameStatus && old.statuses.length > 0 && cur.statuses.length > 0) out.push(statusChange(old, cur));
  out.push(...compareTests(old, cur));
  out.push(...compareFindings(old, cur));
  if (sameStatus && old.shape && cur.shape) out.push(...compareShapes(old.shape, cur.shape).map((c) => change(c.level, c.kind, cur, c.text, c.from, c.to)));
  const slower = slowerChange(old, cur, options);
  if (slower) out.push(slower);
  return out;
}

/**
 * "Slower" needs all three: the factor, a minimum absolute difference, and enough samples
 * on both sides. Two runs of the same server differ by a few ms and by the odd slow call;
 * neither is a change worth a warning.
 */
export function slowerChange(old: BaselineRequest, cur: BaselineRequest, options: CompareOptions): BaselineChange | undefined {
  const factor = options.slowerFactor ?? SLOWER_DEFAULTS.slowerFactor;
  const minMs = options.minSlowerMs ?? SLOWER_DEFAULTS.minSlowerMs;
  const minSamples = options.minSamples ?? SLOWER_DEFAULTS.minSamples;
  if (old.medianMs === undefined || cur.medianMs === undefined) return undefined;
  if (old.timesMs.length < minSamples || cur.timesMs.length < minSamples) return undefined;
  if (cur.medianMs <= old.medianMs * factor || cur.medianMs - old.medianMs < minMs) return undefined;
  return change('warning', 'slower', cur, `median ${old.medianMs} ms → ${cur.medianMs} ms (over ${factor}× and ${minMs} ms, ${cur.timesMs.length} samples)`, old.medianMs, cur.medianMs);
}

function statusChange(old: BaselineRequest, cur: BaselineRequest): BaselineChange {
  const ok = (statuses: number[]): boolean => statuses.every((s) => s >= 200 && s < 300);
  const level = ok(old.statuses) && !ok(cur.statuses) ? 'breaking' : !ok(old.statuses) && ok(cur.statuses) ? 'info' : 'warning';
  return change(level, 'status-changed', cur, `status ${old.statuses.join('/')} → ${cur.statuses.join('/')}`, old.statuses, cur.statuses);
}

function compareTests(old: BaselineRequest, cur: BaselineRequest): BaselineChange[] {
  const out: BaselineChange[] = [];
  for (const [name, outcome] of Object.entries(cur.tests)) {
    const before = old.tests[name];
    if (outcome === 'failed' && before === 'passed') out.push(change('breaking', 'test-newly-failing', cur, `test "${name}" now fails`, before, outcome));
    else if (outcome === 'failed' && before === undefined) out.push(change('warning', 'test-newly-failing', cur, `new test "${name}" fails`, null, outcome));
    else if (outcome === 'passed' && before === 'failed') out.push(change('info', 'test-newly-passing', cur, `test "${name}" now passes`, before, outcome));
  }
  return out;
}

function compareFindings(old: BaselineRequest, cur: BaselineRequest): BaselineChange[] {
  const before = new Set(old.findings);
  const after = new Set(cur.findings);
  const out: BaselineChange[] = [];
  for (const finding of after) if (!before.has(finding)) out.push(change('warning', 'finding-new', cur, `new contract finding: ${finding}`, null, finding));
  for (const finding of before) if (!after.has(finding)) out.push(change('info', 'finding-resolved', cur, `contract finding gone: ${finding}`, finding, null));
  return out;
}
