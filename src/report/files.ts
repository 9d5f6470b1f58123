/**
 * Where report files go, and the rule that reports are never stale: before a run validates
 * anything, every report file this tool could write for it is removed (each reporter's
 * default name in `--out`, the names given with `--reporter-<name>-export`, and temp files
 * left next to them by killed runs). Whatever happens next, the directory then holds
 * complete reports of this run or none.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { removeReport } from '../atomic-file.ts';
import { JamfContractError } from '../errors.ts';

/** Each file-writing reporter and its default file name in `--out`. */
export const REPORT_FILES = {
  junit: 'junit.xml',
  json: 'report.json',
  html: 'report.html',
  ctrf: 'ctrf.json',
  github: 'github-summary.md',
} as const;
export type FileReporterName = keyof typeof REPORT_FILES;

/** Other files a run writes into `--out` (the baseline comparison, with `--baseline`). */
export const OTHER_REPORT_FILES = ['baseline-changes.json'] as const;

export interface ReportTargets {
  /** `--out`, created when missing. */
  outDir: string;
  /** `--reporter-<name>-export PATH`: a file, or an existing directory (or one ending in `/`) for the default name. */
  exports?: Partial<Record<FileReporterName, string>>;
}

export function isFileReporter(name: string): name is FileReporterName {
  return Object.hasOwn(REPORT_FILES, name);
}

/** The absolute path reporter `name` writes to. Relative export paths resolve from the current directory, as in newman. */
export function reportPath(name: FileReporterName, targets: ReportTargets): string {
  const custom = targets.exports?.[name];
  if (!custom) return resolve(targets.outDir, REPORT_FILES[name]);
  const full = resolve(custom);
  if (/[\\/]$/.test(custom) || isDirectory(full)) return join(full, REPORT_FILES[name]);
  return full;
}

/** Every path a run with these targets may write, whichever reporters it uses. */
export function reportPaths(targets: ReportTargets): string[] {
  const paths = new Set<string>();
  for (const name of Object.keys(REPORT_FILES) as FileReporterName[]) {
    paths.add(resolve(targets.outDir, REPORT_FILES[name]));
    paths.add(reportPath(name, targets));
  }
  for (const name of OTHER_REPORT_FILES) paths.add(resolve(targets.outDir, name));
  return [...paths];
}

/**
 * The first of `inputs` (files the run reads: a collection, an environment, iteration data…)
 * that is also a path reports go to — clearing earlier reports would delete it — with the
 * report's name; symbolic links and `..` are followed, so another spelling of the same file
 * is caught too. Two reporters given one export path are a clash as well (each would
 * overwrite the other).
 */
export function reportClash(inputs: readonly string[], targets: ReportTargets): string | undefined {
  const byPath = new Map<string, FileReporterName>();
  const names = Object.keys(REPORT_FILES) as FileReporterName[];
  for (const name of names) {
    const path = sameFile(reportPath(name, targets));
    const other = byPath.get(path);
    if (other && targets.exports?.[name] && targets.exports[other]) return `the ${other} and ${name} reports would both be written to ${path}: give each its own --reporter-…-export path.`;
    byPath.set(path, name);
  }
  const reports = new Set(reportPaths(targets).map(sameFile));
  for (const input of inputs) {
    if (!isFile(input)) continue;
    if (reports.has(sameFile(input))) return `${input} is read by this run and is also where a report would be written (earlier reports are removed before a run starts): choose another --out or --reporter-…-export path.`;
  }
  return undefined;
}

/**
 * The first of `outputs` (`[flag, path]`, files written when the run ends) that is one of
 * `inputs` (`[flag, path]`, files the run reads), named with both flags; pairs in `allowed`
 * (`"--export-environment --env"`: newman's way of keeping variables) are not a clash.
 */
export function outputClash(outputs: ReadonlyArray<readonly [string, string | undefined]>, inputs: ReadonlyArray<readonly [string, string | undefined]>, allowed: readonly string[] = []): string | undefined {
  for (const [outFlag, out] of outputs) {
    if (!out) continue;
    for (const [inFlag, input] of inputs) {
      if (!input || allowed.includes(`${outFlag} ${inFlag}`) || sameFile(out) !== sameFile(input)) continue;
      return `${outFlag} ${out} would overwrite ${input}, which the run reads (${inFlag}): choose another path.`;
    }
  }
  return undefined;
}

/** A path's one spelling: its real path when it exists, else its absolute form. */
function sameFile(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Removes earlier reports (and dead runs' temp files) from every path a run may write.
 * A `--out` that names a file, or a report path that cannot be removed, is a `REPORT_WRITE`
 * error: better said now than after the run, when the reports could not be written.
 */
export function clearReports(targets: ReportTargets): void {
  const outDir = resolve(targets.outDir);
  if (existsSync(outDir) && !isDirectory(outDir)) {
    throw new JamfContractError('REPORT_WRITE', `--out ${targets.outDir} is a file, not a directory. Pass a directory for the reports (it is created when missing).`);
  }
  for (const path of reportPaths(targets)) {
    try {
      if (isDirectory(path)) throw new Error('it is a directory');
      removeReport(path);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new JamfContractError('REPORT_WRITE', `Cannot replace the earlier report ${path} (${why}). Remove it or choose another --out / --reporter-…-export path.`, { cause: error });
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
