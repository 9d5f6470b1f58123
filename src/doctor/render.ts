/** The readable checklist: one line per check with its status mark, details indented, a remedy for each problem. */
import type { CheckStatus, DoctorReport } from './types.ts';

const MARKS: Record<CheckStatus, string> = { ok: '[ok]  ', warn: '[warn]', fail: '[FAIL]', skip: '[skip]' };
const COLORS: Record<CheckStatus, string> = { ok: '\x1b[32m', warn: '\x1b[33m', fail: '\x1b[31m', skip: '\x1b[2m' };

export function renderDoctorText(report: DoctorReport, options: { color?: boolean } = {}): string {
  const paint = (status: CheckStatus, text: string): string => (options.color ? `${COLORS[status]}${text}\x1b[0m` : text);
  const version = report.jamfVersion ? ` (Jamf Pro ${report.jamfVersion})` : '';
  const out = [`jamf-contract doctor: ${report.server}${version}${report.embedded ? ' [embedded simulator]' : ''}`, ''];
  for (const check of report.checks) {
    out.push(`${paint(check.status, MARKS[check.status])} ${check.title}`);
    for (const line of check.detail.split('\n')) out.push(`       ${line}`);
    if (check.remedy && (check.status === 'warn' || check.status === 'fail')) out.push(`       → ${check.remedy}`);
  }
  const fails = report.checks.filter((c) => c.status === 'fail').length;
  const warns = report.checks.filter((c) => c.status === 'warn').length;
  out.push('');
  out.push(
    report.canRun
      ? `A run can proceed${warns ? ` (${warns} warning${warns === 1 ? '' : 's'})` : ''}.`
      : `A run cannot proceed: ${fails} check${fails === 1 ? '' : 's'} failed.`,
  );
  return `${out.join('\n')}\n`;
}
