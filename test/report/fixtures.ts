/** Hand-built results for reporter tests: one of each kind a run produces. */
import { Writable } from 'node:stream';
import { addToCounts, emptyCounts, type RequestResult, type Reporter, type RunInfo, type RunSummary, type Notice } from '../../src/result.ts';

export const SECRET = 'sup3r-s3cret-value';

let next = 0;

export function result(over: Partial<RequestResult> = {}): RequestResult {
  const index = next++;
  return {
    index,
    collection: 'Jamf Pro API',
    iteration: 0,
    folders: ['Buildings'],
    itemId: `item-${index}`,
    itemName: `Request ${index}`,
    method: 'GET',
    url: 'https://jamf.example/api/v1/buildings',
    response: { status: 200, statusText: 'OK', contentType: 'application/json', timeMs: 12, sizeBytes: 100 },
    tests: [{ name: 'Status is 200', passed: true }],
    findings: [],
    scriptErrors: [],
    ...over,
  };
}

export const kinds = {
  passed: () => result({ itemName: 'Get buildings' }),
  failedTest: () =>
    result({
      itemName: 'Get building by id',
      response: { status: 404, statusText: 'Not Found', timeMs: 8, sizeBytes: 10 },
      tests: [
        { name: 'Status is 200', passed: false, error: 'expected 404 to equal 200' },
        { name: 'Has name', passed: true },
      ],
    }),
  violation: () =>
    result({
      itemName: 'List departments',
      folders: ['Departments'],
      operation: 'GET /v1/departments',
      findings: [{ kind: 'schema', severity: 'violation', message: 'must be string', pointer: '/results/0/name', expected: 'string', actual: 42 }],
    }),
  warningOnly: () =>
    result({
      itemName: 'Old inventory',
      folders: ['Computers'],
      findings: [{ kind: 'deprecated', severity: 'warning', message: 'deprecated since 2023-01-01' }],
    }),
  errored: () =>
    result({
      itemName: 'Unreachable',
      response: undefined,
      tests: [],
      error: { code: 'NETWORK', message: 'connect ECONNREFUSED 127.0.0.1:1' },
    }),
  unresolved: (variables: string[], itemName = 'Get by id') =>
    result({ itemName, response: undefined, tests: [], skipped: { reason: 'unresolved-variables', detail: 'unresolved', variables } }),
  readOnly: () =>
    result({ itemName: 'Create building', method: 'POST', response: undefined, tests: [], skipped: { reason: 'read-only', detail: 'POST not sent' } }),
  destructive: () =>
    result({ itemName: 'Erase device', method: 'POST', folders: ['MDM'], response: undefined, tests: [], skipped: { reason: 'destructive', detail: 'device erase' } }),
  timedOut: () =>
    result({
      itemName: 'Slow write',
      method: 'POST',
      response: undefined,
      tests: [],
      error: { code: 'TIMEOUT', message: 'no answer within 100 ms', sent: true },
      testsNotRun: 'no response to test',
    }),
  heldBackCall: () =>
    result({
      itemName: 'Cleanup',
      heldBack: [{ source: 'script', method: 'DELETE', url: 'https://jamf.example/api/v1/buildings/9', class: 'write', why: 'a DELETE', needs: '--allow-writes' }],
    }),
  retried: () => result({ itemName: 'Flaky read', retries: 2 }),
  tolerated: () =>
    result({
      itemName: 'Inventory',
      folders: ['Computers'],
      operation: 'GET /v1/computers-inventory',
      findings: [{ kind: 'null-in-non-nullable', severity: 'info', tolerated: true, message: 'null where not nullable', pointer: '/results/0/udid', operation: 'GET /v1/computers-inventory' }],
    }),
  byScript: () =>
    result({ itemName: 'Conditional', response: undefined, tests: [], skipped: { reason: 'skipped-by-script', detail: 'pm.execution.skipRequest()' } }),
};

export function runInfo(over: Partial<RunInfo> = {}): RunInfo {
  return {
    startedAt: '2026-01-02T03:04:05.678Z',
    server: 'https://jamf.example',
    jamfVersion: '11.30.1',
    authScheme: 'client-credentials',
    collections: ['Jamf Pro API'],
    iterations: 1,
    ...over,
  };
}

export function summarize(info: RunInfo, results: RequestResult[], over: Partial<RunSummary> = {}): RunSummary {
  const counts = emptyCounts();
  const folders: RunSummary['folders'] = {};
  for (const r of results) {
    addToCounts(counts, r);
    const key = [r.collection, ...r.folders].join(' / ');
    addToCounts((folders[key] ??= emptyCounts()), r);
  }
  const notices: Notice[] = [];
  return { ...info, finishedAt: '2026-01-02T03:04:07.178Z', durationMs: 1500, counts, folders, notices, tokenRequests: 1, ...over };
}

/** Drives a reporter through a run the way the runner does. */
export async function drive(reporter: Reporter, info: RunInfo, results: RequestResult[], over: Partial<RunSummary> = {}): Promise<RunSummary> {
  reporter.onStart?.(info);
  for (const r of results) reporter.onRequest?.(r);
  const summary = summarize(info, results, over);
  await reporter.onEnd?.(summary);
  return summary;
}

/** A writable that keeps what was written, optionally posing as a terminal. */
export class Capture extends Writable {
  text = '';
  isTTY: boolean;
  columns = 120;
  constructor(isTTY = false) {
    super();
    this.isTTY = isTTY;
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export const redactFake = (text: string): string => text.split(SECRET).join('[REDACTED]');
