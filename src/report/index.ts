/**
 * Reporters by name. Each is a function of the result type in `src/result.ts` only: none
 * imports the runner or the CLI, so a stored report.json can feed them again. Every string
 * a reporter writes passes through `redact` (the runner redacts first; this is the second
 * line of defence).
 */
import { JamfContractError } from '../errors.ts';
import type { Reporter } from '../result.ts';
import { createCliReporter, type CliOptions } from './cli.ts';
import { createCtrfReporter } from './ctrf.ts';
import { reportPath, type ReportTargets } from './files.ts';
import { createGithubReporter } from './github.ts';
import { createHtmlReporter, type HtmlOptions } from './html/index.ts';
import { createJsonReporter } from './json.ts';
import { createJunitReporter } from './junit.ts';
import type { FailOn } from './verdict.ts';

/** The CLI reporter's options, where the file reporters write, and each reporter's own options. */
export type ReporterOptions = CliOptions &
  ReportTargets & {
    /** `--junit-per-assertion`: one JUnit testcase per `pm.test`. */
    junitPerAssertion?: boolean;
    /** `$GITHUB_STEP_SUMMARY`, for the `github` reporter (the caller reads the environment). */
    githubStepSummary?: string;
    /** Annotations per level for the `github` reporter (default 10). */
    githubMaxAnnotations?: number;
    /** The run's `--fail-on`, for reporters that state a verdict. */
    failOn?: FailOn;
    html?: Omit<HtmlOptions, 'path' | 'failOn'>;
  };

export const REPORTER_NAMES = ['cli', 'junit', 'json', 'html', 'ctrf', 'github'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** Other tools' names for the same reporters: a newman command line keeps working. */
export const REPORTER_ALIASES: Record<string, ReporterName> = { htmlextra: 'html', progress: 'cli' };

/** Reporter names from flags (`cli,junit` or repeated; aliases mapped, duplicates dropped); unknown names are a usage error. */
export function reporterNames(names: string[]): ReporterName[] {
  const wanted = [...new Set(names.flatMap((n) => n.split(',')).map((n) => n.trim().toLowerCase()).filter(Boolean).map((n) => REPORTER_ALIASES[n] ?? n))];
  const unknown = wanted.filter((n) => !isReporterName(n));
  if (unknown.length > 0) {
    throw new JamfContractError(
      'USAGE',
      `Unknown reporter ${unknown.map((n) => `"${n}"`).join(', ')}. Use --reporter with one or more of: ${REPORTER_NAMES.join(', ')}.`,
    );
  }
  return wanted as ReporterName[];
}

/** Builds reporters from names (`cli`, `junit`, `json`, `html`, `ctrf`, `github`; comma lists accepted, duplicates ignored). */
export function createReporters(names: string[], options: ReporterOptions): Reporter[] {
  const { redact, outDir } = options;
  return reporterNames(names).map((name) => {
    switch (name) {
      case 'junit':
        return createJunitReporter(outDir, redact, { path: reportPath('junit', options), perAssertion: options.junitPerAssertion ?? false });
      case 'json':
        return createJsonReporter(outDir, redact, { path: reportPath('json', options) });
      case 'ctrf':
        return createCtrfReporter(outDir, redact, { path: reportPath('ctrf', options) });
      case 'html':
        return createHtmlReporter(outDir, redact, { ...options.html, path: reportPath('html', options), ...(options.failOn ? { failOn: options.failOn } : {}) });
      case 'github':
        return createGithubReporter(outDir, redact, {
          // In Actions the summary is appended to $GITHUB_STEP_SUMMARY unless an export file is named.
          ...(options.exports?.github || !options.githubStepSummary ? { path: reportPath('github', options) } : {}),
          ...(options.githubStepSummary ? { stepSummary: options.githubStepSummary } : {}),
          commands: options.stdout,
          ...(options.githubMaxAnnotations ? { maxAnnotations: options.githubMaxAnnotations } : {}),
          ...(options.failOn ? { failOn: options.failOn } : {}),
        });
      default:
        return createCliReporter(options);
    }
  });
}

function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}

export { outcomeOf, type Outcome } from './outcome.ts';
export { JSON_FORMAT_VERSION, requestFromJson } from './json.ts';
export { clearReports, outputClash, reportClash, reportPath, reportPaths, REPORT_FILES, type ReportTargets, type FileReporterName } from './files.ts';
export { verdictOf, type FailOn, type Verdict } from './verdict.ts';
