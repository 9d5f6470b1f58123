/**
 * JUnit XML (`<outDir>/junit.xml`), the format every CI system reads.
 *
 * One `<testsuite>` per collection, or per collection and iteration when the run has
 * several iterations: each iteration is a separate pass over the same items, and CI
 * systems key test cases by suite + classname + name, so one suite per iteration keeps
 * identical names from being merged or renamed and shows which pass failed.
 *
 * Elements follow the outcome: `<failure>` for failed `pm.test`s, contract violations and
 * script errors (one element, every problem in its body); `<error>` for a request that
 * could not be made; `<skipped>` for a request not sent. Warnings go to `<system-out>`.
 */
import { join } from 'node:path';
import type { Reporter, RequestResult, RunInfo, RunSummary } from '../result.ts';
import { writeFileAtomic, removeReport } from '../atomic-file.ts';
import { describeFinding, describeSkip, failedTests, outcomeOf, problemLines, violations, warnings } from './outcome.ts';
import { attrs, escapeText } from './xml.ts';

type Redact = (text: string) => string;

interface Suite {
  collection: string;
  iteration: number;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  timeMs: number;
  /**
   * Rendered `<testcase>` elements, joined every `CASES_PER_CHUNK` into one flat string:
   * concatenated strings are ropes of many small heap objects, a joined one is one buffer.
   */
  chunks: string[];
  pending: string[];
}

const CASES_PER_CHUNK = 256;

export function createJunitReporter(outDir: string, redact: Redact): Reporter {
  const target = join(outDir, 'junit.xml');
  const suites = new Map<string, Suite>();
  let info: RunInfo | undefined;

  return {
    name: 'junit',
    onStart(runInfo) {
      info = runInfo;
    },
    onRequest(result) {
      const suite = suiteFor(suites, result.collection, result.iteration);
      addCase(suite, result, redact);
    },
    onEnd(summary) {
      for (const collection of summary.collections) {
        if (![...suites.values()].some((s) => s.collection === collection)) suiteFor(suites, collection, 0);
      }
      writeFileAtomic(target, renderDocument([...suites.values()], info ?? summary, summary, redact));
    },
    onAbort() {
      removeReport(target);
    },
  };
}

function suiteFor(suites: Map<string, Suite>, collection: string, iteration: number): Suite {
  const key = `${collection}\u0000${iteration}`;
  let suite = suites.get(key);
  if (!suite) {
    suite = { collection, iteration, tests: 0, failures: 0, errors: 0, skipped: 0, timeMs: 0, chunks: [], pending: [] };
    suites.set(key, suite);
  }
  return suite;
}

function addCase(suite: Suite, r: RequestResult, redact: Redact): void {
  const timeMs = r.response?.timeMs ?? 0;
  suite.tests += 1;
  suite.timeMs += timeMs;
  const outcome = outcomeOf(r);
  let child = '';
  if (outcome === 'skipped') {
    suite.skipped += 1;
    child = `<skipped${attrs({ message: redact(describeSkip(r)) })}/>`;
  } else if (outcome === 'errored') {
    suite.errors += 1;
    const body = problemLines(r).map(redact).join('\n');
    child = `<error${attrs({ type: r.error?.code, message: redact(r.error?.message ?? '') })}>${escapeText(body)}</error>`;
  } else if (outcome === 'failed') {
    suite.failures += 1;
    const lines = problemLines(r).map(redact);
    child = `<failure${attrs({ type: failureType(r), message: failureMessage(r, lines) })}>${escapeText(lines.join('\n'))}</failure>`;
  }
  const out = outcome === 'passed' && r.findings.length === 0 ? '' : systemOut(r).map(redact).join('\n');
  const classname = [r.collection, ...r.folders].join(' / ');
  suite.pending.push(
    `    <testcase${attrs({ classname: redact(classname), name: redact(r.itemName), time: seconds(timeMs) })}>` +
      child +
      (out ? `<system-out>${escapeText(out)}</system-out>` : '') +
      '</testcase>\n',
  );
  if (suite.pending.length >= CASES_PER_CHUNK) suite.chunks.push(suite.pending.splice(0).join(''));
}

/** `pm.test`, `contract` or `script`, joined when several apply. */
function failureType(r: RequestResult): string {
  const kinds: string[] = [];
  if (failedTests(r).length > 0) kinds.push('pm.test');
  if (violations(r).length > 0) kinds.push('contract');
  if (r.scriptErrors.length > 0) kinds.push('script');
  return kinds.join(',');
}

/** Counts first, then the first problem, so a CI summary line says what went wrong. */
function failureMessage(r: RequestResult, lines: string[]): string {
  const counts: string[] = [];
  const tests = failedTests(r).length;
  const found = violations(r).length;
  if (tests > 0) counts.push(plural(tests, 'failed test'));
  if (found > 0) counts.push(plural(found, 'contract violation'));
  if (r.scriptErrors.length > 0) counts.push(plural(r.scriptErrors.length, 'script error'));
  return `${counts.join(', ')}: ${lines.join(' | ')}`;
}

function systemOut(r: RequestResult): string[] {
  const lines: string[] = [];
  const status = r.response ? ` -> ${r.response.status} ${r.response.statusText} (${r.response.timeMs} ms)` : '';
  if (!r.skipped) lines.push(`${r.method} ${r.url}${status}`);
  if (r.operation) lines.push(`operation ${r.operation}`);
  for (const f of warnings(r)) lines.push(`warning ${describeFinding(f)}`);
  for (const f of r.findings.filter((x) => x.severity === 'info')) lines.push(`info ${describeFinding(f)}`);
  return lines;
}

function renderDocument(suites: Suite[], info: RunInfo, summary: RunSummary, redact: Redact): string {
  const many = summary.iterations > 1 || new Set(suites.map((s) => s.iteration)).size > 1;
  const timestamp = info.startedAt.slice(0, 19);
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const parts: string[] = [];
  suites.forEach((s, id) => {
    for (const k of ['tests', 'failures', 'errors', 'skipped'] as const) total[k] += s[k];
    const name = many ? `${s.collection} (iteration ${s.iteration + 1})` : s.collection;
    const head = attrs({ name: redact(name), id, tests: s.tests, failures: s.failures, errors: s.errors, skipped: s.skipped, time: seconds(s.timeMs), timestamp });
    const notices = id === 0 ? summary.notices.map((n) => `${n.level} ${n.code}: ${n.message}`).map(redact) : [];
    parts.push(
      `  <testsuite${head}>\n${properties(info, s, redact)}` +
        s.chunks.join('') +
        s.pending.join('') +
        (notices.length ? `    <system-out>${escapeText(notices.join('\n'))}</system-out>\n` : '') +
        '  </testsuite>\n',
    );
  });
  const root = attrs({ name: 'jamf-contract', ...total, time: seconds(summary.durationMs), timestamp });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${root}>\n${parts.join('')}</testsuites>\n`;
}

function properties(info: RunInfo, s: Suite, redact: Redact): string {
  const values: Record<string, string | undefined> = {
    server: info.server,
    jamfVersion: info.jamfVersion,
    authScheme: info.authScheme,
    iteration: String(s.iteration + 1),
  };
  const props = Object.entries(values)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([name, value]) => `      <property${attrs({ name, value: redact(value) })}/>\n`);
  return `    <properties>\n${props.join('')}    </properties>\n`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
