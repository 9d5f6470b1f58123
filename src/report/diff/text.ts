/** The diff as readable text: counts first, then entries by level, shared changes with their operations. */
import { levels, type DiffEntry, type DiffReport, type Level } from '../../diff/types.ts';

const marks: Record<Level, string> = { breaking: '✗', warning: '!', info: '·' };
const shownOperations = 8;

export function renderDiffText(report: DiffReport): string {
  const lines: string[] = [];
  lines.push(`Schema diff: ${report.old.source} (${report.old.operations} operations) → ${report.new.source} (${report.new.operations} operations)`);
  if (report.usedBy) {
    lines.push(`Narrowed to ${report.usedBy.operations} operations used by ${report.usedBy.collections.join(', ')}`);
  }
  const s = report.summary;
  lines.push(`Operations: ${s.added} added, ${s.removed} removed, ${s.deprecated} newly deprecated`);
  lines.push(`Changes: ${s.breaking} breaking, ${s.warning} warning, ${s.info} info`);
  for (const level of levels) {
    const entries = report.entries.filter((e) => e.level === level);
    if (entries.length === 0) continue;
    lines.push('', `${level.toUpperCase()} (${entries.length})`);
    for (const entry of entries) lines.push(...entryLines(entry));
  }
  if (report.entries.length === 0) lines.push('', 'No changes.');
  return `${lines.join('\n')}\n`;
}

function entryLines(entry: DiffEntry): string[] {
  const lines = [`  ${marks[entry.level]} ${entry.message}`];
  if (entry.component === undefined) return lines;
  const ops = entry.operations;
  const shown = ops.slice(0, shownOperations).join(', ');
  const more = ops.length > shownOperations ? ` and ${ops.length - shownOperations} more` : '';
  lines.push(`      in ${entry.where ?? ''}; affects ${ops.length} operation${ops.length === 1 ? '' : 's'}: ${shown}${more}`);
  return lines;
}
