/**
 * CTRF JSON (`ctrf.json` in `--out`, or `--reporter-ctrf-export FILE`): the Common Test
 * Report Format read by ctrf-io's GitHub test reporter, Jenkins' ctrf-json plugin and the
 * Slack/Teams reporters. One test per request result, as in the default JUnit; the same
 * outcome rules as every reporter (`errored` becomes `failed` with `rawStatus: "errored"`).
 * Tests are spilled to a temp file as they arrive, like report.json, so a long run stays
 * flat in memory. Checked against the published CTRF schema in the tests.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Reporter, RequestResult, RunInfo, RunSummary } from '../result.ts';
import { describeSkip, describeStop, itemPath, noteLines, outcomeOf, problemLines, redactedJson, stopTitle } from './outcome.ts';
import { SpilledReport } from './spill.ts';
import { tool } from './tool.ts';

type Redact = (text: string) => string;

/** The CTRF specification version these documents follow (the `ctrf` package's current one). */
export const CTRF_SPEC_VERSION = '0.0.0';

interface Tally {
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  flaky: number;
}

export function createCtrfReporter(outDir: string, redact: Redact, options: { path?: string } = {}): Reporter {
  const tally: Tally = { tests: 0, passed: 0, failed: 0, skipped: 0, flaky: 0 };
  const report = new SpilledReport(options.path ?? join(outDir, 'ctrf.json'), 'tests', '      ');
  let info: RunInfo | undefined;

  const append = (test: Record<string, unknown>): void => {
    report.add(redactedJson(test, redact));
    tally.tests += 1;
    const status = test.status as 'passed' | 'failed' | 'skipped';
    tally[status] += 1;
    if (test.flaky) tally.flaky += 1;
  };

  return {
    name: 'ctrf',
    onStart(runInfo) {
      info = runInfo;
    },
    onRequest(result) {
      append(ctrfTest(result, (info?.iterations ?? 1) > 1));
    },
    onEnd(summary) {
      if (summary.stopped) {
        append({ name: stopTitle(summary.stopped), status: 'failed', rawStatus: summary.stopped.kind, duration: 0, message: describeStop(summary.stopped), suite: ['jamf-contract'], type: 'run' });
      }
      report.write(() => {
        const head = redactedJson(document(info ?? summary, summary, tally), redact, 2);
        // The head ends `"tests": []\n  }\n}`: cut there and splice the spilled tests in.
        return [`${head.slice(0, head.lastIndexOf('[]'))}[\n`, `${tally.tests > 0 ? '\n' : ''}    ]\n  }\n}\n`];
      });
    },
    onAbort() {
      report.abort();
    },
  };
}

/** One request result as a CTRF test. */
export function ctrfTest(r: RequestResult, manyIterations: boolean): Record<string, unknown> {
  const outcome = outcomeOf(r);
  const problems = problemLines(r);
  const status = outcome === 'errored' ? 'failed' : outcome;
  const test: Record<string, unknown> = {
    name: `${r.method} ${itemPath(r)}${manyIterations ? ` [iteration ${r.iteration + 1}]` : ''}`,
    testId: `${r.collection}:${r.itemId}`,
    status,
    rawStatus: outcome,
    duration: Math.round(r.response?.timeMs ?? 0),
    suite: [r.collection, ...r.folders],
    type: 'api',
    labels: labels(r),
  };
  if (outcome === 'skipped') test.message = describeSkip(r);
  else if (problems.length > 0) {
    test.message = problems[0];
    test.trace = problems.join('\n');
  }
  if (r.retries) {
    test.retries = r.retries;
    if (outcome === 'passed') test.flaky = true;
  }
  const notes = noteLines(r);
  if (notes.length > 0) test.stdout = notes;
  const extra: Record<string, unknown> = {
    url: r.url,
    tests: r.tests,
    findings: r.findings,
  };
  if (r.error) extra.error = r.error;
  if (r.testsNotRun) extra.testsNotRun = r.testsNotRun;
  if (r.heldBack) extra.heldBack = r.heldBack;
  if (r.skipped) extra.skipped = r.skipped;
  test.extra = extra;
  return test;
}

function labels(r: RequestResult): Record<string, string | number> {
  const out: Record<string, string | number> = { method: r.method, iteration: r.iteration + 1 };
  if (r.response) out.status = r.response.status;
  if (r.operation) out.operation = r.operation;
  return out;
}

function document(info: RunInfo, s: RunSummary, tally: Tally): Record<string, unknown> {
  const start = Date.parse(info.startedAt);
  const stop = Date.parse(s.finishedAt);
  const environment: Record<string, unknown> = { appName: 'Jamf Pro', testEnvironment: s.server, extra: { server: s.server, authScheme: s.authScheme ?? null, iterations: s.iterations } };
  if (s.jamfVersion) environment.appVersion = s.jamfVersion;
  return {
    reportFormat: 'CTRF',
    specVersion: CTRF_SPEC_VERSION,
    reportId: randomUUID(),
    timestamp: s.finishedAt,
    generatedBy: `${tool.name} ${tool.version}`,
    results: {
      tool: { name: tool.name, version: tool.version },
      summary: {
        tests: tally.tests,
        passed: tally.passed,
        failed: tally.failed,
        skipped: tally.skipped,
        pending: 0,
        other: 0,
        flaky: tally.flaky,
        suites: s.collections.length,
        start: Number.isFinite(start) ? start : 0,
        stop: Number.isFinite(stop) ? stop : 0,
        duration: Math.round(s.durationMs),
        extra: { counts: s.counts, interrupted: s.stopped?.kind === 'interrupted', stopped: s.stopped ?? null },
      },
      environment,
      extra: { notices: s.notices, coverage: (s.coverage as { summary?: unknown } | undefined)?.summary ?? null },
      tests: [],
    },
  };
}
