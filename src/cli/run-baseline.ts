/** `run --save-baseline` / `run --baseline`: recording a run and comparing with one. */
import { join } from 'node:path';
import {
  compareWithBaseline,
  createBaselineRecorder,
  loadBaseline,
  renderBaselineText,
  shapeOfBody,
  writeFileAtomic,
  type BaselineChange,
  type BaselineData,
  type BaselineRecorder,
} from '../baseline/index.ts';
import { ExitCode, JamfContractError } from '../errors.ts';
import type { RequestResult, RunSummary } from '../result.ts';

export interface BaselineRun {
  shapeOf(body: Buffer, contentType: string | undefined): Record<string, string>;
  add(result: RequestResult): void;
  /** The comparison (computed once the run is over), for reports that show it; undefined without --baseline. */
  view(summary: RunSummary): { against: string; changes: BaselineChange[] } | undefined;
  /** Writes / compares after the run; returns the exit code the comparison asks for. */
  finish(summary: RunSummary, out: NodeJS.WritableStream): Promise<number>;
}

/** The baseline flags `run` and `smoke` share. */
export interface BaselineFlags {
  saveBaseline?: string;
  baseline?: string;
  slowerFactor: string;
  slowerMinMs: string;
  slowerMinSamples: string;
  baselineFailOn: string;
}

/** `prepareBaseline` from the command line's flags; the comparison goes beside report.json when one is written. */
export function baselineFromFlags(opts: BaselineFlags, reportDir: string | undefined): Promise<BaselineRun | undefined> {
  return prepareBaseline({
    save: opts.saveBaseline,
    compare: opts.baseline,
    slowerFactor: Number(opts.slowerFactor),
    minSlowerMs: Number(opts.slowerMinMs),
    minSamples: Number(opts.slowerMinSamples),
    failOn: opts.baselineFailOn,
    outDir: reportDir,
  });
}

export async function prepareBaseline(options: {
  save?: string;
  compare?: string;
  slowerFactor: number;
  /** `--slower-min-ms` (default 50). */
  minSlowerMs?: number;
  /** `--slower-min-samples` (default 3). */
  minSamples?: number;
  failOn: string;
  outDir?: string;
}): Promise<BaselineRun | undefined> {
  if (!options.save && !options.compare) return undefined;
  if (!(options.slowerFactor > 1)) throw new JamfContractError('USAGE', '--slower-factor takes a number above 1 (e.g. 2).');
  const minSlowerMs = options.minSlowerMs ?? 50;
  const minSamples = options.minSamples ?? 3;
  if (!(minSlowerMs >= 0)) throw new JamfContractError('USAGE', '--slower-min-ms takes a number of milliseconds, 0 or more (e.g. 50).');
  if (!Number.isInteger(minSamples) || minSamples < 1) throw new JamfContractError('USAGE', '--slower-min-samples takes a whole number of 1 or more (e.g. 3).');
  // Read the old baseline first: a bad file stops the run before any request is sent.
  const old: BaselineData | undefined = options.compare ? await loadBaseline(options.compare) : undefined;
  let recorder: BaselineRecorder | undefined;
  let changes: BaselineChange[] | undefined;
  const pending: RequestResult[] = [];
  const recorded = (summary: RunSummary): BaselineRecorder => {
    recorder ??= createBaselineRecorder({ server: summary.server, ...(summary.jamfVersion ? { jamfVersion: summary.jamfVersion } : {}), collections: summary.collections });
    for (const r of pending.splice(0)) recorder.add(r);
    return recorder;
  };
  const compared = (summary: RunSummary): BaselineChange[] | undefined => {
    if (!old) return undefined;
    changes ??= compareWithBaseline(old, recorded(summary), { slowerFactor: options.slowerFactor, minSlowerMs, minSamples });
    return changes;
  };
  return {
    shapeOf: (body, contentType) => shapeOfBody(body, contentType) ?? {},
    add(result) {
      if (recorder) recorder.add(result);
      else pending.push(result);
    },
    view(summary) {
      const list = compared(summary);
      return list && options.compare ? { against: options.compare, changes: list } : undefined;
    },
    async finish(summary, out) {
      const recorder = recorded(summary);
      if (options.save) {
        await recorder.write(options.save);
        out.write(`Baseline written to ${options.save} (${recorder.data().requests.length} requests).\n`);
      }
      const changes = compared(summary);
      if (!old || !changes) return ExitCode.ok;
      out.write(`\n${renderBaselineText(changes, old, recorder.data())}\n`);
      if (options.outDir) writeFileAtomic(join(options.outDir, 'baseline-changes.json'), `${JSON.stringify({ baseline: options.compare, changes }, null, 2)}\n`);
      const breaking = changes.some((c) => c.level === 'breaking');
      const warning = changes.some((c) => c.level === 'warning');
      if (options.failOn === 'breaking' && breaking) return ExitCode.failed;
      if (options.failOn === 'warning' && (breaking || warning)) return ExitCode.failed;
      return ExitCode.ok;
    },
  };
}
