/**
 * Records a run as a baseline: one entry per request of the collection (not per iteration),
 * built from `RequestResult`s as they arrive. Keeps no values, URLs or messages.
 */
import { shownSource } from '../load/spec/read.ts';
import type { RequestResult } from '../result.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import { mergeShapes } from './shape.ts';
import { baselineFormatVersion, baselineKind, type BaselineData, type BaselineRequest, type TestOutcome } from './types.ts';

export interface BaselineInfo {
  server: string;
  jamfVersion?: string;
  collections: string[];
}

export interface BaselineRecorder {
  add(result: RequestResult): void;
  /** The data recorded so far (what `write` writes and `compareWithBaseline` compares). */
  data(): BaselineData;
  write(file: string): Promise<void>;
}

const maxTimes = 100;

export function createBaselineRecorder(info: BaselineInfo): BaselineRecorder {
  const requests = new Map<string, BaselineRequest>();
  const keyOfItem = new Map<string, string>();
  const createdAt = new Date().toISOString();

  const keyFor = (r: RequestResult): string => {
    const itemKey = `${r.collection}\u0000${r.itemId}\u0000${r.method}`;
    const known = keyOfItem.get(itemKey);
    if (known) return known;
    const base = `${[r.collection, ...r.folders, r.itemName].join(' / ')} [${r.method.toUpperCase()}]`;
    // Two items with the same name in one folder: number the later ones, in collection order.
    let key = base;
    for (let n = 2; requests.has(key); n += 1) key = `${base} #${n}`;
    keyOfItem.set(itemKey, key);
    return key;
  };

  return {
    add(result) {
      const key = keyFor(result);
      let entry = requests.get(key);
      if (!entry) {
        entry = newEntry(key, result);
        requests.set(key, entry);
      }
      addIteration(entry, result);
    },
    data() {
      const data: BaselineData = {
        kind: baselineKind,
        formatVersion: baselineFormatVersion,
        createdAt,
        server: shownSource(info.server),
        collections: [...info.collections],
        requests: [...requests.values()].map(finish),
      };
      if (info.jamfVersion) data.jamfVersion = info.jamfVersion;
      return data;
    },
    async write(file) {
      writeFileAtomic(file, `${JSON.stringify(this.data(), null, 2)}\n`);
    },
  };
}

function newEntry(key: string, r: RequestResult): BaselineRequest {
  return { key, collection: r.collection, folders: [...r.folders], name: r.itemName, method: r.method.toUpperCase(), iterations: 0, statuses: [], tests: {}, findings: [], timesMs: [] };
}

function addIteration(entry: BaselineRequest, r: RequestResult): void {
  entry.iterations += 1;
  if (r.operation && !entry.operation) entry.operation = r.operation;
  if (r.skipped) entry.skipped = r.skipped.reason;
  if (r.error) entry.error = r.error.code;
  if (r.response) {
    const firstStatus = entry.statuses[0];
    if (!entry.statuses.includes(r.response.status)) entry.statuses = [...entry.statuses, r.response.status].sort((a, b) => a - b);
    if (entry.timesMs.length < maxTimes) entry.timesMs.push(Math.round(r.response.timeMs));
    // Shapes are comparable only for one status: an error body is not a degraded success body.
    if (r.bodyShape && (firstStatus === undefined || firstStatus === r.response.status)) {
      entry.shape = entry.shape ? mergeShapes(entry.shape, r.bodyShape) : { ...r.bodyShape };
    }
  }
  for (const test of r.tests) {
    const outcome: TestOutcome = test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed';
    const before = entry.tests[test.name];
    if (before === undefined || outcome === 'failed' || (before === 'skipped' && outcome === 'passed')) entry.tests[test.name] = outcome;
  }
  const findings = new Set(entry.findings);
  for (const finding of r.findings) findings.add(findingKey(finding.kind, finding.pointer));
  entry.findings = [...findings].sort();
}

/** Array indices in a pointer become `[]`, so the same finding in another element is the same finding. */
export function findingKey(kind: string, pointer?: string): string {
  if (!pointer) return kind;
  return `${kind} ${pointer.replace(/\/\d+(?=\/|$)/g, '/[]')}`;
}

function finish(entry: BaselineRequest): BaselineRequest {
  const copy: BaselineRequest = { ...entry, statuses: [...entry.statuses], tests: { ...entry.tests }, timesMs: [...entry.timesMs] };
  const median = medianOf(entry.timesMs);
  if (median !== undefined) copy.medianMs = median;
  return copy;
}

export function medianOf(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}
