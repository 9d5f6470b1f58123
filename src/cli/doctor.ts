/** `jamf-contract doctor`: the CLI face of `runDoctor`. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { resolveConnection } from '../config.ts';
import { ExitCode } from '../errors.ts';
import { userCacheDir } from '../cache-dir.ts';
import { Redactor } from '../secrets.ts';
import { DEMO_CREDENTIALS } from './demo.ts';
import { terminalSafe } from '../report/terminal.ts';

interface DoctorCliOptions {
  server?: string;
  auth: string;
  clientId?: string;
  username?: string;
  secretsFile?: string;
  scope?: string;
  insecure?: boolean;
  ca?: string;
  json?: boolean;
  allowWrites?: boolean;
  allowDestructive?: boolean;
  jamfVersion: string;
  color: boolean;
}

export function registerDoctor(program: Command, setExit: (code: number) => void): void {
  program
    .command('doctor')
    .summary('check a server and credentials, and explain why auth or privileges will fail before a run')
    .description(
      'Checks a Jamf Pro server and a set of credentials the way a run meets them: connection and TLS, ' +
        'version and auth schemes, the token and its claims, scope drift (client roles changed without a ' +
        'new secret), the privileges the given collections need, load-balancer consistency and clock skew. ' +
        'With no server configured, the embedded simulator is checked.\n\n' +
        'Secrets come from the environment (or --secrets-file), never from flags:\n' +
        '  JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET, JAMF_USERNAME, JAMF_PASSWORD',
    )
    .argument('[collections...]', 'Postman collections (files or folders) whose requests the privilege preflight checks')
    .option('-s, --server <url>', 'Jamf Pro server URL (or JAMF_URL)')
    .addOption(new Option('--auth <mode>', 'authentication').choices(['auto', 'client-credentials', 'user', 'basic', 'none']).default('auto'))
    .option('--client-id <id>', 'API client id (or JAMF_CLIENT_ID)')
    .option('--username <name>', 'user for user bearer tokens or Basic (or JAMF_USERNAME)')
    .option('--secrets-file <file>', 'KEY=value file with JAMF_CLIENT_SECRET / JAMF_PASSWORD')
    .option('--scope <roles>', 'request a subset of the client\'s roles ("api-role:1 api-role:2")')
    .option('-k, --insecure', 'do not verify TLS certificates (test servers only)')
    .option('--ca <file>', 'trust the CA certificates in this PEM file')
    .option('--allow-writes', 'also check the writes a run with --allow-writes would send')
    .option('--allow-destructive', 'with --allow-writes: also check destructive requests')
    .option('--json', 'print the report as JSON (for scripts)')
    .option('--jamf-version <version>', 'version profile of the embedded simulator', '11.30.1')
    .option('--no-color', 'no ANSI colours (NO_COLOR is honoured too)')
    .addHelpText('after', '\nExit codes: 0 a run can proceed, 1 usage, 2 bad input, 3 a run cannot proceed (see the failed checks).')
    .action(async (collections: string[], opts: DoctorCliOptions) => {
      setExit(await doctorCommand(collections, opts));
    });
}

async function doctorCommand(collections: string[], opts: DoctorCliOptions): Promise<number> {
  const redactor = new Redactor();
  const connection = resolveConnection(
    { server: opts.server, clientId: opts.clientId, username: opts.username, secretsFile: opts.secretsFile, scope: opts.scope, auth: opts.auth },
    process.env,
  );
  const embedded = !connection.serverUrl;
  const simulator = embedded
    ? await (await import('../simulator/index.ts')).startSimulator({ jamfVersion: opts.jamfVersion, quiet: true })
    : undefined;
  if (simulator) {
    process.stderr.write(`No server configured: checking the embedded Jamf Pro simulator ${opts.jamfVersion} at ${simulator.url}\n`);
    if (!connection.credentials.clientId && !connection.credentials.username) {
      connection.credentials.clientId = DEMO_CREDENTIALS.clientId;
      connection.credentials.clientSecret = DEMO_CREDENTIALS.clientSecret;
    }
  }
  try {
    // Loaded when the command runs: the doctor's checks are not needed to start the CLI.
    const { renderDoctorText, runDoctor } = await import('../doctor/index.ts');
    const report = await runDoctor({
      serverUrl: simulator?.url ?? connection.serverUrl!,
      credentials: connection.credentials,
      auth: connection.auth,
      tls: { insecure: opts.insecure ?? false, ...(opts.ca ? { caFile: opts.ca } : {}) },
      collections,
      redactor,
      embedded,
      allowWrites: opts.allowWrites ?? false,
      allowDestructive: opts.allowDestructive ?? false,
      ...(simulator ? {} : { specCacheDir: userCacheDir() }),
    });
    const color = opts.color && !process.env.NO_COLOR && Boolean(process.stdout.isTTY);
    const text = opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderDoctorText(report, { color });
    // JSON escapes its own control characters; text gets them made visible.
    process.stdout.write(opts.json ? redactor.redact(text) : terminalSafe(redactor.redact(text)));
    return report.canRun ? ExitCode.ok : ExitCode.cannotRun;
  } finally {
    await simulator?.close();
  }
}
