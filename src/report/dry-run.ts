/** `run --dry-run` as text: one line per request in run order, what the run would do, and a tally. */
import type { DryRunPlan } from '../execute/dry-run.ts';
import type { Paint } from './color.ts';

const ACTION_WIDTH = 10;

export function renderDryRun(plan: DryRunPlan, p: Paint, redact: (text: string) => string): string {
  const mode = plan.policy.allowWrites ? (plan.policy.allowDestructive ? 'writes and destructive requests allowed' : 'writes allowed, destructive requests held back') : 'read-only';
  const lines = [
    `Dry run against ${plan.server} (${mode}): nothing is sent. ${plan.entries.length} request(s) in ${plan.collections.length} collection(s)${plan.iterations > 1 ? `, each run ${plan.iterations} times` : ''}.`,
    'URLs are resolved from the environment, --var, collection variables and the first data row; scripts do not run here.',
  ];
  const width = Math.min(7, Math.max(...plan.entries.map((e) => e.method.length), 3));
  let collection: string | undefined;
  for (const e of plan.entries) {
    if (e.collection !== collection) {
      collection = e.collection;
      lines.push('', p.bold(e.collection));
    }
    const action = { send: p.green, 'hold back': p.yellow, skip: p.dim }[e.action](e.action.padEnd(ACTION_WIDTH));
    const name = [...e.folders, e.itemName].join(' / ');
    lines.push(`  ${action} ${e.method.padEnd(width)} ${e.url}`);
    lines.push(`  ${' '.repeat(ACTION_WIDTH)} ${p.dim(`${name}${e.reason ? ` — ${e.reason}` : ''}`)}`);
  }
  const count = (a: string): number => plan.entries.filter((e) => e.action === a).length;
  lines.push('', `Would send ${count('send')}, hold back ${count('hold back')}, skip ${count('skip')} (unresolved variables). Exit 0: a dry run never fails.`);
  return redact(`${lines.join('\n')}\n`);
}
