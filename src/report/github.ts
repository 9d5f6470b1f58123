/**
 * The `github` reporter, so a failing nightly explains itself on the workflow run page:
 * a Markdown summary appended to `$GITHUB_STEP_SUMMARY` (or written to
 * `--reporter-github-export FILE`, else `github-summary.md` in `--out` outside Actions),
 * and `::error`/`::warning` workflow commands for failures and contract findings, capped
 * (GitHub shows 10 of each per step) with one `::notice` saying how many more there were.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeReport, writeFileAtomic } from '../atomic-file.ts';
import type { Reporter, RequestResult, RunSummary } from '../result.ts';
import { formatDuration } from './cli-summary.ts';
import { describeStop, itemPath, outcomeOf, problemLines } from './outcome.ts';
import { SkipTally } from './skips.ts';
import { ExtrasTally, FindingTally, type FindingLevel } from './tally.ts';
import { verdictOf, type FailOn } from './verdict.ts';

type Redact = (text: string) => string;

export interface GithubOptions {
  /** `--reporter-github-export FILE`: written (replaced) instead of appending to the step summary. */
  path?: string;
  /** `$GITHUB_STEP_SUMMARY`, appended to when set and no `path` is given. */
  stepSummary?: string;
  /** Where workflow commands go (stdout in Actions). */
  commands: NodeJS.WritableStream;
  /** Annotations per level (error, warning); default 10, GitHub's per-step display limit. */
  maxAnnotations?: number;
  failOn?: FailOn;
}

/** Failed requests kept for the summary table and annotations. */
const FAILURES_KEPT = 50;
const FINDING_ROWS = 15;

interface Failure {
  name: string;
  outcome: 'failed' | 'errored';
  problem: string;
}

export function createGithubReporter(outDir: string, redact: Redact, options: GithubOptions): Reporter {
  const ownFile = options.path ?? (options.stepSummary ? undefined : join(outDir, 'github-summary.md'));
  const failures: Failure[] = [];
  let failureCount = 0;
  const findings = new FindingTally();
  const extras = new ExtrasTally();
  const skips = new SkipTally();
  let many = false;

  return {
    name: 'github',
    onStart(info) {
      many = info.iterations > 1;
    },
    onRequest(r) {
      findings.add(r);
      extras.add(r);
      skips.add(r);
      const outcome = outcomeOf(r);
      if (outcome !== 'failed' && outcome !== 'errored') return;
      failureCount += 1;
      if (failures.length < FAILURES_KEPT) failures.push({ name: requestName(r, many), outcome, problem: problemLines(r)[0] ?? outcome });
    },
    onEnd(summary) {
      const markdown = redact(renderMarkdown(summary, { failures, failureCount, findings, extras, skips }, options.failOn));
      if (ownFile) writeFileAtomic(ownFile, markdown);
      else if (options.stepSummary) appendFileSync(options.stepSummary, `${markdown}\n`);
      options.commands.write(redact(annotations(summary, failures, failureCount, findings, options.maxAnnotations ?? 10)));
    },
    onAbort() {
      if (ownFile) removeReport(ownFile);
    },
  };
}

function requestName(r: RequestResult, many: boolean): string {
  return `${r.method} ${r.collection} / ${itemPath(r)}${many ? ` [iteration ${r.iteration + 1}]` : ''}`;
}

interface Gathered {
  failures: Failure[];
  failureCount: number;
  findings: FindingTally;
  extras: ExtrasTally;
  skips: SkipTally;
}

export function renderMarkdown(s: RunSummary, g: Gathered, failOn?: FailOn): string {
  const verdict = verdictOf(s, failOn);
  const c = s.counts;
  const lines = [`## ${verdict.passed ? '✅' : '❌'} jamf-contract: ${verdict.passed ? 'passed' : 'failed'} (${verdict.reason})`, ''];
  if (s.stopped) lines.push(`> [!CAUTION]`, `> ${cell(describeStop(s.stopped))}`, '');
  const version = s.jamfVersion ? ` · Jamf Pro ${s.jamfVersion}` : '';
  lines.push(`${s.server}${version} · ${s.collections.map(cell).join(', ')} · ${formatDuration(s.durationMs)}${s.iterations > 1 ? ` · ${s.iterations} iterations` : ''}`, '');
  lines.push(
    '| Requests | Sent | Skipped | Errors | Tests ok | Tests failed | Script errors | Violations | Warnings | Held back |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${c.requests} | ${c.sent} | ${c.skipped} | ${c.errored} | ${c.testsPassed} | ${c.testsFailed} | ${c.scriptErrors} | ${c.violations} | ${c.warnings} | ${c.heldBack} |`,
    '',
  );
  if (g.failureCount > 0) {
    lines.push(`### Failures (${g.failureCount})`, '', '| Request | Problem |', '|---|---|');
    for (const f of g.failures) lines.push(`| ${f.outcome === 'errored' ? '⚠️' : '❌'} ${cell(f.name)} | ${cell(f.problem)} |`);
    if (g.failureCount > g.failures.length) lines.push(`| … | ${g.failureCount - g.failures.length} more in the JUnit/HTML reports |`);
    lines.push('');
  }
  lines.push(...findingTable(g.findings));
  if (g.extras.retried.count > 0) lines.push(`**Retried** ${g.extras.retried.count} requests (${g.extras.retried.amount} retries): ${cell(g.extras.retried.text())}`, '');
  if (g.skips.total > 0) lines.push(`**Skipped** ${g.skips.total} requests: ${[...g.skips.byReason.entries()].map(([reason, group]) => `${reason} ${group.count}`).join(', ')}`, '');
  if (g.extras.heldBack.count > 0) lines.push(`**Held back** ${g.extras.heldBack.count} pm.sendRequest calls: ${cell(g.extras.heldBack.text())}`, '');
  const coverage = (s.coverage as { summary?: unknown } | undefined)?.summary;
  if (typeof coverage === 'string') lines.push(`**Coverage:** ${cell(coverage)}`, '');
  if (s.notices.length > 0) {
    lines.push('<details><summary>Notices</summary>', '');
    for (const n of s.notices) lines.push(`- ${n.level === 'warning' ? '⚠️' : 'ℹ️'} ${cell(n.message)}`);
    lines.push('', '</details>', '');
  }
  return `${lines.join('\n')}\n`;
}

function findingTable(findings: FindingTally): string[] {
  const levels: Array<[FindingLevel, string]> = [['violation', 'Violations'], ['warning', 'Warnings'], ['tolerated', 'Tolerated']];
  const rows: string[] = [];
  for (const [level, title] of levels) {
    for (const group of findings.of(level).slice(0, FINDING_ROWS)) rows.push(`| ${title} | ${cell(group.kind)} | ${cell(group.operation)} | ${group.count} | ${cell(group.example)} |`);
  }
  if (rows.length === 0) return [];
  return ['### Contract findings', '', '| Level | Kind | Operation | Count | First example |', '|---|---|---|---:|---|', ...rows, ''];
}

/**
 * Table cells and quotes: no pipes or line breaks, no HTML, and no Markdown of its own — a
 * name or a message from a collection or a server is shown as written, never as an image
 * (`![…](…)` would load a picture into the job summary: a "passed" badge among the
 * failures, or a beacon), a link, code or emphasis.
 */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]!~|]/g, (c) => `\\${c}`).replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function annotations(s: RunSummary, failures: Failure[], failureCount: number, findings: FindingTally, max: number): string {
  const out: string[] = [];
  if (s.stopped) out.push(command('error', 'jamf-contract run stopped', describeStop(s.stopped)));
  for (const f of failures.slice(0, max)) out.push(command('error', f.name, f.problem));
  const violations = findings.of('violation');
  const warnings = findings.of('warning');
  const roomForViolations = Math.max(0, max - Math.min(failures.length, max));
  for (const v of violations.slice(0, roomForViolations)) out.push(command('error', `contract ${v.kind} · ${v.operation} ×${v.count}`, v.example));
  for (const w of warnings.slice(0, max)) out.push(command('warning', `contract ${w.kind} · ${w.operation} ×${w.count}`, w.example));
  const moreErrors = Math.max(0, failureCount - Math.min(failures.length, max)) + Math.max(0, violations.length - roomForViolations);
  const moreWarnings = Math.max(0, warnings.length - max);
  if (moreErrors + moreWarnings > 0) {
    out.push(command('notice', 'jamf-contract', `${moreErrors} more failures/violation groups and ${moreWarnings} more warning groups: see the step summary and the JUnit/HTML reports.`));
  }
  return out.join('');
}

/** `::error title=…::message`, escaped as the runner expects (data: % CR LF; properties also : and ,). */
function command(level: 'error' | 'warning' | 'notice', title: string, message: string): string {
  const data = (t: string): string => t.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (t: string): string => data(t).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return `::${level} title=${property(title)}::${data(message)}\n`;
}
