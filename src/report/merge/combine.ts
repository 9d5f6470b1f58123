/**
 * The merged run's summary from the summaries of the reports merged: counts and folder
 * counts added up, the union of coverage, notices once each, the worst early stop, the run's
 * facts where they agree. With several servers each collection (and folder) is named with
 * its server first, `[acme] Jamf Pro API`: that is the server column every reporter shows
 * (JUnit suites and classnames, CTRF suites, the HTML and CLI collection columns).
 */
import { emptyCounts, sentNothing, type MergedReport, type Notice, type RequestResult, type RunCounts, type RunStop, type RunSummary } from '../../result.ts';
import type { FailOn } from '../verdict.ts';
import { unionCoverage } from './coverage.ts';
import { exitCodeOf, worstExitCode } from './exit.ts';
import type { Part } from './parts.ts';
import type { StoredReport } from './read.ts';

/** A report to merge, with the runs behind it. */
export interface MergeInput {
  report: StoredReport;
  parts: Part[];
}

export function serverPrefix(server: string): string {
  return `[${server}] `;
}

/** How one input's names change in the merged report: prefixed with its server when there are several, unless already. */
export function renamer(input: MergeInput, multiServer: boolean): { server: string; prefix: string } {
  const servers = new Set(input.parts.map((p) => p.server));
  const server = input.parts[0]?.server ?? '';
  const prefix = multiServer && servers.size === 1 ? serverPrefix(server) : '';
  return { server, prefix };
}

/** A request of `input` as the merged report holds it. */
export function mergedRequest(r: RequestResult, index: number, input: MergeInput, multiServer: boolean): RequestResult {
  const { server, prefix } = renamer(input, multiServer);
  if (!multiServer || r.server) return { ...r, index };
  return { ...r, index, server, collection: `${prefix}${r.collection}` };
}

export function mergedSummary(inputs: MergeInput[], options: { failOn: FailOn; missingShards: string[] }): RunSummary {
  const summaries = inputs.map((i) => i.report.summary);
  const parts = inputs.flatMap((i) => i.parts);
  const servers = [...new Set(parts.map((p) => p.server))];
  const multi = servers.length > 1;
  const counts = emptyCounts();
  const folders: Record<string, RunCounts> = {};
  const collections: string[] = [];
  for (const input of inputs) {
    const { prefix } = renamer(input, multi);
    addCounts(counts, input.report.summary.counts);
    for (const [key, c] of Object.entries(input.report.summary.folders)) addCounts((folders[`${prefix}${key}`] ??= emptyCounts()), c);
    for (const name of input.report.summary.collections) if (!collections.includes(`${prefix}${name}`)) collections.push(`${prefix}${name}`);
  }
  const started = Math.min(...summaries.map((s) => Date.parse(s.startedAt)).filter(Number.isFinite));
  const finished = Math.max(...summaries.map((s) => Date.parse(s.finishedAt)).filter(Number.isFinite));
  const same = <T>(values: Array<T | undefined>): T | undefined => (new Set(values).size === 1 ? values[0] : undefined);
  const reports: MergedReport[] = parts.map((p) => ({
    file: p.file,
    server: p.server,
    ...(p.shard ? { shard: p.shard } : {}),
    ...(p.jamfVersion ? { jamfVersion: p.jamfVersion } : {}),
    exitCode: exitCodeOf(p, options.failOn),
    counts: p.counts,
    durationMs: p.durationMs,
    ...(p.stopped ? { stopped: p.stopped } : {}),
  }));
  // Shards are not judged on sending nothing one by one (exit.ts): the suite is, on its counts.
  const exitCode = worstExitCode([...reports.map((r) => r.exitCode), ...(options.missingShards.length > 0 || sentNothing({ counts }) ? [3] : [])]);
  const stopped = worstStop(parts, multi);
  const jamfVersion = same(parts.map((p) => p.jamfVersion));
  const authScheme = same(summaries.map((s) => s.authScheme));
  const suite = same(summaries.map((s) => s.suite));
  const serverName = multi ? undefined : same(summaries.map((s) => s.serverName));
  const planned = summaries.every((s) => s.plannedRequests !== undefined) ? summaries.reduce((n, s) => n + s.plannedRequests!, 0) : undefined;
  const coverage = unionCoverage(summaries.map((s) => s.coverage));
  return {
    startedAt: new Date(Number.isFinite(started) ? started : Date.now()).toISOString(),
    finishedAt: new Date(Number.isFinite(finished) ? finished : Date.now()).toISOString(),
    durationMs: Number.isFinite(started) && Number.isFinite(finished) ? finished - started : 0,
    server: multi ? `${servers.length} servers: ${servers.slice(0, 5).join(', ')}${servers.length > 5 ? ', …' : ''}` : (summaries[0]?.server ?? ''),
    ...(jamfVersion ? { jamfVersion } : {}),
    ...(authScheme ? { authScheme } : {}),
    collections,
    iterations: Math.max(...summaries.map((s) => s.iterations)),
    ...(planned !== undefined ? { plannedRequests: planned } : {}),
    ...(suite ? { suite } : {}),
    ...(serverName ? { serverName } : {}),
    counts,
    folders,
    notices: mergedNotices(inputs, multi, parts, options.missingShards),
    tokenRequests: summaries.reduce((n, s) => n + s.tokenRequests, 0),
    ...(coverage ? { coverage } : {}),
    ...(stopped ? { stopped } : {}),
    merged: { reports, exitCode, findings: [], missingShards: options.missingShards },
  };
}

function addCounts(into: RunCounts, from: Partial<RunCounts>): void {
  for (const key of Object.keys(into) as Array<keyof RunCounts>) into[key] += Number(from[key] ?? 0);
}

const STOP_RANK = (s: RunStop): number => (s.kind === 'interrupted' ? (s.signal === 'SIGTERM' ? 3 : 2) : 1);

/** The worst early stop of the runs merged, saying which run it was. */
function worstStop(parts: Part[], multi: boolean): RunStop | undefined {
  let worst: Part | undefined;
  for (const p of parts) if (p.stopped && (!worst || STOP_RANK(p.stopped) > STOP_RANK(worst.stopped!))) worst = p;
  if (!worst) return undefined;
  const where = [multi ? worst.server : undefined, worst.shard ? `shard ${worst.shard.index}/${worst.shard.total}` : undefined].filter(Boolean).join(', ');
  const others = parts.filter((p) => p.stopped).length - 1;
  const more = others > 0 ? ` (${others} other run${others === 1 ? '' : 's'} stopped early too)` : '';
  return { ...worst.stopped!, message: `${where ? `${where}: ` : ''}${worst.stopped!.message}${more}` };
}

/** Each notice once; with several servers, prefixed with its server when only one had it. Shard notices give way to one merge notice. */
function mergedNotices(inputs: MergeInput[], multi: boolean, parts: Part[], missing: string[]): Notice[] {
  const seen = new Map<string, { notice: Notice; servers: Set<string> }>();
  for (const input of inputs) {
    // A merged report of several servers already names the server in its notices.
    const server = new Set(input.parts.map((p) => p.server)).size > 1 ? '' : renamer(input, multi).server;
    for (const n of input.report.summary.notices) {
      if (n.code === 'SHARD' || n.code === 'SHARD_EMPTY' || n.code === 'MERGED' || n.code === 'SHARDS_MISSING') continue;
      const key = `${n.level}\u0000${n.code}\u0000${n.message}`;
      const entry = seen.get(key) ?? { notice: n, servers: new Set<string>() };
      entry.servers.add(server);
      seen.set(key, entry);
    }
  }
  const servers = new Set(parts.map((p) => p.server)).size;
  const shards = parts.filter((p) => p.shard).length;
  const out: Notice[] = [{
    level: 'info',
    code: 'MERGED',
    message: `Merged ${parts.length} run${parts.length === 1 ? '' : 's'} (${servers} server${servers === 1 ? '' : 's'}${shards > 0 ? `, ${shards} shard${shards === 1 ? '' : 's'}` : ''}) from ${inputs.length} report${inputs.length === 1 ? '' : 's'}.`,
  }];
  if (missing.length > 0) {
    out.push({ level: 'warning', code: 'SHARDS_MISSING', message: `No report for shard ${missing.join(', ')}: those requests are not in this report (exit code 3).` });
  }
  for (const { notice, servers: on } of seen.values()) {
    if (!multi || on.has('')) out.push(notice);
    else if (on.size === 1) out.push({ ...notice, message: `${serverPrefix([...on][0]!)}${notice.message}` });
    else out.push({ ...notice, message: `${notice.message} (on ${on.size} servers)` });
  }
  return out;
}
