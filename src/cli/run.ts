/** `jamf-contract run`: the CLI face of `runCollections`. */
import { Command, Option } from 'commander';
import { resolveConnection } from '../config.ts';
import { ExitCode, JamfContractError } from '../errors.ts';
import type { UnresolvedMode } from '../execute/gate.ts';
import type { RunOptions } from '../execute/run.ts';
import { paint } from '../report/color.ts';
import { outputClash } from '../report/files.ts';
import { exitCodeOf } from '../report/merge/exit.ts';
import type { FailOn } from '../report/verdict.ts';
import type { RunSummary } from '../result.ts';
import { Redactor } from '../secrets.ts';
import { parseTolerate } from '../validate/tolerate.ts';
import { demoCredentialsFor } from './demo.ts';
import { addNewmanOptions, colorFor, exitAfterNewmanFlags, type NewmanFlags } from './newman-flags.ts';
import { addReportOptions, buildReporters, reporterList, type ReportFlags } from './report-flags.ts';
import { stopOnSignals } from './signals.ts';
import { addEngineOptions, engineOptions, type EngineFlags } from './engine-flags.ts';
import { baselineFromFlags, type BaselineFlags } from './run-baseline.ts';
import { MAX_CONNECTIONS_PER_HOST } from '../wire/host-limit.ts';
import { addScaleOptions, refuseSingleServerFlags, runFleetCommand, shardSpec, type ScaleFlags } from './fleet.ts';
import { collect } from './collect.ts';
import { terminalSafe } from '../report/terminal.ts';

interface RunCliOptions extends BaselineFlags {
  server?: string;
  env?: string;
  globals?: string;
  var: string[];
  folder: string[];
  excludeFolder: string[];
  iterations?: string;
  iterationData?: string;
  bail?: boolean;
  delayRequest?: string;
  parallel: string;
  auth: string;
  clientId?: string;
  username?: string;
  secretsFile?: string;
  scope?: string;
  allowWrites?: boolean;
  allowDestructive?: boolean;
  strictVariables?: boolean;
  unresolved: string;
  insecure?: boolean;
  ca?: string;
  timeout: string;
  retries: string;
  reporter: string[];
  out?: string;
  openapi: string;
  classicOpenapi: string;
  strict?: boolean;
  strictFormats?: boolean;
  tolerate: string[];
  failOn: string;
  jamfVersion: string;
  simulatorOpenapi?: string;
  preflight?: boolean;
  dryRun?: boolean;
  verbose?: boolean;
}
type RunFlagsAll = RunCliOptions & ReportFlags & NewmanFlags & EngineFlags & ScaleFlags;


export function registerRun(program: Command, setExit: (code: number) => void): void {
  const command = program
    .command('run')
    .summary('run Postman collections against a Jamf Pro server (or the embedded simulator)')
    .description(
      'Runs Postman collections (files or folders) on Postman\'s engine against a Jamf Pro server. ' +
        'Authentication is handled for you; every response is checked against the OpenAPI contract. ' +
        'With no server configured, the embedded simulator is started and used.\n\n' +
        'Secrets come from the environment (or --secrets-file), never from flags:\n' +
        '  JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET, JAMF_USERNAME, JAMF_PASSWORD',
    )
    .argument('<collections...>', 'Postman collections: v2.0/v2.1 (or v1) JSON files, v3 collection folders (Postman v12), or folders holding either')
    .option('-s, --server <url>', 'Jamf Pro server URL, e.g. https://yourorg.jamfcloud.com — without /api or /JSSResource (or JAMF_URL)')
    .option('-e, --env <file>', 'Postman environment file (JSON, or v3 *.environment.yaml)')
    .option('-g, --globals <file>', 'Postman globals file (JSON, or v3 *.globals.yaml)')
    .option('--var <key=value>', 'set a variable (repeatable)', collect, [])
    .option('--folder <name>', 'run only this folder (repeatable)', collect, [])
    .option('--exclude-folder <name>', 'skip this folder (repeatable)', collect, [])
    .option('-n, --iterations <n>', 'run each collection n times (default: 1, or one per data row)')
    .option('-d, --iteration-data <file>', 'JSON array or CSV file: one row of variables per iteration')
    .option('--bail', 'stop at the first failed test or request that could not be made')
    .option('--delay-request <ms>', 'pause between requests (Jamf asks clients to pace themselves)')
    .option('--parallel <n>', 'requests in flight at once, 1-5: independent folders, requests, iterations and collections run side by side, reported in collection order, with fewer in flight when the server pushes back (docs/parallel.md)', '1')
    .addOption(new Option('--auth <mode>', 'authentication').choices(['auto', 'client-credentials', 'user', 'basic', 'none']).default('auto'))
    .option('--client-id <id>', 'API client id (or JAMF_CLIENT_ID)')
    .option('--username <name>', 'user for user bearer tokens or Basic (or JAMF_USERNAME)')
    .option('--secrets-file <file>', 'KEY=value file with JAMF_CLIENT_SECRET / JAMF_PASSWORD')
    .option('--scope <roles>', 'request a subset of the client\'s roles ("api-role:1 api-role:2")')
    .option('--allow-writes', 'send POST/PUT/PATCH/DELETE requests (held back by default, judged as really sent: see docs/safety.md)')
    .option('--allow-destructive', 'with --allow-writes: also send deletions, wipes, MDM commands, flushes, secret rotation…')
    .addOption(new Option('--unresolved <mode>', 'a request still using {{variables}} nothing defined when it is sent: skip it, send it as written (as Postman does), or fail (refuse the run up front)').choices(['skip', 'send', 'fail']).default('skip'))
    .option('--strict-variables', 'the same as --unresolved fail')
    .option('-k, --insecure', 'do not verify TLS certificates (test servers only)')
    .option('--ca <file>', 'trust the CA certificates in this PEM file')
    .option('--timeout <ms>', 'per-request timeout in milliseconds: for an answer to begin and each silence in it (a whole answer gets 5 times this)', '60000')
    .option('--retries <n>', 'resend a read answered 429 (after Retry-After) or 502/503/504 up to n times', '2')
    .option('-r, --reporter <names>', 'reporters: cli, junit, json, html, ctrf, github (comma list or repeat; default cli, plus junit,json when --out is given)', collect, [])
    .option('-o, --out <dir>', 'where report files go (default: reports)')
    .option('--openapi <source>', 'Jamf Pro API contract: auto (the server\'s /api/schema, cached per server and version), FILE, URL or none', 'auto')
    .option('--classic-openapi <source>', 'Classic API contract: auto (the server\'s Classic swagger, cached the same way), FILE, URL or none', 'auto')
    .option('--strict', 'a null where the schema says non-nullable is a violation, not a warning')
    .option('--strict-formats', 'check formats on empty strings too (Jamf sends email: ""; tolerated by default)')
    .option('--tolerate <kind>', 'never fail for this finding kind, still report it: KIND or KIND@"METHOD /path" (repeatable; any level)', collect, [])
    .addOption(new Option('--fail-on <level>', 'what contract findings fail the run').choices(['violation', 'warning', 'never']).default('violation'))
    .option('--save-baseline <file>', 'record this run (statuses, tests, findings, body shapes; no data) as a baseline')
    .option('--baseline <file>', 'compare this run with a baseline recorded before (e.g. before an upgrade)')
    .option('--slower-factor <x>', 'with --baseline: report requests whose median time grew by this factor', '2')
    .option('--slower-min-ms <ms>', 'with --baseline: …and by at least this many milliseconds', '50')
    .option('--slower-min-samples <n>', 'with --baseline: …measured at least this many times on each side', '3')
    .addOption(new Option('--baseline-fail-on <level>', 'with --baseline: which changes fail the run').choices(['breaking', 'warning', 'never']).default('breaking'))
    .option('--preflight', 'check auth and privileges first and stop with an explanation (default for real servers)')
    .option('--no-preflight', 'skip the preflight checks')
    .option('--dry-run', 'send nothing: print each request (variables resolved) and whether the run would send it, hold it back or skip it')
    .option('--jamf-version <version>', 'version profile of the embedded simulator', '11.30.1')
    .option('--simulator-openapi <file>', 'embedded simulator in schema mode: serve every operation of this Jamf Pro API document (any version; the version comes from --jamf-version or the file name)')
    .option('--verbose', 'a line for every request; stack traces on errors')
    .option('--no-color', 'no ANSI colours (NO_COLOR is honoured too)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  jamf-contract run collections/                       # embedded simulator\n' +
        '  JAMF_CLIENT_ID=… JAMF_CLIENT_SECRET=… jamf-contract run --server https://acme.jamfcloud.com \\\n' +
        '      --reporter cli,junit,html --out reports collections/\n' +
        '  jamf-contract run c.json -e env.json -r cli,junit --reporter-junit-export results.xml   # a newman command line\n' +
        '  jamf-contract run collections/ --shard 2/3 -r json --out reports   # one CI job of three; then: jamf-contract merge\n' +
        '  jamf-contract run collections/ --fleet fleet.yaml --hosts 4 --out reports   # every server of a fleet file\n\n' +
        'Read-only unless told otherwise: every request (scripts\' pm.sendRequest too) is judged at the wire as it is\n' +
        'really sent; writes need --allow-writes, deletions and device commands --allow-destructive as well.\n' +
        'The server\'s token never goes to another host: such requests are sent without it (a CREDENTIALS_KEPT warning).\n' +
        'Reports in --out are removed before a run starts, so they are always this run\'s (or absent).\n' +
        'Long runs: NODE_OPTIONS=--max-semi-space-size=8 sizes the main thread\'s young generation as Node starts\n' +
        '(3-5 % faster over 1,000 requests measured; the CLI cannot set it for itself).\n\n' +
        'Exit codes: 0 passed, 1 usage, 2 bad input, 3 could not run (auth, network, TLS, timeout, nothing sent), 4 tests failed or\n' +
        'contract violated, 130/143 stopped by SIGINT/SIGTERM (reports of what ran are written).',
    )
    .action(async (collections: string[], opts: RunFlagsAll, command: Command) => {
      // With --simulator-openapi, an unset --jamf-version means "the version in the file name".
      const versionGiven = command.getOptionValueSource('jamfVersion') !== 'default';
      setExit(exitAfterNewmanFlags(opts, await runCommand(collections, opts, versionGiven)));
    });
  addNewmanOptions(command);
  addReportOptions(command);
  addEngineOptions(command);
  addScaleOptions(command);
}

async function runCommand(collections: string[], opts: RunFlagsAll, versionGiven: boolean): Promise<number> {
  const redactor = new Redactor();
  const tolerate = parseTolerate(opts.tolerate);
  // Loaded here, not when the CLI starts: `--help` and the other commands do without them.
  const { contractFor } = await import('../validate/for-run.ts');
  const connection = resolveConnection(
    { server: opts.server, env: opts.env, var: opts.var, clientId: opts.clientId, username: opts.username, secretsFile: opts.secretsFile, scope: opts.scope, auth: opts.auth },
    process.env,
  );
  const iterations = opts.iterations === undefined ? undefined : positiveInt(opts.iterations, '--iterations');
  const delayMs = opts.delayRequest === undefined ? undefined : wholeNumber(opts.delayRequest, '--delay-request', 0);
  const parallel = wholeNumber(opts.parallel, '--parallel', 1);
  // Jamf's guidance is five connections to a server at a time.
  if (parallel > MAX_CONNECTIONS_PER_HOST) throw new JamfContractError('USAGE', `--parallel takes 1 to ${MAX_CONNECTIONS_PER_HOST} (got "${opts.parallel}"): Jamf asks clients to keep to ${MAX_CONNECTIONS_PER_HOST} connections to a server.`);
  const timeoutMs = positiveInt(opts.timeout, '--timeout');
  const maxRetries = Number(opts.retries);
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 2) {
    // postman-runtime allows three replays per request: one is kept for the 401 replay.
    throw new JamfContractError('USAGE', `--retries takes 0, 1 or 2 (got "${opts.retries}").`);
  }
  const overwrite = outputClash(
    [['--export-environment', opts.exportEnvironment], ['--save-baseline', opts.saveBaseline]],
    [...collections.map((c) => ['collection', c] as const), ['--env', opts.env], ['--globals', opts.globals], ['--iteration-data', opts.iterationData], ['--secrets-file', opts.secretsFile], ['--ca', opts.ca], ['--baseline', opts.baseline]],
    ['--export-environment --env', '--save-baseline --baseline'],
  );
  if (overwrite) throw new JamfContractError('USAGE', overwrite);
  const color = colorFor(opts.color, process.env, Boolean(process.stdout.isTTY));
  const shard = await shardSpec(opts);
  /** What a run takes besides its server, credentials, reporters and hooks (one run, or each server of a fleet). */
  const common = (embedded: boolean): Omit<RunOptions, 'serverUrl' | 'credentials'> => ({
    ...engineOptions(opts),
    collections,
    folders: opts.folder,
    excludeFolders: opts.excludeFolder,
    ...(shard ? { shard } : {}),
    ...(opts.env ? { envFile: opts.env } : {}),
    ...(opts.globals ? { globalsFile: opts.globals } : {}),
    vars: connection.vars,
    auth: connection.auth,
    ...(iterations ? { iterations } : {}),
    ...(opts.iterationData ? { iterationDataFile: opts.iterationData } : {}),
    ...(opts.bail ? { bail: true } : {}),
    ...(delayMs ? { delayMs } : {}),
    ...(parallel > 1 ? { parallel } : {}),
    allowWrites: opts.allowWrites ?? false,
    allowDestructive: opts.allowDestructive ?? false,
    unresolved: (opts.strictVariables ? 'fail' : opts.unresolved) as UnresolvedMode,
    tls: { insecure: opts.insecure ?? false, ...(opts.ca ? { caFile: opts.ca } : {}) },
    timeoutMs,
    maxRetries,
    contract: contractFor({
      openapi: opts.openapi,
      classicOpenapi: opts.classicOpenapi,
      strict: opts.strict ?? false,
      strictFormats: opts.strictFormats ?? false,
      tolerate,
      noCache: embedded,
    }),
  });
  if (opts.fleet) {
    refuseSingleServerFlags(opts as unknown as Record<string, unknown>);
    const failOn = opts.failOn as 'violation' | 'warning' | 'never';
    const preflight = (opts.preflight ?? true) ? (r: Redactor) => preflightHook(opts, r, color) : undefined;
    const code = await runFleetCommand({ file: opts.fleet, flags: { ...opts, failOn }, run: common(false), color, ...(preflight ? { preflight } : {}) });
    return exitAfterNewmanFlags(opts, code);
  }
  if (opts.fleetServer.length > 0 || opts.hosts !== undefined || opts.perHost !== undefined) {
    throw new JamfContractError('USAGE', '--fleet-server, --hosts and --per-host go with --fleet FILE.');
  }
  const reporters = buildReporters(opts, {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stderr.isTTY),
    color,
    verbose: opts.verbose ?? false,
    redact: (text) => redactor.redact(text),
    failOn: opts.failOn as 'violation' | 'warning' | 'never',
    ...(process.env.GITHUB_STEP_SUMMARY ? { githubStepSummary: process.env.GITHUB_STEP_SUMMARY } : {}),
    flags: runFlagsShown(opts),
    baseline: (summary) => baseline?.view(summary),
  });
  const baseline = await baselineFromFlags(opts, reporterList(opts).includes('json') ? (opts.out ?? 'reports') : undefined);
  // With no server anywhere (flag, JAMF_URL, environment file), the embedded simulator is the target.
  const embedded = !connection.serverUrl && !opts.env;
  if (opts.simulatorOpenapi && !embedded) {
    throw new JamfContractError('USAGE', '--simulator-openapi applies to the embedded simulator only: drop it, or drop --server / JAMF_URL / --env.');
  }
  // Loaded only when used: the simulator (certificates, parsers) is the heaviest import.
  const simulator = embedded
    ? await (await import('../simulator/index.ts')).startSimulator({
      ...(versionGiven || !opts.simulatorOpenapi ? { jamfVersion: opts.jamfVersion } : {}),
      ...(opts.simulatorOpenapi ? { openapi: opts.simulatorOpenapi } : {}),
      quiet: true,
    })
    : undefined;
  if (simulator) {
    const schemaNote = simulator.schema ? `, serving ${simulator.schema.source}` : '';
    process.stderr.write(`No server configured: running against the embedded Jamf Pro simulator ${simulator.jamfVersion} at ${simulator.url}${schemaNote}\n`);
    for (const notice of simulator.notices) process.stderr.write(`note: ${notice}\n`);
    if (!connection.credentials.clientId && !connection.credentials.username) {
      Object.assign(connection.credentials, demoCredentialsFor(simulator.jamfVersion));
    }
  }
  if (opts.dryRun) {
    try {
      const { planRun } = await import('../execute/dry-run.ts');
      const { renderDryRun } = await import('../report/dry-run.ts');
      const plan = await planRun({
        collections,
        folders: opts.folder,
        excludeFolders: opts.excludeFolder,
        ...(shard ? { shard } : {}),
        ...(simulator ? { serverUrl: simulator.url } : connection.serverUrl ? { serverUrl: connection.serverUrl } : {}),
        ...(opts.env ? { envFile: opts.env } : {}),
        vars: connection.vars,
        credentials: connection.credentials,
        auth: connection.auth,
        ...(iterations ? { iterations } : {}),
        ...(opts.iterationData ? { iterationDataFile: opts.iterationData } : {}),
        allowWrites: opts.allowWrites ?? false,
        allowDestructive: opts.allowDestructive ?? false,
        redactor,
      });
      process.stdout.write(renderDryRun(plan, paint(color), (text) => terminalSafe(redactor.redact(text))));
      return ExitCode.ok;
    } finally {
      await simulator?.close();
    }
  }
  const stop = stopOnSignals(process.stderr);
  try {
    const { runCollections } = await import('../execute/run.ts');
    const summary = await runCollections({
      signal: stop.signal,
      ...common(Boolean(simulator)),
      ...(simulator ? { serverUrl: simulator.url } : connection.serverUrl ? { serverUrl: connection.serverUrl } : {}),
      credentials: connection.credentials,
      reporters,
      redactor,
      ...(baseline ? { shapeOf: baseline.shapeOf, onResult: baseline.add } : {}),
      // On by default against real servers, off against the simulator (which is known to be healthy).
      ...((opts.preflight ?? !simulator) ? { preflight: preflightHook(opts, redactor, color) } : {}),
    });
    const code = exitCodeFor(summary, opts.failOn);
    if (summary.stopped) return code;
    const baselineCode = baseline ? await baseline.finish(summary, process.stdout) : ExitCode.ok;
    return code !== ExitCode.ok ? code : baselineCode;
  } finally {
    stop.dispose();
    await simulator?.close();
  }
}

/** What the HTML report's header says about how the run was set up. */
function runFlagsShown(opts: RunFlagsAll): Record<string, string> {
  const flags: Record<string, string> = {
    'Read-only': opts.allowWrites ? (opts.allowDestructive ? 'no: writes and destructive requests sent' : 'no: writes sent') : 'yes',
    'Pro API contract': opts.openapi,
    'Classic API contract': opts.classicOpenapi,
    'Fail on': opts.failOn,
  };
  if (opts.tolerate.length) flags.Tolerate = opts.tolerate.join(', ');
  if (opts.strict) flags.Strict = 'yes';
  if (opts.folder.length) flags.Folders = opts.folder.join(', ');
  if (opts.baseline) flags.Baseline = opts.baseline;
  if (opts.parallel !== '1') flags.Parallel = opts.parallel;
  return flags;
}

function preflightHook(opts: RunCliOptions, redactor: Redactor, color: boolean): NonNullable<RunOptions['preflight']> {
  return async ({ serverUrl, credentials, session, http, collections }) => {
    const { preflight, renderDoctorText } = await import('../doctor/index.ts');
    const { defaultSpecCacheDir } = await import('../validate/for-run.ts');
    const { ok, report } = await preflight({
      serverUrl,
      credentials,
      auth: session.scheme,
      session,
      http,
      redactor,
      loadedCollections: collections,
      // The same cache as the contract checks: the server's schema is downloaded once.
      specCacheDir: defaultSpecCacheDir(),
      allowWrites: opts.allowWrites ?? false,
      allowDestructive: opts.allowDestructive ?? false,
      // A preflight asks for no extra tokens: the node-consistency check does.
      leaveOut: ['affinity'],
    });
    if (ok) return;
    process.stderr.write(`${renderDoctorText(report, { color })}
`);
    throw new JamfContractError('PREFLIGHT_FAILED', 'The preflight checks above show this run cannot proceed; nothing was sent. Fix what they say, or pass --no-preflight to run anyway.');
  };
}

/**
 * 130/143 when a signal stopped the run; 3 when it was stopped by a tool failure, requests
 * could not be made, auth broke mid-run or nothing was sent at all; 4 for failed tests or
 * contract findings; else 0 (report/merge/exit.ts, shared with merged reports).
 */
export function exitCodeFor(summary: RunSummary, failOn: string): number {
  return exitCodeOf(summary, failOn as FailOn);
}

function positiveInt(value: string, flag: string): number {
  return wholeNumber(value, flag, 1);
}

function wholeNumber(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min) throw new JamfContractError('USAGE', `${flag} takes a whole number of ${min} or more (got "${value}").`);
  return n;
}
