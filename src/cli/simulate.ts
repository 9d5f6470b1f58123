/**
 * `jamf-contract simulate`: runs the embedded Jamf Pro simulator until SIGINT/SIGTERM.
 * Prints its URL when ready (first line), then what a user needs to use it: the schema it
 * serves, where its TLS certificate is, and the demo clients and accounts.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { JamfContractError } from '../errors.ts';
import type { loadConfigFile, Seed } from '../simulator/seed.ts';
import { credentialsText, tokenExample } from './simulate-text.ts';

interface SimulateFlags {
  port: string;
  host: string;
  jamfVersion?: string;
  openapi?: string;
  config?: string;
  tls?: boolean;
  certOut?: string;
  cluster?: boolean;
  clusterLag?: string;
  faults?: string;
}

function integer(value: string | undefined, flag: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new JamfContractError('USAGE', `${flag} must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` from 0 to ${max}` : ''}, got "${value}".`);
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

async function defaultSeed(): Promise<Seed> {
  return (await import('../simulator/seed.ts')).buildSeed();
}

export function registerSimulate(program: Command, _setExit: (code: number) => void): void {
  // The help lists the demo credentials from the seed itself, loaded only when simulate runs.
  let demoHelp = '';
  program.hook('preSubcommand', async (_program, sub) => {
    if (sub.name() === 'simulate') demoHelp = `\nDemo credentials:\n${credentialsText(await defaultSeed(), await defaultSeed())}\n`;
  });
  program
    .command('simulate')
    .description(
      'Run the embedded Jamf Pro simulator. With --openapi, it serves every operation of a Jamf Pro API document ' +
        '(a server\'s /api/schema, any version): the built-in resources natively, every other operation from the schema.',
    )
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--jamf-version <x.y.z>', 'Jamf Pro version to behave like (default 11.30.1, or the version in the --openapi file name)')
    .option('--openapi <file>', 'Jamf Pro API document to serve (schema mode), e.g. a saved /api/schema of your version')
    .option('--config <file>', 'JSON file overriding the default seed (may hold a "faults" section)')
    .option('--tls', 'serve HTTPS with a generated self-signed certificate')
    .option('--cert-out <file>', 'with --tls: write the certificate (PEM) here, for clients\' --ca (default: a file in the temp folder)')
    .option('--cluster', 'two nodes behind one URL with a jpro-ingress affinity cookie')
    .option('--cluster-lag <ms>', 'how long a write takes to reach the other node', '5000')
    .option('--faults <file>', 'JSON file describing faults to inject (replaces the config\'s "faults")')
    .addHelpText('after', () => demoHelp || '\nDemo credentials: listed by `jamf-contract simulate --help` and when the simulator starts.\n')
    .action(async (flags: SimulateFlags) => {
      const port = integer(flags.port, '--port', 0, 65535);
      const clusterLagMs = integer(flags.clusterLag, '--cluster-lag', 5000);
      if (flags.certOut !== undefined && !flags.tls) throw new JamfContractError('USAGE', '--cert-out needs --tls (without TLS there is no certificate).');
      const inputs = await readInputs(flags);
      const { startSimulator } = await import('../simulator/index.ts');
      const sim = await startSimulator({
        port,
        host: flags.host,
        ...(flags.jamfVersion ? { jamfVersion: flags.jamfVersion } : {}),
        ...(flags.openapi ? { openapi: flags.openapi } : {}),
        ...inputs,
        tls: !!flags.tls,
        cluster: !!flags.cluster,
        clusterLagMs,
      });
      const certFile = sim.ca ? writeCertificate(sim.ca, flags.certOut, sim.url) : undefined;
      // Handlers first: a client may signal as soon as it reads the URL line.
      const stopped = new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          // A certificate file we chose the place of goes with the server; one the user named stays.
          if (certFile && flags.certOut === undefined) rmSync(certFile, { force: true });
          void sim.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      const demo = await defaultSeed();
      const seed = inputs.seed ?? demo;
      const lines = [`Jamf Pro simulator ${sim.jamfVersion} listening on ${sim.url}`];
      if (sim.schema) {
        lines.push(`Serving ${basename(sim.schema.source)}: ${sim.schema.operations} operations, ${sim.schema.generated} of them generated from the schema.`);
      }
      if (certFile) lines.push(`TLS certificate (self-signed): ${certFile} (pass it to --ca)`);
      lines.push(credentialsText(seed, demo));
      const example = tokenExample(sim.url, seed, demo);
      if (example) lines.push(certFile ? example.replace('curl -s', `curl -s --cacert ${certFile}`) : example);
      process.stdout.write(`${lines.join('\n')}\n`);
      for (const notice of sim.notices) process.stderr.write(`note: ${notice}\n`);
      await stopped;
    });
}

function writeCertificate(pem: string, certOut: string | undefined, url: string): string {
  const file = resolve(certOut ?? join(tmpdir(), `jamf-contract-simulator-${new URL(url).port}.pem`));
  try {
    writeFileSync(file, pem, { mode: 0o644 });
  } catch (error) {
    throw new JamfContractError('SIMULATOR_START', `Cannot write the certificate to ${file}: ${(error as Error).message}. Choose another --cert-out.`);
  }
  return file;
}
