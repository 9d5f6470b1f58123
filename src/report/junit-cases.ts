/**
 * A request result as JUnit `<testcase>` elements: one per request (the default), or one
 * per `pm.test` with `--junit-per-assertion` (newman's most-asked JUnit change), plus a
 * `contract` case for the response's contract check and a `script` case for script errors.
 *
 * `classname` is `Collection.Folder.Sub` (dots inside a name become `·`, so CI tools that
 * split packages on dots see the real folder tree). Request facts that CI tools can show
 * (operation, retries, each contract finding, held-back calls) are `<property>` elements on
 * the testcase, as pytest's `record_property`, Jenkins' JUnit plugin and Testmo read them;
 * the human-readable lines go to `<system-out>`.
 */
import type { AssertionResult, RequestResult } from '../result.ts';
import { describeFinding, describeHeldBack, describeSkip, describeTest, failedTests, noteLines, outcomeOf, problemLines, sentNote, violations } from './outcome.ts';
import { attrs, escapeText } from './xml.ts';

type Redact = (text: string) => string;

export interface CaseCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

export interface RenderedCases {
  xml: string;
  counts: CaseCounts;
  timeMs: number;
}

/** `Jamf Pro API.Buildings.By id`. */
export function classnameOf(r: RequestResult): string {
  return [r.collection, ...r.folders].map((part) => part.replace(/\./g, '·')).join('.');
}

export function requestCases(r: RequestResult, redact: Redact, perAssertion: boolean): RenderedCases {
  return perAssertion ? assertionCases(r, redact) : oneCase(r, redact);
}

/** One testcase for the request: `<failure>`, `<error>` or `<skipped>` by its outcome. */
function oneCase(r: RequestResult, redact: Redact): RenderedCases {
  const counts = emptyCaseCounts();
  const outcome = outcomeOf(r);
  let child = '';
  if (outcome === 'skipped') child = skippedElement(describeSkip(r), redact);
  else if (outcome === 'errored') child = errorElement(r, redact);
  else if (outcome === 'failed') child = failureElement(failureType(r), failureMessage(r, problemLines(r).map(redact)), problemLines(r), redact);
  count(counts, outcome);
  const timeMs = r.response?.timeMs ?? 0;
  return { xml: testcase(r, r.itemName, timeMs, properties(r, redact), child, systemOut(r, redact), redact), counts, timeMs };
}

/** A testcase per `pm.test`, then `contract` and `script` cases when they apply. */
function assertionCases(r: RequestResult, redact: Redact): RenderedCases {
  const counts = emptyCaseCounts();
  const timeMs = r.response?.timeMs ?? 0;
  const props = properties(r, redact);
  const out = systemOut(r, redact);
  const parts: string[] = [];
  const add = (name: string, outcome: 'passed' | 'failed' | 'errored' | 'skipped', child: string): void => {
    const first = parts.length === 0;
    parts.push(testcase(r, name, first ? timeMs : 0, first ? props : '', child, first ? out : '', redact));
    count(counts, outcome);
  };
  if (r.skipped) {
    add(r.itemName, 'skipped', skippedElement(describeSkip(r), redact));
    return { xml: parts.join(''), counts, timeMs };
  }
  if (r.error) add(`${r.itemName} › request`, 'errored', errorElement(r, redact));
  for (const t of r.tests) add(`${r.itemName} › ${t.name}`, testOutcome(t), testChild(t, redact));
  if (r.operation || r.findings.length > 0) {
    const found = violations(r);
    const lines = found.map((f) => `violation ${describeFinding(f)}`);
    add(`${r.itemName} › contract`, found.length > 0 ? 'failed' : 'passed', found.length > 0 ? failureElement('contract', failureMessage(r, lines.map(redact), 'contract'), lines, redact) : '');
  }
  if (r.scriptErrors.length > 0) {
    const lines = r.scriptErrors.map((e) => `script error: ${e}`);
    add(`${r.itemName} › script`, 'failed', failureElement('script', lines.map(redact).join(' | '), lines, redact));
  }
  if (parts.length === 0) add(r.itemName, 'passed', '');
  return { xml: parts.join(''), counts, timeMs };
}

function testOutcome(t: AssertionResult): 'passed' | 'failed' | 'skipped' {
  if (t.skipped) return 'skipped';
  return t.passed ? 'passed' : 'failed';
}

function testChild(t: AssertionResult, redact: Redact): string {
  if (t.skipped) return skippedElement('pm.test skipped', redact);
  if (t.passed) return '';
  return failureElement('pm.test', redact(describeTest(t)), [describeTest(t)], redact);
}

function testcase(r: RequestResult, name: string, timeMs: number, props: string, child: string, out: string, redact: Redact): string {
  return (
    `    <testcase${attrs({ classname: redact(classnameOf(r)), name: redact(name), time: seconds(timeMs) })}>` +
    props +
    child +
    (out ? `<system-out>${escapeText(out)}</system-out>` : '') +
    '</testcase>\n'
  );
}

/** The reason as text, not a `message` attribute: the Jenkins JUnit XSD declares `<skipped>` a string element. */
function skippedElement(message: string, redact: Redact): string {
  return `<skipped>${escapeText(redact(message))}</skipped>`;
}

function errorElement(r: RequestResult, redact: Redact): string {
  const body = problemLines(r).map(redact).join('\n');
  return `<error${attrs({ type: r.error?.code, message: redact(`${r.error?.message ?? ''}${sentNote(r)}`) })}>${escapeText(body)}</error>`;
}

function failureElement(type: string, message: string, lines: string[], redact: Redact): string {
  return `<failure${attrs({ type, message })}>${escapeText(lines.map(redact).join('\n'))}</failure>`;
}

/** `pm.test`, `contract` or `script`, joined when several apply. */
function failureType(r: RequestResult): string {
  const kinds: string[] = [];
  if (failedTests(r).length > 0) kinds.push('pm.test');
  if (violations(r).length > 0) kinds.push('contract');
  if (r.scriptErrors.length > 0) kinds.push('script');
  return kinds.join(',');
}

/** Counts first, then the problems, so a CI summary line says what went wrong. */
function failureMessage(r: RequestResult, lines: string[], only?: 'contract'): string {
  const counts: string[] = [];
  const tests = only ? 0 : failedTests(r).length;
  const found = violations(r).length;
  if (tests > 0) counts.push(plural(tests, 'failed test'));
  if (found > 0) counts.push(plural(found, 'contract violation'));
  if (!only && r.scriptErrors.length > 0) counts.push(plural(r.scriptErrors.length, 'script error'));
  return `${counts.join(', ')}: ${lines.join(' | ')}`;
}

/** `<properties>` with the request's operation, retries, findings and held-back calls; empty when none. */
function properties(r: RequestResult, redact: Redact): string {
  const list: Array<[string, string]> = [];
  if (r.operation) list.push(['operation', r.operation]);
  if (r.response) list.push(['status', String(r.response.status)]);
  if (r.retries) list.push(['retries', String(r.retries)]);
  if (r.error?.sent) list.push(['sent', 'true']);
  if (r.testsNotRun) list.push(['testsNotRun', r.testsNotRun]);
  for (const f of r.findings) list.push([f.tolerated ? 'tolerated' : f.severity, describeFinding(f)]);
  for (const h of r.heldBack ?? []) list.push(['heldBack', describeHeldBack(h)]);
  if (list.length === 0) return '';
  return `<properties>${list.map(([name, value]) => `<property${attrs({ name, value: redact(value) })}/>`).join('')}</properties>`;
}

function systemOut(r: RequestResult, redact: Redact): string {
  const outcome = outcomeOf(r);
  const notes = noteLines(r);
  const infos = r.findings.filter((f) => f.severity === 'info' && !f.tolerated).map((f) => `info ${describeFinding(f)}`);
  if (outcome === 'passed' && notes.length === 0 && infos.length === 0 && r.findings.length === 0) return '';
  const lines: string[] = [];
  const status = r.response ? ` -> ${r.response.status} ${r.response.statusText} (${r.response.timeMs} ms)` : '';
  if (!r.skipped) lines.push(`${r.method} ${r.url}${status}`);
  if (r.operation) lines.push(`operation ${r.operation}`);
  lines.push(...notes, ...infos);
  return lines.map(redact).join('\n');
}

function count(counts: CaseCounts, outcome: 'passed' | 'failed' | 'errored' | 'skipped'): void {
  counts.tests += 1;
  if (outcome === 'failed') counts.failures += 1;
  if (outcome === 'errored') counts.errors += 1;
  if (outcome === 'skipped') counts.skipped += 1;
}

function emptyCaseCounts(): CaseCounts {
  return { tests: 0, failures: 0, errors: 0, skipped: 0 };
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
