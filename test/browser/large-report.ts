/** The system chromium and a synthetic large HTML report, shared by the browser test and bench/. */
import { join } from 'node:path';
import { createHtmlReporter } from '../../src/report/html/index.ts';
import { addToCounts, emptyCounts, type RequestResult, type RunInfo, type RunSummary } from '../../src/result.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A result of the kind a long nightly run produces: mostly passes, some failures, skips, retries and findings. */
export function syntheticResult(i: number, items = 500): RequestResult {
  const item = i % items;
  const iteration = Math.floor(i / items);
  const r: RequestResult = {
    index: i,
    collection: item < items / 2 ? 'Jamf Pro API' : 'Classic API',
    iteration,
    folders: [`Folder ${item % 25}`],
    itemId: `item-${item}`,
    itemName: `Request ${item}: get the thing by id`,
    method: 'GET',
    url: `https://jamf.example/api/v1/things/${item}?page=${iteration}`,
    response: { status: 200, statusText: 'OK', contentType: 'application/json', timeMs: 20 + (i % 50), sizeBytes: 1200 },
    tests: [{ name: 'status is 200', passed: true }, { name: 'has an id', passed: true }],
    findings: [],
    scriptErrors: [],
    operation: `GET /v1/things/{id}`,
  };
  if (item % 50 === 7) r.tests[1] = { name: 'has an id', passed: false, error: "expected undefined to have property 'id'" };
  if (item % 40 === 3) r.findings.push({ kind: 'null-in-non-nullable', severity: 'warning', message: '/general/name is null but the schema does not allow null', pointer: '/general/name', expected: 'string', actual: null });
  if (item % 97 === 5) r.findings.push({ kind: 'schema', severity: 'violation', message: '/id must be string, got integer', pointer: '/id', expected: 'string', actual: 12 });
  if (item % 60 === 11) r.retries = 1;
  if (item % 33 === 9) {
    delete r.response;
    r.tests = [];
    r.skipped = { reason: 'unresolved-variables', detail: 'unresolved: id', variables: ['id'] };
  }
  return r;
}

/** Writes a report.html of `count` synthetic results (stopped by SIGTERM at the end) and returns its path. */
export async function writeLargeReport(dir: string, count: number): Promise<string> {
  const reporter = createHtmlReporter(dir, (t) => t);
  const info: RunInfo = { startedAt: new Date().toISOString(), server: 'https://jamf.example', jamfVersion: '11.30.1', authScheme: 'client-credentials', collections: ['Jamf Pro API', 'Classic API'], iterations: Math.ceil(count / 500) };
  reporter.onStart?.(info);
  const counts = emptyCounts();
  const folders: Record<string, typeof counts> = {};
  for (let i = 0; i < count; i++) {
    const r = syntheticResult(i);
    addToCounts(counts, r);
    addToCounts((folders[[r.collection, ...r.folders].join(' / ')] ??= emptyCounts()), r);
    reporter.onRequest?.(r);
  }
  const summary: RunSummary = {
    ...info,
    finishedAt: new Date().toISOString(),
    durationMs: 600_000,
    counts,
    folders,
    notices: [],
    tokenRequests: 3,
    stopped: { kind: 'interrupted', code: 'INTERRUPTED', message: 'SIGTERM received: stopped sending.', signal: 'SIGTERM' },
  };
  await reporter.onEnd?.(summary);
  return join(dir, 'report.html');
}
