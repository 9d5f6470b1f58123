/**
 * A run's exit code from its summary — the one rule of `run`, `smoke` and `merge` (cli/run.ts
 * `exitCodeFor` calls it) — and which of several is the worst: a signal, then "could not
 * run", then "failed", then ok — the same precedence one run applies to its own outcomes.
 */
import { ExitCode } from '../../errors.ts';
import { sentNothing, type RunCounts, type RunStop } from '../../result.ts';
import type { FailOn } from '../verdict.ts';

export function exitCodeOf(run: { counts: RunCounts; stopped?: RunStop; shard?: unknown }, failOn: FailOn): number {
  const { counts, stopped } = run;
  if (stopped?.kind === 'interrupted') return stopped.signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
  if (stopped || counts.errored > 0 || sentNothing(run)) return ExitCode.cannotRun;
  if (counts.testsFailed > 0 || counts.scriptErrors > 0) return ExitCode.failed;
  if (failOn === 'violation' && counts.violations > 0) return ExitCode.failed;
  if (failOn === 'warning' && counts.violations + counts.warnings > 0) return ExitCode.failed;
  return ExitCode.ok;
}

const RANK: Record<number, number> = {
  [ExitCode.ok]: 0,
  [ExitCode.failed]: 1,
  [ExitCode.cannotRun]: 2,
  [ExitCode.badInput]: 3,
  [ExitCode.usage]: 4,
  [ExitCode.interrupted]: 5,
  [ExitCode.terminated]: 6,
};

/** The worst of several exit codes (0 for none). */
export function worstExitCode(codes: Iterable<number>): number {
  let worst: number = ExitCode.ok;
  for (const code of codes) if ((RANK[code] ?? 2) > (RANK[worst] ?? 2)) worst = code;
  return worst;
}
