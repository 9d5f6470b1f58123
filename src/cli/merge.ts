/** `jamf-contract merge`: the CLI face of `mergeReports`. */
import { Option, type Command } from 'commander';
import { JamfContractError } from '../errors.ts';
import { clearReports, createReporters, reportClash, type FailOn } from '../report/index.ts';
import { createMergeSummaryReporter, mergeReports } from '../report/merge/index.ts';
import type { Reporter } from '../result.ts';
import { Redactor } from '../secrets.ts';
import { colorFor } from './newman-flags.ts';
import { addReportOptions, reporterList, targetsOf, type ReportFlags } from './report-flags.ts';
import { collect } from './collect.ts';

interface MergeFlags extends ReportFlags {
  failOn: FailOn;
  allowMixed?: boolean;
  color: boolean | string;
}


export function registerMerge(program: Command, setExit: (code: number) => void): void {
  const command = program
    .command('merge')
    .summary('merge the report.json files of shards (and of fleet servers) into one set of reports')
    .description(
      'Reads report.json files written by `run` (its shards with --shard K/N, the servers of a --fleet, or both) and writes ' +
        'one JSON, JUnit, CTRF, HTML and CLI report of them all: counts added up, the union of coverage, contract findings ' +
        'also listed once per kind, operation and JSON pointer (report.json "merged.findings"), and a server column ' +
        '([name] before each collection) when there are several servers.\n\n' +
        'Reports of different suites (collections, folders), iteration counts or jamf-contract versions, or of one server on ' +
        'two Jamf Pro versions, are refused (MERGE_MIXED) unless --allow-mixed; the same shard given twice always is ' +
        '(MERGE_OVERLAP). Missing shards are reported, and make the exit code 3.',
    )
    .argument('<reports...>', 'report.json files (e.g. one per CI job)')
    .option('-r, --reporter <names>', 'reporters: cli, junit, json, html, ctrf, github (comma list or repeat; default cli, plus junit,json when --out is given)', collect, [])
    .option('-o, --out <dir>', 'where the merged reports go (default: reports)')
    .addOption(new Option('--fail-on <level>', 'what contract findings fail a run, for the exit code').choices(['violation', 'warning', 'never']).default('violation'))
    .option('--allow-mixed', 'merge reports of different suites, iteration counts, tool versions, or Jamf Pro versions of one server')
    .option('--silent', 'no terminal output (file reporters still write)')
    .option('--no-color', 'no ANSI colours (NO_COLOR is honoured too)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  jamf-contract merge shard-1/report.json shard-2/report.json shard-3/report.json -r cli,junit,json,html --out reports\n' +
        '  jamf-contract merge artifacts/*/report.json --out reports --reporter cli,json,html,ctrf,github\n\n' +
        'Exit code: the worst of the runs merged (130/143 interrupted, 3 could not run, 4 failed, 0 passed); 3 when\n' +
        'shards are missing; 1 usage, 2 reports that cannot be read or do not belong together.',
    );
  addReportOptions(command);
  command.action(async (files: string[], opts: MergeFlags) => {
    const targets = targetsOf(opts);
    const clash = reportClash(files, targets);
    if (clash) throw new JamfContractError('USAGE', clash);
    clearReports(targets);
    const reporters = mergeReporters(opts, new Redactor(), colorFor(opts.color, process.env, Boolean(process.stdout.isTTY)));
    const { exitCode } = await mergeReports(files, { reporters, failOn: opts.failOn, ...(opts.allowMixed ? { allowMixed: true } : {}) });
    setExit(exitCode);
  });
}

/** The merged reports' reporters: the file reporters a run has, and the merge's own CLI summary. */
export function mergeReporters(opts: ReportFlags & { failOn: FailOn }, redactor: Redactor, color: boolean, flags: Record<string, string> = {}): Reporter[] {
  const names = reporterList(opts);
  const redact = (text: string): string => redactor.redact(text);
  const files = createReporters(names.filter((n) => n !== 'cli'), {
    ...targetsOf(opts),
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: false,
    color,
    redact,
    failOn: opts.failOn,
    junitPerAssertion: opts.junitPerAssertion ?? false,
    ...(process.env.GITHUB_STEP_SUMMARY ? { githubStepSummary: process.env.GITHUB_STEP_SUMMARY } : {}),
    html: { flags: { Merged: 'yes', 'Fail on': opts.failOn, ...flags } },
  });
  return names.includes('cli') ? [...files, createMergeSummaryReporter({ stdout: process.stdout, color, redact })] : files;
}

/** Reports in --out are cleared first: an input among them would be lost. */
