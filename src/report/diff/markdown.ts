/** The diff as Markdown for a pull-request comment or a change ticket. */
import { levels, type DiffEntry, type DiffReport, type Level } from '../../diff/types.ts';

const titles: Record<Level, string> = { breaking: 'Breaking', warning: 'Warnings', info: 'Info' };

export function renderDiffMarkdown(report: DiffReport): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`## Jamf Pro API changes: \`${report.old.source}\` → \`${report.new.source}\``, '');
  if (report.usedBy) out.push(`Only operations used by ${report.usedBy.collections.map((c) => `\`${c}\``).join(', ')}.`, '');
  out.push('| added | removed | deprecated | breaking | warning | info |', '|---:|---:|---:|---:|---:|---:|');
  out.push(`| ${s.added} | ${s.removed} | ${s.deprecated} | ${s.breaking} | ${s.warning} | ${s.info} |`);
  for (const level of levels) {
    const entries = report.entries.filter((e) => e.level === level);
    if (entries.length === 0) continue;
    out.push('', `### ${titles[level]} (${entries.length})`, '');
    for (const entry of entries) out.push(...entryLines(entry));
  }
  if (report.entries.length === 0) out.push('', 'No changes.');
  return `${out.join('\n')}\n`;
}

function entryLines(entry: DiffEntry): string[] {
  const line = `- ${escapeMarkdown(entry.message)}`;
  if (entry.component === undefined) return [line];
  const ops = entry.operations.map((o) => `\`${o}\``);
  if (ops.length <= 3) return [`${line} — ${ops.join(', ')}`];
  return [
    line,
    `  <details><summary>${ops.length} operations</summary>`,
    '',
    ...ops.map((o) => `  - ${o}`),
    '',
    '  </details>',
  ];
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
