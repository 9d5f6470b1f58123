/** The diff as JSON: `summary` first, so a CI script can read the counts without the entries. */
import type { DiffReport } from '../../diff/types.ts';

export function renderDiffJson(report: DiffReport): string {
  const ordered: Record<string, unknown> = { summary: report.summary, old: report.old, new: report.new };
  if (report.usedBy) ordered.usedBy = report.usedBy;
  ordered.entries = report.entries;
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
