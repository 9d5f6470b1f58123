/** `jamf-contract convert`: Postman Collection v3 (Postman v12) ⇄ v2.1 JSON, collections and environments. */
import type { Command } from 'commander';
import { ExitCode } from '../errors.ts';
import { convert } from '../load/convert.ts';

interface ConvertFlags {
  out: string;
  force?: boolean;
  quiet?: boolean;
}

export function registerConvert(program: Command, setExit: (code: number) => void): void {
  program
    .command('convert')
    .summary('convert collections and environments between Postman v3 (YAML folders) and v2.1 JSON')
    .description(
      'Converts between Postman Collection v3 — the folders of YAML files Postman v12 keeps in git ' +
        '(*.request.yaml, .resources/definition.yaml) — and Collection v2.1 JSON, which newman and older tools read. ' +
        'The direction follows the source: a v3 collection folder becomes a .json file; a v1/v2.0/v2.1 .json ' +
        'collection becomes a v3 folder that Postman v12 opens. Environments and globals convert the same way ' +
        '(*.environment.yaml / *.globals.yaml ⇄ Postman environment JSON).\n\n' +
        'What the target format cannot hold (or the engine cannot run) is listed on stderr, naming the file or item and the field.',
    )
    .argument('<sources...>', 'v3 collection folders (or a folder holding them), .json collections, environment or globals files')
    .requiredOption('-o, --out <path>', 'a .json file (one v3 source), a folder for a v3 collection, or a folder for several outputs')
    .option('--force', 'replace an existing v3 collection folder at --out')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  jamf-contract convert postman/collections/my-api -o my-api.postman_collection.json   # v3 → v2.1, for newman\n' +
        '  jamf-contract convert my-api.postman_collection.json -o postman/collections/my-api   # v2.1 → v3, for Postman v12\n' +
        '  jamf-contract convert postman/environments/Staging.environment.yaml -o staging.postman_environment.json\n' +
        '  jamf-contract convert postman/collections -o build/                                   # every collection in a folder\n\n' +
        'Exit codes: 0 converted, 1 usage, 2 bad input.',
    )
    .action(async (sources: string[], flags: ConvertFlags) => {
      const result = await convert(sources, flags.out, { ...(flags.force ? { force: true } : {}) });
      if (!flags.quiet) {
        for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
        const files = result.written.filter((f) => f.endsWith('.json') || f.endsWith('.yaml'));
        process.stdout.write(`converted ${sources.length} source${sources.length === 1 ? '' : 's'}: ${files.length} file${files.length === 1 ? '' : 's'} written${files.length <= 4 ? ` (${files.join(', ')})` : ` under ${flags.out}`}\n`);
      }
      setExit(ExitCode.ok);
    });
}
