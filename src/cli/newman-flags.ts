/**
 * newman's spellings of `run`'s options, so a newman command line keeps working with
 * `jamf-contract run` in its place (docs/from-newman.md lists every newman option). Each
 * alias is merged into the option it names before the run starts; giving both spellings
 * with different values is a usage error.
 */
import { Option, type Command } from 'commander';
import { ExitCode, JamfContractError } from '../errors.ts';
import { collect } from './collect.ts';


export interface NewmanFlags {
  environment?: string;
  envVar?: string[];
  reporters?: string[];
  iterationCount?: string;
  timeoutRequest?: string;
  sslExtraCaCerts?: string;
  suppressExitCode?: boolean;
  silent?: boolean;
  /** `--color on|off|auto`, or `false` from `--no-color`, `true` by default. */
  color: boolean | string;
}

export function addNewmanOptions(command: Command): void {
  command
    .option('--environment <file>', 'newman\'s name for --env')
    .option('--env-var <key=value>', 'newman\'s name for --var (repeatable)', collect)
    .option('--reporters <names>', 'newman\'s name for --reporter', collect)
    .option('--iteration-count <n>', 'newman\'s name for --iterations')
    .option('--timeout-request <ms>', 'newman\'s name for --timeout (per request)')
    .option('--ssl-extra-ca-certs <file>', 'newman\'s name for --ca')
    .option('-x, --suppress-exit-code', 'exit 0 even when tests failed, the contract was violated or requests could not be made (errors that stop the run keep their code)')
    .option('--silent', 'no terminal output (drops the cli reporter; file reporters still write)')
    .addOption(new Option('--color <mode>', 'colour on the terminal: on, off or auto (default auto; FORCE_COLOR and NO_COLOR are honoured)').choices(['on', 'off', 'auto']))
    .hook('preAction', (cmd) => mergeAliases(cmd));
}

/** Copies each alias onto the option it stands for. */
function mergeAliases(cmd: Command): void {
  const o = cmd.opts<NewmanFlags & Record<string, unknown>>();
  const same = (alias: string, target: string, value: unknown): void => {
    if (value === undefined) return;
    const current = o[target];
    if (cmd.getOptionValueSource(target) === 'cli' && current !== value) {
      throw new JamfContractError('USAGE', `--${alias} and --${target} both given, with different values: use one.`);
    }
    cmd.setOptionValueWithSource(target, value, 'cli');
  };
  same('environment', 'env', o.environment);
  same('iteration-count', 'iterations', o.iterationCount);
  same('timeout-request', 'timeout', o.timeoutRequest);
  same('ssl-extra-ca-certs', 'ca', o.sslExtraCaCerts);
  if (o.envVar) cmd.setOptionValueWithSource('var', [...((o.var as string[] | undefined) ?? []), ...o.envVar], 'cli');
  if (o.reporters) cmd.setOptionValueWithSource('reporter', [...((o.reporter as string[] | undefined) ?? []), ...o.reporters], 'cli');
}

/**
 * Whether to colour output: `--no-color`/`--color off` and `--color on` win; then NO_COLOR
 * (any value) and FORCE_COLOR (`0`/`false` off, anything else on); else only on a terminal.
 */
export function colorFor(flag: boolean | string | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag === false || flag === 'off') return false;
  if (flag === 'on') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  return isTTY;
}

/** `-x`: a finished run's failure codes (3 requests not made, 4 tests/contract) become 0, as newman does. */
export function exitAfterNewmanFlags(opts: { suppressExitCode?: boolean }, code: number): number {
  if (!opts.suppressExitCode) return code;
  return code === ExitCode.failed || code === ExitCode.cannotRun ? ExitCode.ok : code;
}
