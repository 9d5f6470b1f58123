/**
 * `merge`: several `report.json` files (the shards of a suite, the servers of a fleet, or
 * both) as one run, fed to the same reporters a run uses, so the merged JSON, JUnit, CTRF,
 * HTML and CLI summary are what one run of everything would have written: counts added up,
 * coverage united, findings also listed once per kind, operation and pointer, and the worst
 * exit code of the runs merged.
 *
 * Memory stays flat in the number of reports: headers are read first (to check the reports
 * belong together and to start the reporters), then each file's requests in turn.
 */
import { JamfContractError } from '../../errors.ts';
import type { Reporter, RunInfo, RunSummary } from '../../result.ts';
import type { FailOn } from '../verdict.ts';
import { mergedRequest, mergedSummary, renamer, type MergeInput } from './combine.ts';
import { UniqueFindings } from './findings.ts';
import { checkParts, partsOf } from './parts.ts';
import { readReport, readRequests } from './read.ts';

export interface MergeOptions {
  reporters: Reporter[];
  /** Which findings fail a run when its exit code is worked out (default `violation`). */
  failOn?: FailOn;
  /** Merge reports of different suites, iteration counts, tool versions or Jamf Pro versions of one server. */
  allowMixed?: boolean;
  /** The reports are some shards of a suite on purpose (a sharded fleet job): the others are not missing. */
  partial?: boolean;
}

export interface MergeResult {
  summary: RunSummary;
  /** The worst exit code of the runs merged; 3 when shards are missing. */
  exitCode: number;
}

export async function mergeReports(files: string[], options: MergeOptions): Promise<MergeResult> {
  if (files.length === 0) throw new JamfContractError('USAGE', 'Name the report.json files to merge (at least one).');
  const inputs = ordered(files.map((file) => {
    const report = readReport(file);
    return { report, parts: partsOf(report) };
  }));
  const parts = inputs.flatMap((i) => i.parts);
  const missing = checkParts(parts, options.allowMixed ?? false);
  const missingShards = options.partial ? [] : missing;
  const summary = mergedSummary(inputs, { failOn: options.failOn ?? 'violation', missingShards });
  const multi = new Set(parts.map((p) => p.server)).size > 1;
  const { counts: _c, folders: _f, notices: _n, finishedAt: _e, durationMs: _d, tokenRequests: _t, coverage: _v, stopped: _s, merged: _m, ...info } = summary;
  const reporters = options.reporters;
  try {
    for (const r of reporters) r.onStart?.(info satisfies RunInfo);
    const unique = new UniqueFindings();
    let index = 0;
    for (const input of inputs) {
      const server = renamer(input, multi).server;
      for (const stored of readRequests(input.report.file)) {
        const result = mergedRequest(stored, index++, input, multi);
        unique.add(result, result.server ?? server);
        for (const r of reporters) r.onRequest?.(result);
      }
    }
    summary.merged!.findings = unique.list();
    for (const r of reporters) await r.onEnd?.(summary);
  } catch (error) {
    const safe = error instanceof Error ? error : new Error(String(error));
    for (const r of reporters) await r.onAbort?.(safe);
    throw error;
  }
  return { summary, exitCode: summary.merged!.exitCode };
}

/** By server (in the order first given), then shard: shards of a server read in run order. */
function ordered(inputs: MergeInput[]): MergeInput[] {
  const servers: string[] = [];
  for (const i of inputs) for (const p of i.parts) if (!servers.includes(p.server)) servers.push(p.server);
  const rank = (i: MergeInput): [number, number] => [servers.indexOf(i.parts[0]?.server ?? ''), i.parts[0]?.shard?.index ?? 0];
  return inputs.map((input, at) => ({ input, at })).sort((a, b) => {
    const [sa, ka] = rank(a.input);
    const [sb, kb] = rank(b.input);
    return sa - sb || ka - kb || a.at - b.at;
  }).map((x) => x.input);
}

export { exitCodeOf, worstExitCode } from './exit.ts';
export { serverLabel } from './parts.ts';
export { createMergeSummaryReporter } from './summary.ts';
