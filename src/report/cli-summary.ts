/**
 * The end-of-run summary printed by the `cli` reporter: an early stop first, a counts table
 * (total and per folder), the run's facts, contract findings grouped by level, kind and
 * operation, retries, skipped and held-back requests, notices and coverage.
 * Plain text in, plain text out; colour only through `Paint`.
 */
import { emptyCounts, type RunCounts, type RunSummary } from '../result.ts';
import type { Paint } from './color.ts';
import { describeStop } from './outcome.ts';
import type { SkipGroup, SkipTally } from './skips.ts';
import type { ExtrasTally, FindingLevel, FindingTally } from './tally.ts';

export interface SummaryTallies {
  skips: SkipTally;
  findings: FindingTally;
  extras: ExtrasTally;
}

/** Finding groups printed per level; the rest are counted (report.json has every finding). */
export const GROUPS_PER_LEVEL = 12;

const COLUMNS: { title: string; key: keyof RunCounts }[] = [
  { title: 'Requests', key: 'requests' },
  { title: 'Sent', key: 'sent' },
  { title: 'Skipped', key: 'skipped' },
  { title: 'Errors', key: 'errored' },
  { title: 'Tests ok', key: 'testsPassed' },
  { title: 'Tests failed', key: 'testsFailed' },
  { title: 'Violations', key: 'violations' },
  { title: 'Warnings', key: 'warnings' },
];
/** Shown only when the run held something back, so read-write runs keep the narrower table. */
const HELD_BACK_COLUMN: { title: string; key: keyof RunCounts } = { title: 'Held back', key: 'heldBack' };
const NAME_WIDTH = 48;

export function renderSummary(summary: RunSummary, tallies: SummaryTallies, p: Paint): string {
  const lines = [
    ...stopLines(summary, p),
    ...countsTable(summary, p),
    '',
    runFacts(summary),
    ...findingSection(tallies.findings, p),
    ...retrySection(tallies.extras, p),
    ...skippedSection(tallies.skips, p),
    ...heldBackSection(tallies.extras, p),
    ...noticeLines(summary, p),
    ...coverageLines(summary),
  ];
  return `${lines.join('\n')}\n`;
}

function stopLines(s: RunSummary, p: Paint): string[] {
  if (!s.stopped) return [];
  return [p.red(p.bold(`✗ ${describeStop(s.stopped)}`)), ''];
}

const LEVEL_TITLES: Array<[FindingLevel, string]> = [
  ['violation', 'Violations'],
  ['warning', 'Warnings'],
  ['tolerated', 'Tolerated (--tolerate: reported, never failing)'],
];

/** Per level: `kind · operation ×count`, then the first example under it. */
function findingSection(findings: FindingTally, p: Paint): string[] {
  const lines: string[] = [];
  for (const [level, title] of LEVEL_TITLES) {
    const groups = findings.of(level);
    if (groups.length === 0) continue;
    const colour = level === 'violation' ? p.red : level === 'warning' ? p.yellow : p.dim;
    lines.push(`  ${colour(`${title}: ${findings.total(level)}`)}`);
    for (const g of groups.slice(0, GROUPS_PER_LEVEL)) {
      lines.push(`    ${g.kind} · ${g.operation} ×${g.count}`, `      ${p.dim(`first: ${g.example}`)}`);
    }
    const more = groups.length - GROUPS_PER_LEVEL;
    if (more > 0) lines.push(`    and ${more} more group${more === 1 ? '' : 's'} (report.json lists every finding)`);
  }
  return lines.length > 0 ? ['', p.bold('Contract findings'), ...lines] : [];
}

function retrySection(extras: ExtrasTally, p: Paint): string[] {
  const r = extras.retried;
  if (r.count === 0) return [];
  return ['', p.bold(`Retried ${plural(r.count, 'request')} (${plural(r.amount, 'retry').replace(/ys$/, 'ies')} after 429/502/503/504)`), `  ${r.text()}`];
}

function heldBackSection(extras: ExtrasTally, p: Paint): string[] {
  const h = extras.heldBack;
  if (h.count === 0) return [];
  return ['', p.bold(`Held back at the wire by the read-only guard: ${h.count}`), `  ${h.text()}`];
}

function countsTable(summary: RunSummary, p: Paint): string[] {
  const rows = groupedRows(summary);
  const columns = summary.counts.heldBack > 0 ? [...COLUMNS, HELD_BACK_COLUMN] : COLUMNS;
  const width = Math.min(NAME_WIDTH, Math.max(6, ...rows.map((r) => r.name.length)));
  const header = [padEnd('Folder', width), ...columns.map((c) => c.title)].join('  ');
  const widths = columns.map((c) => c.title.length);
  const row = (name: string, counts: RunCounts, strong: boolean): string => {
    const cells = columns.map((c, i) => colorCount(c.key, counts[c.key] ?? 0, (widths[i] ?? 0), p));
    const label = padEnd(clip(name, width), width);
    return [strong ? p.bold(label) : label, ...cells].join('  ');
  };
  return [p.bold(header), ...rows.map((r) => row(r.name, r.counts, r.strong)), row('Total', summary.counts, true)];
}

/** One row per collection (its totals), then its folders indented beneath it. */
function groupedRows(summary: RunSummary): Array<{ name: string; counts: RunCounts; strong: boolean }> {
  const entries = Object.entries(summary.folders);
  const collections = [...new Set([...summary.collections, ...entries.map(([key]) => key.split(' / ')[0] ?? key)])];
  const out: Array<{ name: string; counts: RunCounts; strong: boolean }> = [];
  for (const collection of collections) {
    const mine = entries.filter(([key]) => key === collection || key.startsWith(`${collection} / `)).sort(([a], [b]) => a.localeCompare(b));
    if (mine.length === 0) continue;
    const total = emptyCounts();
    for (const [, counts] of mine) for (const k of Object.keys(total) as Array<keyof RunCounts>) total[k] += counts[k];
    out.push({ name: collection, counts: total, strong: collections.length > 1 });
    if (mine.length === 1 && mine[0]![0] === collection) continue;
    for (const [key, counts] of mine) out.push({ name: `  ${key === collection ? '(top level)' : key.slice(collection.length + 3)}`, counts, strong: false });
  }
  return out;
}

function colorCount(key: keyof RunCounts, value: number, width: number, p: Paint): string {
  const text = String(value).padStart(width);
  if (value === 0) return key === 'requests' || key === 'sent' ? text : p.dim(text);
  if (key === 'testsFailed' || key === 'violations' || key === 'errored') return p.red(text);
  if (key === 'warnings' || key === 'skipped') return p.yellow(text);
  if (key === 'testsPassed') return p.green(text);
  return text;
}

function runFacts(s: RunSummary): string {
  const server = [s.jamfVersion ? `Jamf Pro ${s.jamfVersion}` : undefined, s.authScheme].filter(Boolean).join(', ');
  const iterations = s.iterations > 1 ? ` · ${s.iterations} iterations` : '';
  const parallel = s.pacing ? ` · parallel ${s.pacing.parallel}${s.pacing.reductions ? ` (down to ${s.pacing.lowest})` : ''}` : '';
  return `Duration ${formatDuration(s.durationMs)} · token endpoint calls ${s.tokenRequests}${iterations}${parallel} · ${s.server}${server ? ` (${server})` : ''}`;
}

function skippedSection(skips: SkipTally, p: Paint): string[] {
  if (skips.total === 0) return [];
  const lines = ['', p.bold(`Skipped ${plural(skips.total, 'request')}`)];
  const unresolved = skips.byReason.get('unresolved-variables');
  if (unresolved) {
    lines.push(`  Unresolved variables (${plural(unresolved.count, 'request')}; set them with --var or an environment):`);
    const variables = [...skips.byVariable.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
    for (const [name, group] of variables) lines.push(`    {{${name}}} ${plural(group.count, 'request')}: ${names(group)}`);
  }
  const reasons = [
    ['read-only', 'Read-only run, writes not sent (--allow-writes sends them)'],
    ['destructive', 'Destructive operations not sent (--allow-destructive sends them)'],
    ['skipped-by-script', 'Skipped by collection scripts'],
  ] as const;
  for (const [reason, title] of reasons) {
    const group = skips.byReason.get(reason);
    if (group) lines.push(`  ${title}: ${group.count}`, `    ${names(group)}`);
  }
  return lines;
}

function names(group: SkipGroup): string {
  const more = group.distinct - group.names.length;
  return group.names.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function noticeLines(s: RunSummary, p: Paint): string[] {
  if (s.notices.length === 0) return [];
  const lines = ['', p.bold('Notices')];
  for (const n of s.notices) lines.push(`  ${n.level === 'warning' ? p.yellow('!') : 'i'} ${n.message}`);
  return lines;
}

function coverageLines(s: RunSummary): string[] {
  const coverage = s.coverage as { summary?: unknown } | undefined | null;
  if (!coverage || typeof coverage !== 'object' || typeof coverage.summary !== 'string') return [];
  return ['', `Coverage: ${coverage.summary}`];
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Keeps the end of a long folder path: the leaf is what tells rows apart. */
function clip(text: string, width: number): string {
  return text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;
}

function padEnd(text: string, width: number): string {
  return text.padEnd(width);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
