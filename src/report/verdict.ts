/**
 * The run's verdict as the reports state it, by the same rule as the exit code: a stop, a
 * request that could not be made, a run that sent nothing, a failed test or script, or a
 * finding at the `--fail-on` level fails the run. Reporters that print a verdict (HTML, GitHub) share this one.
 */
import { sentNothing, type RunSummary } from '../result.ts';

export type FailOn = 'violation' | 'warning' | 'never';

export interface Verdict {
  passed: boolean;
  /** Why, in a few words: `2 failed tests, 1 contract violation`; `all passed` when it passed. */
  reason: string;
}

export function verdictOf(s: RunSummary, failOn: FailOn = 'violation'): Verdict {
  const reasons: string[] = [];
  const c = s.counts;
  if (s.stopped) reasons.push(s.stopped.kind === 'interrupted' ? `interrupted${s.stopped.signal ? ` by ${s.stopped.signal}` : ''}` : `stopped (${s.stopped.code})`);
  if (c.errored > 0) reasons.push(plural(c.errored, 'request') + ' could not be made');
  if (sentNothing(s)) reasons.push(`nothing was sent (${plural(c.requests, 'request')} skipped or held back)`);
  if (c.testsFailed > 0) reasons.push(plural(c.testsFailed, 'failed test'));
  if (c.scriptErrors > 0) reasons.push(plural(c.scriptErrors, 'script error'));
  if (failOn !== 'never' && c.violations > 0) reasons.push(plural(c.violations, 'contract violation'));
  if (failOn === 'warning' && c.warnings > 0) reasons.push(plural(c.warnings, 'contract warning'));
  return reasons.length === 0 ? { passed: true, reason: 'all passed' } : { passed: false, reason: reasons.join(', ') };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
