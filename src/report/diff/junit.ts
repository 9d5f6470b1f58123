/**
 * The diff as JUnit XML: one suite per level, one test case per entry; an entry that meets
 * the `--fail-on` threshold is a `<failure>` (a contract change, not a tool error).
 */
import { levels, meetsThreshold, type DiffEntry, type DiffReport } from '../../diff/types.ts';

export function renderDiffJunit(report: DiffReport, failOn: 'breaking' | 'warning' = 'breaking'): string {
  const suites: string[] = [];
  let failures = 0;
  for (const level of levels) {
    const entries = report.entries.filter((e) => e.level === level);
    const failing = entries.filter((e) => meetsThreshold(e.level, failOn)).length;
    failures += failing;
    const cases = entries.map((e) => testCase(e, meetsThreshold(e.level, failOn)));
    suites.push(
      `  <testsuite name="schema diff: ${level}" tests="${entries.length}" failures="${failing}" errors="0" skipped="0">\n${cases.join('')}  </testsuite>\n`,
    );
  }
  const name = `jamf-contract diff ${report.old.source} → ${report.new.source}`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${escapeXml(name)}" tests="${report.entries.length}" failures="${failures}" errors="0">\n${suites.join('')}</testsuites>\n`
  );
}

function testCase(entry: DiffEntry, failing: boolean): string {
  const open = `    <testcase classname="${escapeXml(entry.kind)}" name="${escapeXml(entry.message)}"`;
  const details = `${entry.level}: ${entry.message}\nOperations:\n${entry.operations.map((o) => `  ${o}`).join('\n')}`;
  if (failing) {
    return `${open}>\n      <failure message="${escapeXml(entry.message)}" type="${entry.level}">${escapeXml(details)}</failure>\n    </testcase>\n`;
  }
  return `${open}>\n      <system-out>${escapeXml(details)}</system-out>\n    </testcase>\n`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // XML 1.0 cannot carry most control characters at all, even escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}
