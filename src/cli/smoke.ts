/**
 * `jamf-contract smoke`: generate the read-only suite for a server from its own schema and
 * run it at once, for the upgrade workflow (`--save-baseline` before, `--baseline` after).
 * The collection is generated in memory and handed to the runner as a temp file (or kept
 * with `--save-collection`); deprecated operations stay in their tag's folder, so a request
 * keeps its baseline identity when its operation becomes deprecated. By default the suite
 * holds what the credentials may read (`--privileges-of self`), so a least-privilege QA
 * client gets a green run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { parseVars, resolveConnection, type ResolvedConnection } from '../config.ts';
import { ExitCode, JamfContractError } from '../errors.ts';
import type { RunningSimulator } from '../simulator/index.ts';
import { Redactor } from '../secrets.ts';
import type { TlsOptions } from '../wire/tls.ts';
import { parseTolerate } from '../validate/tolerate.ts';
import { demoCredentialsFor } from './demo.ts';
import { addGenerationOptions, sourceFlags, timeoutOf, type GenerateFlags } from './generate.ts';
import { colorFor } from './newman-flags.ts';
import { addReportOptions, buildReporters, reporterList, type ReportFlags } from './report-flags.ts';
import { baselineFromFlags, type BaselineFlags, type BaselineRun } from './run-baseline.ts';
import { exitCodeFor } from './run.ts';
import { stopOnSignals } from './signals.ts';
import { collect } from './collect.ts';

type SmokeFlags = Omit<GenerateFlags, 'out' | 'format' | 'force' | 'name' | 'quiet' | 'deprecatedInPlace'> & ReportFlags & BaselineFlags & {
  saveCollection?: string;
  retries: string;
  failOn: string;
  tolerate: string[];
  strict?: boolean;
  strictFormats?: boolean;
  jamfVersion: string;
  simulatorOpenapi?: string;
  color: boolean | string;
};


export function registerSmoke(program: Command, setExit: (code: number) => void): void {
  const command = program
    .command('smoke')
    .summary('generate the read-only suite from a server\'s schema and run it (before and after an upgrade)')
    .description(
      'Generates the suite `generate` writes — every GET operation of the server\'s /api/schema, chained list → detail — ' +
        'and runs it against the same server with the contract checks. Record a baseline before a Jamf Pro upgrade and ' +
        'compare after it: statuses, tests, contract findings and body shapes that changed, request by request. With no ' +
        'server configured, the embedded simulator is used.\n\n' +
        'Secrets come from the environment (or --secrets-file), never from flags:\n' +
        '  JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET, JAMF_USERNAME, JAMF_PASSWORD',
    )
    .option('-s, --server <url>', 'Jamf Pro server URL (or JAMF_URL); none → the embedded simulator')
    .option('--openapi <source>', 'generate from (and check against) this Jamf Pro API document instead of the server\'s /api/schema');
  addGenerationOptions(command, 'leave out what this API client (its client id) cannot read; "self" (the default) for the credentials in use, "none" to keep every read. Without "Read API Roles" every read is kept')
    .option('--save-collection <file>', 'also keep the generated collection (v2.1 JSON)')
    .option('--retries <n>', 'resend a read answered 429 or 502/503/504 up to n times (0–2)', '2')
    .option('-r, --reporter <names>', 'reporters: cli, junit, json, html, ctrf, github (default cli, plus junit,json with --out)', collect, [])
    .option('-o, --out <dir>', 'where report files go (default: reports)')
    .option('--silent', 'no terminal output from the run')
    .addOption(new Option('--fail-on <level>', 'what contract findings fail the run').choices(['violation', 'warning', 'never']).default('violation'))
    .option('--tolerate <kind>', 'never fail for this finding kind: KIND or KIND@"METHOD /path" (repeatable)', collect, [])
    .option('--strict', 'a null where the schema says non-nullable is a violation, not a warning')
    .option('--strict-formats', 'check formats on empty strings too')
    .option('--save-baseline <file>', 'record this run as a baseline (before an upgrade)')
    .option('--baseline <file>', 'compare this run with a baseline (after an upgrade)')
    .option('--slower-factor <x>', 'with --baseline: report requests whose median time grew by this factor', '2')
    .option('--slower-min-ms <ms>', 'with --baseline: …and by at least this many milliseconds', '50')
    .option('--slower-min-samples <n>', 'with --baseline: …measured at least this many times on each side', '3')
    .addOption(new Option('--baseline-fail-on <level>', 'with --baseline: which changes fail the run').choices(['breaking', 'warning', 'never']).default('breaking'))
    .option('--jamf-version <version>', 'version profile of the embedded simulator', '11.30.1')
    .option('--simulator-openapi <file>', 'the embedded simulator in schema mode: serve every operation of this Jamf Pro API document')
    .option('--verbose', 'list every request that needs a value or was left out; a line for every request')
    .option('--no-color', 'no ANSI colours (NO_COLOR is honoured too)')
    .addHelpText(
      'after',
      '\nThe upgrade workflow:\n' +
        '  jamf-contract smoke --save-baseline before.json      # before the upgrade\n' +
        '  jamf-contract smoke --baseline before.json           # after: what changed, per request\n\n' +
        'Exit codes: 0 passed, 1 usage, 2 bad input, 3 could not run, 4 tests failed, contract violated or a breaking\n' +
        'change against the baseline, 130/143 stopped by SIGINT/SIGTERM.',
    )
    .action(async (opts: SmokeFlags, cmd: Command) => {
      if (cmd.getOptionValueSource('privilegesOf') === undefined) opts.privilegesOf = 'self';
      setExit(await smokeCommand(opts, cmd.getOptionValueSource('jamfVersion') !== 'default'));
    });
  addReportOptions(command);
}

async function smokeCommand(opts: SmokeFlags, versionGiven: boolean): Promise<number> {
  const redactor = new Redactor();
  const connection = resolveConnection({ server: opts.server, clientId: opts.clientId, username: opts.username, secretsFile: opts.secretsFile, scope: opts.scope, auth: opts.auth }, process.env);
  const timeoutMs = timeoutOf(opts.timeout);
  const maxRetries = Number(opts.retries);
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 2) throw new JamfContractError('USAGE', `--retries takes 0, 1 or 2 (got "${opts.retries}").`);
  if (opts.simulatorOpenapi && connection.serverUrl) throw new JamfContractError('USAGE', '--simulator-openapi applies to the embedded simulator only: drop it, or drop --server / JAMF_URL.');
  sourceFlags(opts);
  const tolerate = parseTolerate(opts.tolerate);
  // A bad baseline file stops the smoke test before anything is generated or sent.
  const baseline = await baselineFromFlags(opts, reporterList(opts).includes('json') ? (opts.out ?? 'reports') : undefined);
  const simulator = connection.serverUrl ? undefined : await startEmbedded(opts, versionGiven, connection);
  const scratch = mkdtempSync(join(tmpdir(), 'jamf-contract-smoke-'));
  try {
    const serverUrl = simulator?.url ?? connection.serverUrl!;
    const tls: TlsOptions = { insecure: opts.insecure ?? false, ...(opts.ca ? { caFile: opts.ca } : {}) };
    const file = await generateFor(opts, serverUrl, connection, tls, timeoutMs, redactor, opts.saveCollection ?? join(scratch, 'jamf-pro-api.postman_collection.json'));
    return await runGenerated(opts, { file, serverUrl, connection, tls, timeoutMs, maxRetries, redactor, baseline, tolerate, simulator: Boolean(simulator) });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await simulator?.close();
  }
}

async function startEmbedded(opts: SmokeFlags, versionGiven: boolean, connection: ResolvedConnection): Promise<RunningSimulator> {
  const simulator = await (await import('../simulator/index.ts')).startSimulator({
    ...(versionGiven || !opts.simulatorOpenapi ? { jamfVersion: opts.jamfVersion } : {}),
    ...(opts.simulatorOpenapi ? { openapi: opts.simulatorOpenapi } : {}),
    quiet: true,
  });
  process.stderr.write(`No server configured: smoke-testing the embedded Jamf Pro simulator ${simulator.jamfVersion} at ${simulator.url}${simulator.schema ? `, serving ${simulator.schema.source}` : ''}\n`);
  for (const notice of simulator.notices) process.stderr.write(`note: ${notice}\n`);
  if (!connection.credentials.clientId && !connection.credentials.username) Object.assign(connection.credentials, demoCredentialsFor(simulator.jamfVersion));
  return simulator;
}

/** Generates the suite for the server and writes it where the runner reads it; the summary goes to stderr. */
async function generateFor(opts: SmokeFlags, serverUrl: string, connection: ResolvedConnection, tls: TlsOptions, timeoutMs: number, redactor: Redactor, file: string): Promise<string> {
  // Loaded when used, not when the CLI starts.
  const { loadSources } = await import('../generate/sources.ts');
  const { generateCollection, renderSummary } = await import('../generate/index.ts');
  const { writeCollection } = await import('../generate/write.ts');
  const sources = await loadSources({
    ...(opts.openapi ? { openapi: opts.openapi } : {}),
    serverUrl,
    ...sourceFlags(opts),
    privilegesOptional: true,
    credentials: connection.credentials,
    auth: connection.auth,
    tls,
    timeoutMs,
    redactor,
  });
  const { collection, summary } = generateCollection({
    document: sources.document,
    ...(sources.classic ? { classic: sources.classic } : {}),
    deprecated: opts.excludeDeprecated ? 'exclude' : 'in-place',
    vars: parseVars(opts.var),
    ...(sources.grants ? { grants: sources.grants } : {}),
    ...(opts.includeSecrets ? { includeSecrets: true } : {}),
  });
  if (!opts.silent) {
    for (const notice of sources.notices) process.stderr.write(`note: ${redactor.redact(notice)}\n`);
    process.stderr.write(redactor.redact(renderSummary(summary, { verbose: opts.verbose ?? false })));
  }
  await writeCollection(collection, 'v2.1', file);
  return file;
}

interface RunContext {
  file: string;
  serverUrl: string;
  connection: ResolvedConnection;
  tls: TlsOptions;
  timeoutMs: number;
  maxRetries: number;
  redactor: Redactor;
  baseline: BaselineRun | undefined;
  tolerate: ReturnType<typeof parseTolerate>;
  simulator: boolean;
}

async function runGenerated(opts: SmokeFlags, ctx: RunContext): Promise<number> {
  const stop = stopOnSignals(process.stderr);
  try {
    const { runCollections } = await import('../execute/run.ts');
    const { contractFor } = await import('../validate/for-run.ts');
    const summary = await runCollections({
      signal: stop.signal,
      collections: [ctx.file],
      serverUrl: ctx.serverUrl,
      credentials: ctx.connection.credentials,
      auth: ctx.connection.auth,
      tls: ctx.tls,
      timeoutMs: ctx.timeoutMs,
      maxRetries: ctx.maxRetries,
      reporters: buildReporters(opts, {
        stdout: process.stdout,
        stderr: process.stderr,
        isTTY: Boolean(process.stderr.isTTY),
        color: colorFor(opts.color, process.env, Boolean(process.stdout.isTTY)),
        verbose: opts.verbose ?? false,
        redact: (text) => ctx.redactor.redact(text),
        failOn: opts.failOn as 'violation' | 'warning' | 'never',
        ...(process.env.GITHUB_STEP_SUMMARY ? { githubStepSummary: process.env.GITHUB_STEP_SUMMARY } : {}),
        flags: { 'Read-only': 'yes', Suite: 'generated from the server\'s schema (smoke)', 'Fail on': opts.failOn },
        baseline: (s) => ctx.baseline?.view(s),
      }),
      redactor: ctx.redactor,
      contract: contractFor({
        openapi: opts.openapi ?? 'auto',
        classicOpenapi: opts.classicOpenapi ?? 'auto',
        strict: opts.strict ?? false,
        strictFormats: opts.strictFormats ?? false,
        tolerate: ctx.tolerate,
        noCache: ctx.simulator,
      }),
      ...(ctx.baseline ? { shapeOf: ctx.baseline.shapeOf, onResult: ctx.baseline.add } : {}),
    });
    const code = exitCodeFor(summary, opts.failOn);
    if (summary.stopped) return code;
    const baselineCode = ctx.baseline ? await ctx.baseline.finish(summary, process.stdout) : ExitCode.ok;
    return code !== ExitCode.ok ? code : baselineCode;
  } finally {
    stop.dispose();
  }
}
