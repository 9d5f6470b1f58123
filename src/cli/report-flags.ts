/**
 * `run`'s report flags: which reporters (`--reporter`, implied by `--out` and the export
 * flags), where their files go (`--out`, `--reporter-<name>-export FILE` as newman spells
 * it), JUnit's shape, and clearing earlier reports before anything else happens.
 */
import type { Command } from 'commander';
import { JamfContractError } from '../errors.ts';
import { clearReports, createReporters, REPORT_FILES, reportClash, reporterNames, type FileReporterName, type ReporterName, type ReportTargets } from '../report/index.ts';
import type { HtmlBaseline } from '../report/html/index.ts';
import type { FailOn } from '../report/verdict.ts';
import type { Reporter, RunSummary } from '../result.ts';

export const DEFAULT_OUT = 'reports';
const FILE_REPORTERS = Object.keys(REPORT_FILES) as FileReporterName[];

export interface ReportFlags {
  reporter: string[];
  out?: string;
  junitPerAssertion?: boolean;
  silent?: boolean;
  reporterJunitExport?: string;
  reporterJsonExport?: string;
  reporterHtmlExport?: string;
  reporterHtmlextraExport?: string;
  reporterCtrfExport?: string;
  reporterGithubExport?: string;
}

export function addReportOptions(command: Command): void {
  command.option('--junit-per-assertion', 'JUnit: one testcase per pm.test (plus contract and script cases) instead of one per request');
  for (const name of FILE_REPORTERS) {
    command.option(`--reporter-${name}-export <path>`, `write the ${name} report to this file (or into this directory) instead of ${DEFAULT_OUT}/${REPORT_FILES[name]}`);
  }
  // newman-reporter-htmlextra's flag, for command lines that name it.
  command.option('--reporter-htmlextra-export <path>', 'same as --reporter-html-export');
}

/** Export paths given as flags, by reporter. */
export function exportsOf(opts: ReportFlags): Partial<Record<FileReporterName, string>> {
  const given: Partial<Record<FileReporterName, string | undefined>> = {
    junit: opts.reporterJunitExport,
    json: opts.reporterJsonExport,
    html: opts.reporterHtmlExport ?? opts.reporterHtmlextraExport,
    ctrf: opts.reporterCtrfExport,
    github: opts.reporterGithubExport,
  };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined && v !== '')) as Partial<Record<FileReporterName, string>>;
}

export function targetsOf(opts: ReportFlags): ReportTargets {
  return { outDir: opts.out ?? DEFAULT_OUT, exports: exportsOf(opts) };
}

/**
 * Clears earlier reports using the raw arguments of `run`, before commander or anything
 * else checks them: a run refused for a bad flag leaves no stale report either. Unless a file
 * the arguments name (a collection, an environment…) is where a report goes, or two reports
 * share a path: then nothing is removed and the run is refused (`USAGE`).
 */
export function clearReportsForArgs(args: readonly string[]): void {
  const opts: ReportFlags = { reporter: [] };
  const keys: Record<string, keyof ReportFlags> = { '-o': 'out', '--out': 'out' };
  for (const name of [...FILE_REPORTERS, 'htmlextra']) keys[`--reporter-${name}-export`] = camel(`reporter-${name}-export`) as keyof ReportFlags;
  // Every other argument may name a file the run reads (positional or a flag's value).
  const others: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      others.push(...args.slice(i + 1));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const key = keys[flag];
    if (!key) {
      others.push(eq > 0 ? arg.slice(eq + 1) : arg);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value !== undefined) (opts as unknown as Record<string, string>)[key] = value;
  }
  const targets = targetsOf(opts);
  const clash = reportClash(others, targets);
  if (clash) throw new JamfContractError('USAGE', clash);
  clearReports(targets);
}

/**
 * The reporters a run uses: `--reporter` (or `--reporters`) as given, else `cli`; plus
 * `junit,json` when `--out` is given without `--reporter` (a directory for reports means
 * reports are wanted), plus each reporter whose export file is named. `--silent` drops `cli`.
 */
export function reporterList(opts: ReportFlags): ReporterName[] {
  const exports = Object.keys(exportsOf(opts)) as FileReporterName[];
  const named = reporterNames(opts.reporter);
  const base: ReporterName[] = named.length > 0 ? named : ['cli', ...(opts.out !== undefined ? (['junit', 'json'] as const) : [])];
  const all = [...new Set([...base, ...exports])];
  return opts.silent ? all.filter((n) => n !== 'cli') : all;
}

export interface ReporterContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY: boolean;
  color: boolean;
  verbose: boolean;
  redact: (text: string) => string;
  failOn: FailOn;
  /** `$GITHUB_STEP_SUMMARY`, read by the caller with the rest of the environment. */
  githubStepSummary?: string;
  /** Settings shown in the HTML report's header. */
  flags?: Record<string, string>;
  /** The baseline comparison, once the run is over (`--baseline`). */
  baseline?: (summary: RunSummary) => HtmlBaseline | undefined;
}

export function buildReporters(opts: ReportFlags, ctx: ReporterContext): Reporter[] {
  if (opts.junitPerAssertion && !reporterList(opts).includes('junit')) {
    throw new JamfContractError('USAGE', '--junit-per-assertion shapes the JUnit report: add junit to --reporter (or give --out).');
  }
  return createReporters(reporterList(opts), {
    ...targetsOf(opts),
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    isTTY: ctx.isTTY,
    color: ctx.color,
    verbose: ctx.verbose,
    redact: ctx.redact,
    failOn: ctx.failOn,
    junitPerAssertion: opts.junitPerAssertion ?? false,
    ...(ctx.githubStepSummary ? { githubStepSummary: ctx.githubStepSummary } : {}),
    html: { ...(ctx.flags ? { flags: ctx.flags } : {}), ...(ctx.baseline ? { baseline: ctx.baseline } : {}) },
  });
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
