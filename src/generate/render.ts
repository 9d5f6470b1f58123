/** The summary `generate` and `smoke` print: what the collection holds and what it leaves open, with how to close it. */
import type { GenerateSummary } from './types.ts';

const SHOWN = 10;

export function renderSummary(summary: GenerateSummary, options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const proRequests = summary.requests - (summary.classic?.requests ?? 0);
  const dep = summary.deprecated > 0 ? ` (${summary.deprecated} deprecated)` : '';
  lines.push(`Generated ${proRequests} requests for ${summary.operations} GET operations of the Jamf Pro API${dep}; ${summary.chained} take their ids from a list.`);
  if (summary.classic) lines.push(`Classic API: ${summary.classic.requests} requests (each resource's list and its detail by id).`);
  lines.push(...needsLines(summary, options.verbose ?? false));
  lines.push(...leftOutLines(summary, options.verbose ?? false));
  if (summary.unusedVars.length > 0) lines.push(`--var ${summary.unusedVars.join(', ')}: no request uses ${summary.unusedVars.length === 1 ? 'it' : 'them'}.`);
  return `${lines.join('\n')}\n`;
}

function needsLines(summary: GenerateSummary, verbose: boolean): string[] {
  if (summary.needsValue.length === 0) return [];
  const byVariable = new Map<string, { why: string; operations: string[] }>();
  for (const entry of summary.needsValue) {
    for (const need of entry.needs) {
      const group = byVariable.get(need.variable) ?? { why: need.why, operations: [] };
      group.operations.push(entry.operation);
      byVariable.set(need.variable, group);
    }
  }
  const lines = [`${summary.needsValue.length} requests need a value and are skipped until it is given (--var name=value, when generating or running):`];
  const groups = [...byVariable.entries()];
  for (const [variable, group] of verbose ? groups : groups.slice(0, SHOWN)) {
    const more = group.operations.length > 1 ? ` and ${group.operations.length - 1} more` : '';
    lines.push(`  {{${variable}}}: ${group.why} (${group.operations[0]}${more})`);
  }
  if (!verbose && groups.length > SHOWN) lines.push(`  … and ${groups.length - SHOWN} more variables (--verbose lists them all)`);
  return lines;
}

function leftOutLines(summary: GenerateSummary, verbose: boolean): string[] {
  if (summary.leftOut.length === 0) return [];
  const counts = new Map<string, number>();
  for (const l of summary.leftOut) counts.set(l.reason, (counts.get(l.reason) ?? 0) + 1);
  const by = [...counts.entries()].map(([reason, n]) => `${n} ${reason}`).join(', ');
  const lines = [`${summary.leftOut.length} operations left out (${by})${summary.privilegesOf ? `, privileges of ${summary.privilegesOf}` : ''}:`];
  const shown = verbose ? summary.leftOut : summary.leftOut.slice(0, SHOWN);
  for (const l of shown) lines.push(`  ${l.operation} — ${l.detail}`);
  if (shown.length < summary.leftOut.length) lines.push(`  … and ${summary.leftOut.length - shown.length} more (--verbose lists them all)`);
  return lines;
}
