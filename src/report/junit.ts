/**
 * JUnit XML (`junit.xml` in `--out`, or `--reporter-junit-export FILE`), the format every
 * CI system reads. Test cases are rendered by `junit-cases.ts` (one per request, or one
 * per `pm.test` with `--junit-per-assertion`).
 *
 * One `<testsuite>` per collection, or per collection and iteration when the run has
 * several iterations: each iteration is a separate pass over the same items, and CI
 * systems key test cases by suite + classname + name, so one suite per iteration keeps
 * identical names from being merged or renamed and shows which pass failed. Iterations
 * are numbered from 1, as everywhere in jamf-contract's reports.
 *
 * Elements follow the outcome: `<failure>` for failed `pm.test`s, contract violations and
 * script errors; `<error>` for a request that could not be made; `<skipped>` for a request
 * not sent. A run that stopped early (a signal, a tool failure mid-run) ends with a suite
 * holding one `<error>` testcase, `run interrupted (SIGTERM)`, so no CI tool reads the
 * partial results as a green run.
 */
import { join } from 'node:path';
import type { Reporter, RunInfo, RunStop, RunSummary } from '../result.ts';
import { writeFileAtomic, removeReport } from '../atomic-file.ts';
import { requestCases, seconds, type CaseCounts } from './junit-cases.ts';
import { describeStop, stopTitle } from './outcome.ts';
import { attrs, escapeText } from './xml.ts';

type Redact = (text: string) => string;

export interface JunitOptions {
  /** The file to write; default `junit.xml` in the reporter's directory. */
  path?: string;
  /** One testcase per `pm.test` instead of one per request. */
  perAssertion?: boolean;
}

interface Suite extends CaseCounts {
  collection: string;
  iteration: number;
  timeMs: number;
  /**
   * Rendered `<testcase>` elements, joined every `CASES_PER_CHUNK` into one flat string:
   * concatenated strings are ropes of many small heap objects, a joined one is one buffer.
   */
  chunks: string[];
  pending: string[];
}

const CASES_PER_CHUNK = 256;

export function createJunitReporter(outDir: string, redact: Redact, options: JunitOptions = {}): Reporter {
  const target = options.path ?? join(outDir, 'junit.xml');
  const suites = new Map<string, Suite>();
  let info: RunInfo | undefined;

  return {
    name: 'junit',
    onStart(runInfo) {
      info = runInfo;
    },
    onRequest(result) {
      const suite = suiteFor(suites, result.collection, result.iteration);
      const rendered = requestCases(result, redact, options.perAssertion ?? false);
      for (const k of ['tests', 'failures', 'errors', 'skipped'] as const) suite[k] += rendered.counts[k];
      suite.timeMs += rendered.timeMs;
      suite.pending.push(rendered.xml);
      if (suite.pending.length >= CASES_PER_CHUNK) suite.chunks.push(suite.pending.splice(0).join(''));
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
  if (summary.stopped) {
    total.tests += 1;
    total.errors += 1;
    parts.push(stopSuite(summary.stopped, suites.length, timestamp, redact));
  }
  // The root carries what the Jenkins XSD allows there: skips and the timestamp are per suite.
  const root = attrs({ name: 'jamf-contract', tests: total.tests, failures: total.failures, errors: total.errors, time: seconds(summary.durationMs) });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${root}>\n${parts.join('')}</testsuites>\n`;
}

/** The early stop as a suite of its own, so it is counted as an error by every CI parser. */
function stopSuite(stop: RunStop, id: number, timestamp: string, redact: Redact): string {
  const type = stop.kind === 'interrupted' ? 'INTERRUPTED' : stop.code;
  const head = attrs({ name: 'jamf-contract run', id, tests: 1, failures: 0, errors: 1, skipped: 0, time: '0.000', timestamp });
  const error = `<error${attrs({ type, message: redact(`${stop.code}: ${stop.message}`) })}>${escapeText(redact(describeStop(stop)))}</error>`;
  return `  <testsuite${head}>\n    <testcase${attrs({ classname: 'jamf-contract', name: stopTitle(stop), time: '0.000' })}>${error}</testcase>\n  </testsuite>\n`;
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
