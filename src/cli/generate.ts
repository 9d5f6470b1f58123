/** `jamf-contract generate`: a read-only contract suite for a Jamf Pro server, from its own schema. */
import { Command, Option } from 'commander';
import { parseVars, resolveConnection } from '../config.ts';
import { ExitCode, JamfContractError } from '../errors.ts';
import type { DeprecatedMode } from '../generate/index.ts';
import type { OutputFormat } from '../generate/write.ts';
import { Redactor } from '../secrets.ts';
import { collect } from './collect.ts';

export interface GenerateFlags {
  openapi?: string;
  server?: string;
  out?: string;
  format: string;
  force?: boolean;
  var: string[];
  excludeDeprecated?: boolean;
  deprecatedInPlace?: boolean;
  includeClassic?: boolean;
  classicOpenapi?: string;
  privilegesOf?: string;
  includeSecrets?: boolean;
  name?: string;
  auth: string;
  clientId?: string;
  username?: string;
  secretsFile?: string;
  scope?: string;
  insecure?: boolean;
  ca?: string;
  timeout: string;
  quiet?: boolean;
  verbose?: boolean;
}


/** The generation options `generate` and `smoke` share. */
export function addGenerationOptions(command: Command, privileges = 'leave out what this API client (its client id) cannot read, or "self" for the credentials in use; needs "Read API Roles" (and "Read API Integrations" for a client id)'): Command {
  return command
    .option('--var <key=value>', 'a value for a parameter no list enumerates: the variable\'s name (v1.dock-items.id=3) or the bare parameter name (clientManagementId=…) for every such parameter (repeatable)', collect, [])
    .option('--exclude-deprecated', 'leave deprecated operations out')
    .option('--include-classic', 'also the Classic API: each resource\'s list and its detail by id, from the server\'s Classic swagger (or --classic-openapi)')
    .option('--classic-openapi <source>', 'with --include-classic: Jamf\'s Classic swagger, a file or URL')
    .option('--privileges-of <client>', privileges)
    .option('--include-secrets', 'also read local admin passwords (LAPS): Jamf audits every view and rotates the password after it')
    .addOption(new Option('--auth <mode>', 'authentication, for --privileges-of (and a schema the server will not serve without a token)').choices(['auto', 'client-credentials', 'user', 'basic', 'none']).default('auto'))
    .option('--client-id <id>', 'API client id (or JAMF_CLIENT_ID)')
    .option('--username <name>', 'user for user bearer tokens (or JAMF_USERNAME)')
    .option('--secrets-file <file>', 'KEY=value file with JAMF_CLIENT_SECRET / JAMF_PASSWORD')
    .option('--scope <roles>', 'request a subset of the client\'s roles ("api-role:1 api-role:2")')
    .option('-k, --insecure', 'do not verify TLS certificates (test servers only)')
    .option('--ca <file>', 'trust the CA certificates in this PEM file')
    .option('--timeout <ms>', 'timeout for each download and call, in milliseconds', '60000');
}

export function registerGenerate(program: Command, setExit: (code: number) => void): void {
  const command = program
    .command('generate')
    .summary('generate a read-only contract suite (a Postman collection) from a Jamf Pro server\'s own schema')
    .description(
      'Turns a Jamf Pro API schema (--openapi FILE, or the server\'s /api/schema with --server URL) into a Postman ' +
        'collection: one request per GET operation, in folders by tag (deprecated ones in a "Deprecated" folder, naming ' +
        'their replacement), in a stable order with stable ids, so two generations differ only where the API does. ' +
        'Detail requests take their ids from the first item of their list through variables the list\'s test script ' +
        'sets; a parameter no list enumerates takes --var, or the request is listed as needing a value and a run skips ' +
        'it (never sent with a placeholder). Queries are small: page-size 5, section=GENERAL, required parameters from ' +
        'the schema\'s examples, enums and defaults. Tests check the documented 2xx status and content type; `run` adds ' +
        'the contract checks.\n\n' +
        'Secrets come from the environment (or --secrets-file), never from flags:\n' +
        '  JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET, JAMF_USERNAME, JAMF_PASSWORD',
    )
    .option('--openapi <source>', 'the Jamf Pro API document: a file or URL (a saved /api/schema)')
    .option('-s, --server <url>', 'Jamf Pro server: its /api/schema (unless --openapi), Classic swagger and roles (or JAMF_URL)')
    .option('-o, --out <path>', 'where to write: a .json file (v2.1), a folder (--format v3); stdout when absent (v2.1)')
    .addOption(new Option('--format <format>', 'Postman collection v2.1 JSON, or v3 (Postman v12\'s YAML folder)').choices(['v2.1', 'v3']).default('v2.1'))
    .option('--force', 'with --format v3: replace an existing v3 collection folder')
    .option('--deprecated-in-place', 'keep deprecated operations in their tag\'s folder (a request then keeps its place when its operation becomes deprecated)')
    .option('--name <name>', 'the collection\'s name', 'Jamf Pro API (generated)')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--verbose', 'list every request that needs a value and every operation left out');
  addGenerationOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  jamf-contract generate --openapi jamf-pro-api-11.30.1.json -o jamf-pro.postman_collection.json\n' +
        '  jamf-contract generate --server https://acme.jamfcloud.com --format v3 -o postman/collections/jamf-pro --force\n' +
        '  JAMF_CLIENT_ID=… JAMF_CLIENT_SECRET=… jamf-contract generate --server https://acme.jamfcloud.com \\\n' +
        '      --privileges-of self --include-classic -o suite.json\n' +
        '  jamf-contract generate --server https://acme.jamfcloud.com --var clientManagementId=… -o suite.json\n' +
        '  jamf-contract run suite.json --var v1.dock-items.id=3       # or at run time, by the name the summary lists\n\n' +
        'The summary (stderr) lists what needs a value and what was left out.\n' +
        'Exit codes: 0 written, 1 usage, 2 bad input (schema), 3 could not read the server or its roles.',
    )
    .action(async (opts: GenerateFlags, cmd: Command) => {
      setExit(await generateCommand(opts, cmd.getOptionValueSource('name') !== 'default'));
    });
}

async function generateCommand(opts: GenerateFlags, named: boolean): Promise<number> {
  if (opts.excludeDeprecated && opts.deprecatedInPlace) throw new JamfContractError('USAGE', '--exclude-deprecated and --deprecated-in-place contradict each other: use one.');
  const redactor = new Redactor();
  const connection = resolveConnection({ server: opts.server, clientId: opts.clientId, username: opts.username, secretsFile: opts.secretsFile, scope: opts.scope, auth: opts.auth }, process.env);
  // Loaded when used, not when the CLI starts.
  const { loadSources } = await import('../generate/sources.ts');
  const { generateCollection, renderSummary } = await import('../generate/index.ts');
  const { writeCollection } = await import('../generate/write.ts');
  const sources = await loadSources({
    ...(opts.openapi ? { openapi: opts.openapi } : {}),
    ...(connection.serverUrl ? { serverUrl: connection.serverUrl } : {}),
    ...sourceFlags(opts),
    credentials: connection.credentials,
    auth: connection.auth,
    tls: { insecure: opts.insecure ?? false, ...(opts.ca ? { caFile: opts.ca } : {}) },
    timeoutMs: timeoutOf(opts.timeout),
    redactor,
  });
  const deprecated: DeprecatedMode = opts.excludeDeprecated ? 'exclude' : opts.deprecatedInPlace ? 'in-place' : 'folder';
  const { collection, summary } = generateCollection({
    document: sources.document,
    ...(sources.classic ? { classic: sources.classic } : {}),
    ...(named && opts.name ? { name: opts.name } : {}),
    deprecated,
    vars: parseVars(opts.var),
    ...(sources.grants ? { grants: sources.grants } : {}),
    ...(opts.includeSecrets ? { includeSecrets: true } : {}),
  });
  const written = await writeCollection(collection, opts.format as OutputFormat, opts.out, { force: opts.force ?? false });
  if (!opts.quiet) {
    for (const notice of sources.notices) process.stderr.write(`note: ${redactor.redact(notice)}\n`);
    process.stderr.write(redactor.redact(renderSummary(summary, { verbose: opts.verbose ?? false })));
    if (written.length > 0) process.stderr.write(`Written: ${opts.format === 'v3' ? `${opts.out} (${written.length} files)` : written[0]}\n`);
  }
  return ExitCode.ok;
}

/** The flags that shape what is read, shared with `smoke`. */
export function sourceFlags(opts: Pick<GenerateFlags, 'includeClassic' | 'classicOpenapi' | 'privilegesOf'>): { includeClassic?: boolean; classicOpenapi?: string; privilegesOf?: string } {
  if (opts.classicOpenapi && !opts.includeClassic) throw new JamfContractError('USAGE', '--classic-openapi is read with --include-classic: add it, or drop --classic-openapi.');
  const privilegesOf = opts.privilegesOf === 'none' ? undefined : opts.privilegesOf;
  return {
    ...(opts.includeClassic ? { includeClassic: true } : {}),
    ...(opts.classicOpenapi ? { classicOpenapi: opts.classicOpenapi } : {}),
    ...(privilegesOf ? { privilegesOf } : {}),
  };
}

export function timeoutOf(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1) throw new JamfContractError('USAGE', `--timeout takes a whole number of milliseconds, 1 or more (got "${value}").`);
  return n;
}
