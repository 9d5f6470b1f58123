/**
 * newman's engine options on `run`: where files come from, redirects, script and run
 * timeouts, exporting the environment. Parsed here into `RunOptions` fields.
 */
import type { Command } from 'commander';
import type { RunOptions } from '../execute/run.ts';
import { JamfContractError } from '../errors.ts';

export interface EngineFlags {
  workingDir?: string;
  insecureFileRead?: boolean;
  ignoreRedirects?: boolean;
  timeoutScript?: string;
  timeoutRun?: string;
  exportEnvironment?: string;
  maxResponseSize?: string;
}

export function addEngineOptions(command: Command): void {
  command
    .option('--working-dir <path>', 'where form-data files and file bodies are read from (default: each collection\'s folder)')
    .option('--insecure-file-read', 'let collections read files outside the working directory')
    .option('--no-insecure-file-read', 'refuse files outside the working directory (the default)')
    .option('--ignore-redirects', 'do not follow redirects: a 3xx is the response')
    .option('--timeout-script <ms>', 'stop a pre-request or test script that runs longer than this')
    .option('--timeout-run <ms>', 'stop the whole run after this long (the reports of what ran are written, exit 3)')
    .option('--export-environment <file>', 'write the environment as the run left it (Postman format; secrets and tokens redacted)')
    .option('--max-response-size <MB>', 'answers larger than this end as a RESPONSE_TOO_LARGE error instead of being read whole (default 100; 0 for no limit, as newman; the token, version and schema calls of jamf-contract read at most 100 MB whatever this says)');
}

export function engineOptions(flags: EngineFlags): Partial<RunOptions> {
  return {
    ...(flags.workingDir ? { workingDir: flags.workingDir } : {}),
    ...(flags.insecureFileRead ? { insecureFileRead: true } : {}),
    ...(flags.ignoreRedirects ? { followRedirects: false } : {}),
    ...(flags.timeoutScript !== undefined ? { scriptTimeoutMs: ms(flags.timeoutScript, '--timeout-script') } : {}),
    ...(flags.timeoutRun !== undefined ? { runTimeoutMs: ms(flags.timeoutRun, '--timeout-run') } : {}),
    ...(flags.exportEnvironment ? { exportEnvironmentFile: flags.exportEnvironment } : {}),
    ...(flags.maxResponseSize !== undefined ? { maxResponseBytes: megabytes(flags.maxResponseSize, '--max-response-size') } : {}),
  };
}

function megabytes(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new JamfContractError('USAGE', `${flag} takes a whole number of megabytes, 0 (no limit) or more (got "${value}").`);
  return n * 2 ** 20;
}

function ms(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1) throw new JamfContractError('USAGE', `${flag} takes a whole number of milliseconds, 1 or more (got "${value}").`);
  return n;
}
