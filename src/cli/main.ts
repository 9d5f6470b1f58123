/**
 * The CLI: a thin shell over the library. Each command lives in its own module and
 * registers itself on the program; `main` maps errors to exit codes in one place.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, isJamfContractError } from '../errors.ts';
import { registerConvert } from './convert.ts';
import { registerDiff } from './diff.ts';
import { registerDoctor } from './doctor.ts';
import { registerMerge } from './merge.ts';
import { registerGenerate } from './generate.ts';
import { clearReportsForArgs } from './report-flags.ts';
import { registerRun } from './run.ts';
import { registerSimulate } from './simulate.ts';
import { registerSmoke } from './smoke.ts';
import { registerValidate } from './validate.ts';
import { terminalSafe } from '../report/terminal.ts';
import { Redactor } from '../secrets.ts';

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('jamf-contract')
    .description(
      'Contract tester for Jamf Pro: runs Postman collections on Postman\'s engine against a Jamf Pro ' +
        'server (or the embedded simulator), handles OAuth tokens, and checks every response against ' +
        'the OpenAPI contract.',
    )
    .version(process.env.npm_package_version ?? '0.1.0', '-V, --version')
    .exitOverride()
    // Argument errors read like every other error: one `error[USAGE]` line, then the exit code.
    .configureOutput({
      outputError: (text, write) => write(`error[USAGE]: ${text.replace(/^error:\s*/i, '').trim()} (see --help)\n`),
    })
    .addHelpText(
      'after',
      '\nExit codes: 0 all passed, 1 usage error, 2 bad input, 3 could not run (auth, network, TLS, timeout, nothing sent),\n4 tests failed or contract violated, 130/143 stopped by SIGINT/SIGTERM.',
    );
  const setExit = (code: number): void => {
    exitCode = code;
  };
  registerRun(program, setExit);
  registerSimulate(program, setExit);
  registerValidate(program, setExit);
  registerDiff(program, setExit);
  registerDoctor(program, setExit);
  registerConvert(program, setExit);
  registerMerge(program, setExit);
  registerGenerate(program, setExit);
  registerSmoke(program, setExit);
  try {
    // Reports are never stale: earlier ones go before anything about this run is checked.
    if ((argv[0] === 'run' || argv[0] === 'smoke') && !argv.includes('--help') && !argv.includes('-h')) clearReportsForArgs(argv.slice(1));
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    return reportError(error, argv.includes('--verbose'));
  }
  return exitCode;
}

/** How the CLI ends on an error: one line (a stack with --verbose), the exit code for it. */
export function reportError(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // commander already printed the message (or help/version, which exit 0).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (isJamfContractError(error)) {
    process.stderr.write(`error[${error.code}]: ${terminalSafe(error.message)}\n`);
    if (verbose && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  // Nobody wrote this message for people: it may quote anything the process held (a library
  // once quoted every secret of the run in its own error). Redacted — the environment's
  // credentials and every secret shape — and kept short.
  const unseen = new Redactor().add(process.env.JAMF_CLIENT_SECRET, 'credential').addBasic(process.env.JAMF_USERNAME, process.env.JAMF_PASSWORD, 'credential');
  const message = shortened(unseen.redact(error instanceof Error ? error.message : String(error)));
  process.stderr.write(`error[INTERNAL]: ${terminalSafe(message)}\n`);
  const frames = error instanceof Error && error.stack ? error.stack.indexOf('\n    at ') : -1;
  if (verbose && frames >= 0) process.stderr.write(`${terminalSafe(unseen.redact((error as Error).stack!.slice(frames + 1)))}\n`);
  return ExitCode.cannotRun;
}

/** An unexpected error's message, at most 500 characters. */
function shortened(message: string): string {
  return message.length > 500 ? `${message.slice(0, 500)}… (${(message.length - 500).toLocaleString('en')} more characters)` : message;
}
