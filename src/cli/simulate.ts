/**
 * `jamf-contract simulate`: runs the embedded Jamf Pro simulator until SIGINT/SIGTERM.
 * Prints one line with its URL when ready, and where the demo credentials are documented.
 */
import type { Command } from 'commander';
import { JamfContractError } from '../errors.ts';
import type { loadConfigFile } from '../simulator/seed.ts';

interface SimulateFlags {
  port: string;
  host: string;
  jamfVersion: string;
  config?: string;
  tls?: boolean;
  cluster?: boolean;
  clusterLag?: string;
  faults?: string;
}

function integer(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new JamfContractError('USAGE', `${flag} must be a whole number, got "${value}".`);
  return Number(value);
}

/** Seed and faults from `--config` and `--faults`, checked before anything starts; `--faults` wins over the config's `faults`. */
// The simulator is imported when the command runs, so other commands start faster.
async function readInputs(flags: SimulateFlags): Promise<{ seed?: ReturnType<typeof loadConfigFile>['seed']; faults?: unknown }> {
  const { loadConfigFile, readJsonFile } = await import('../simulator/seed.ts');
  const { parseFaultsConfig } = await import('../simulator/faults/config.ts');
  const config = flags.config === undefined ? undefined : loadConfigFile(flags.config);
  const faults = flags.faults === undefined ? config?.faults : parseFaultsConfig(readJsonFile(flags.faults, 'faults file', '--faults'));
  return { ...(config ? { seed: config.seed } : {}), ...(faults === undefined ? {} : { faults }) };
}

export function registerSimulate(program: Command, _setExit: (code: number) => void): void {
  program
    .command('simulate')
    .description('Run the embedded Jamf Pro simulator (demo credentials: see README, "Simulator")')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--jamf-version <x.y.z>', 'Jamf Pro version to behave like', '11.30.1')
    .option('--config <file>', 'JSON file overriding the default seed (may hold a "faults" section)')
    .option('--tls', 'serve HTTPS with a generated self-signed certificate')
    .option('--cluster', 'two nodes behind one URL with a jpro-ingress affinity cookie')
    .option('--cluster-lag <ms>', 'how long a write takes to reach the other node', '5000')
    .option('--faults <file>', 'JSON file describing faults to inject (replaces the config\'s "faults")')
    .action(async (flags: SimulateFlags) => {
      const port = integer(flags.port, '--port', 0);
      const clusterLagMs = integer(flags.clusterLag, '--cluster-lag', 5000);
      const { startSimulator } = await import('../simulator/index.ts');
      const sim = await startSimulator({
        port,
        host: flags.host,
        jamfVersion: flags.jamfVersion,
        ...(await readInputs(flags)),
        tls: !!flags.tls,
        cluster: !!flags.cluster,
        clusterLagMs,
      });
      process.stdout.write(`Jamf Pro simulator ${flags.jamfVersion} listening on ${sim.url}\n`);
      process.stdout.write('Demo credentials: see README, section "Simulator".\n');
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void sim.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
