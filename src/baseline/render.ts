/** The baseline comparison as readable text, levels first like the schema diff. */
import { levels, type Level } from '../diff/types.ts';
import type { BaselineChange, BaselineData } from './types.ts';

const marks: Record<Level, string> = { breaking: '✗', warning: '!', info: '·' };

export function renderBaselineText(changes: BaselineChange[], baseline: BaselineData, current?: BaselineData): string {
  const lines: string[] = [];
  const version = (d: BaselineData | undefined): string => (d?.jamfVersion ? `Jamf Pro ${d.jamfVersion}` : 'unknown version');
  lines.push(`Compared with the baseline of ${baseline.createdAt} (${baseline.server}, ${version(baseline)}) → now ${version(current)}`);
  const count = (level: Level): number => changes.filter((c) => c.level === level).length;
  lines.push(`Changes: ${count('breaking')} breaking, ${count('warning')} warning, ${count('info')} info`);
  for (const level of levels) {
    const some = changes.filter((c) => c.level === level);
    if (some.length === 0) continue;
    lines.push('', `${level.toUpperCase()} (${some.length})`);
    for (const c of some) lines.push(`  ${marks[level]} ${c.message}${c.operation ? `  (${c.operation})` : ''}`);
  }
  if (changes.length === 0) lines.push('', 'No changes since the baseline.');
  return `${lines.join('\n')}\n`;
}
