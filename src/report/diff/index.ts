/** One entry point for the diff's report formats. */
import type { DiffReport } from '../../diff/types.ts';
import { renderDiffJson } from './json.ts';
import { renderDiffJunit } from './junit.ts';
import { renderDiffMarkdown } from './markdown.ts';
import { renderDiffText } from './text.ts';

export const diffFormats = ['text', 'json', 'junit', 'markdown'] as const;
export type DiffFormat = (typeof diffFormats)[number];

export function renderDiff(report: DiffReport, format: DiffFormat, failOn: 'breaking' | 'warning' = 'breaking'): string {
  switch (format) {
    case 'json':
      return renderDiffJson(report);
    case 'junit':
      return renderDiffJunit(report, failOn);
    case 'markdown':
      return renderDiffMarkdown(report);
    default:
      return renderDiffText(report);
  }
}

export { renderDiffJson, renderDiffJunit, renderDiffMarkdown, renderDiffText };
