/**
 * The `cli` reporter of a merge: the run summary a single run prints (counts, findings
 * grouped, skips, notices, coverage), without the per-request dots of a live run, and then
 * the runs merged, one line each with its verdict. With several servers the counts table
 * has a row per server rather than per folder, so a fleet of hundreds stays readable.
 */
import type { Reporter, RunCounts, RunSummary } from '../../result.ts';
import { emptyCounts } from '../../result.ts';
import { paint, type Paint } from '../color.ts';
import { formatDuration, plural, renderSummary } from '../cli-summary.ts';
import { SkipTally } from '../skips.ts';
import { ExtrasTally, FindingTally } from '../tally.ts';
import { serverPrefix } from './combine.ts';
import { terminalSafe } from '../terminal.ts';

export interface MergeSummaryOptions {
  stdout: NodeJS.WritableStream;
  color: boolean;
  redact: (text: string) => string;
}

/** Runs listed one per line; beyond this, counted (report.json lists every one). */
const RUNS_SHOWN = 100;

export function createMergeSummaryReporter(options: MergeSummaryOptions): Reporter {
  const p = paint(options.color);
  const tallies = { skips: new SkipTally(), findings: new FindingTally(), extras: new ExtrasTally() };
  return {
    name: 'cli',
    onRequest(r) {
      tallies.skips.add(r);
      tallies.findings.add(r);
      tallies.extras.add(r);
    },
    onEnd(summary) {
      const text = `${renderSummary(perServer(summary), tallies, p)}${runLines(summary, p).join('\n')}\n`;
      options.stdout.write(terminalSafe(options.redact(text)));
    },
  };
}

/** With several servers: one counts row per server (its collections added up). */
function perServer(summary: RunSummary): RunSummary {
  const servers = [...new Set(summary.merged?.reports.map((r) => r.server) ?? [])];
  if (servers.length <= 1) return summary;
  const folders: Record<string, RunCounts> = {};
  for (const server of servers) folders[server] = emptyCounts();
  for (const [key, counts] of Object.entries(summary.folders)) {
    const server = servers.find((s) => key.startsWith(serverPrefix(s)));
    if (!server) continue;
    for (const k of Object.keys(counts) as Array<keyof RunCounts>) folders[server]![k] += counts[k];
  }
  return { ...summary, collections: servers, folders };
}

function runLines(summary: RunSummary, p: Paint): string[] {
  const merged = summary.merged;
  if (!merged) return [];
  const lines = ['', p.bold(`Runs merged: ${merged.reports.length}`)];
  for (const r of merged.reports.slice(0, RUNS_SHOWN)) {
    const where = `${r.server}${r.shard ? ` shard ${r.shard.index}/${r.shard.total}` : ''}`;
    const mark = r.exitCode === 0 ? p.green('✓') : p.red('✗');
    const version = r.jamfVersion ? ` · Jamf Pro ${r.jamfVersion}` : '';
    const stop = r.stopped ? ` · stopped: ${r.stopped.code}` : '';
    lines.push(`  ${mark} ${where} · ${plural(r.counts.requests, 'request')} · ${formatDuration(r.durationMs)}${version}${stop} · exit ${r.exitCode}`);
  }
  const more = merged.reports.length - RUNS_SHOWN;
  if (more > 0) lines.push(`  and ${more} more (report.json lists every one)`);
  if (merged.missingShards.length > 0) lines.push(p.red(`  ✗ missing: shard ${merged.missingShards.join(', ')}`));
  const unique = merged.findings.length;
  if (unique > 0) lines.push('', `Distinct contract findings (kind, operation, pointer): ${unique}`);
  lines.push('', `${merged.exitCode === 0 ? p.green('Merged verdict: passed') : p.red('Merged verdict: failed')} (exit ${merged.exitCode})`);
  return lines;
}
