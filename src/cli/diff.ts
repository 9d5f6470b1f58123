/** `jamf-contract diff OLD NEW`: what changed between two Jamf Pro schemas, for a client. */
import { Command, Option } from 'commander';
import { writeFileAtomic } from '../atomic-file.ts';
import { diffSources, meetsThreshold, narrowToUsed, usedOperations } from '../diff/index.ts';
import { ExitCode } from '../errors.ts';
import { diffFormats, renderDiff, type DiffFormat } from '../report/diff/index.ts';

interface DiffOptions {
  format: DiffFormat;
  out?: string;
  failOn?: 'breaking' | 'warning';
  onlyUsedBy?: string[];
  insecure?: boolean;
}

export function registerDiff(program: Command, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description(
      'Compare two Jamf Pro OpenAPI schemas (files, URLs, or servers: https://host reads /api/schema) ' +
        'and classify each change as breaking, warning or info for a client of the API.',
    )
    .argument('<old>', 'the schema before the upgrade: file (JSON/YAML), URL, or server URL')
    .argument('<new>', 'the schema after the upgrade')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...diffFormats]).default('text'))
    .option('-o, --out <file>', 'write the report to a file (atomically) instead of stdout')
    .addOption(new Option('--fail-on <level>', 'exit 4 when a change at this level (or worse) is found').choices(['breaking', 'warning']))
    .option('--only-used-by <collections...>', 'report only operations these Postman collections (files or folders of them) call')
    .option('-k, --insecure', 'accept self-signed certificates when fetching schemas')
    .addHelpText('after', '\nExit codes: 0 done, 2 bad input (unreadable or non-OpenAPI schema), 4 --fail-on threshold met.')
    .action(async (oldSource: string, newSource: string, options: DiffOptions) => {
      let report = await diffSources(oldSource, newSource, { insecure: options.insecure === true });
      if (options.onlyUsedBy && options.onlyUsedBy.length > 0) report = narrowToUsed(report, await usedOperations(options.onlyUsedBy));
      const text = renderDiff(report, options.format, options.failOn ?? 'breaking');
      if (options.out) writeFileAtomic(options.out, text);
      else process.stdout.write(text);
      const failOn = options.failOn;
      if (failOn && report.entries.some((e) => meetsThreshold(e.level, failOn))) setExit(ExitCode.failed);
    });
}
