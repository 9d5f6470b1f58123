/**
 * `jamf-contract validate`: checks one captured response (from curl, a log) against the
 * contract with the same matcher, findings and tolerances as `run`.
 */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { ExitCode, JamfContractError } from '../errors.ts';
import type { Finding } from '../result.ts';
import { loadSpec, type LoadedSpec } from '../load/spec.ts';
import { createContractChecker, parseTolerate } from '../validate/index.ts';

interface ValidateFlags {
  openapi: string;
  method: string;
  path: string;
  status: string;
  contentType?: string;
  header: string[];
  body?: string;
  strict?: boolean;
  strictFormats?: boolean;
  tolerate: string[];
  json?: boolean;
}

export function registerValidate(program: Command, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('Check one captured response against the OpenAPI contract (exit 0 conforms, 4 violates)')
    .requiredOption('--openapi <spec>', 'OpenAPI/Swagger document: file path or http(s) URL (Jamf Pro or Classic)')
    .option('--method <method>', 'HTTP method of the request', 'GET')
    .requiredOption('--path <path>', 'request path, e.g. /api/v1/computers-inventory or /JSSResource/buildings (query ignored)')
    .option('--status <code>', 'response status code', '200')
    .option('--content-type <type>', 'response Content-Type (default: guessed from the body, JSON or XML)')
    .option('--header <name:value>', 'a response header (repeatable)', collect, [])
    .option('--body <file>', 'file holding the response body')
    .option('--strict', 'report null where the schema is not nullable as a violation')
    .option('--strict-formats', 'check formats on empty strings too (by default "" passes any format: Jamf sends it for unset values)')
    .option('--tolerate <kind>', 'finding kinds that never fail (still reported): KIND or KIND@"METHOD /path", comma list or repeat', collect, [])
    .option('--json', 'print the result as JSON')
    .action(async (flags: ValidateFlags) => {
      setExit(await runValidate(flags));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runValidate(flags: ValidateFlags): Promise<number> {
  const status = Number(flags.status);
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new JamfContractError('USAGE', `--status must be an HTTP status code, got "${flags.status}".`);
  const tolerate = parseTolerate(flags.tolerate);
  const spec = await loadSpec(flags.openapi);
  const body = flags.body ? await readBody(flags.body) : Buffer.alloc(0);
  const headers = parseHeaders(flags.header);
  const contentType = flags.contentType ?? headers['content-type'] ?? guessContentType(body);
  if (contentType) headers['content-type'] = contentType;
  const checker = createContractChecker({ [spec.api]: spec }, { strict: flags.strict, tolerate, tolerateEmptyFormats: !flags.strictFormats });
  const url = `http://captured.invalid${withBase(spec, flags.path)}`;
  const result = checker.check({ method: flags.method.toUpperCase(), url, status, headers, body });
  const violations = result.findings.filter((f) => f.severity === 'violation').length;
  const out = flags.json
    ? `${JSON.stringify({ operation: result.operation ?? null, conforms: violations === 0, findings: result.findings, notices: checker.notices() }, null, 2)}\n`
    : humanReport(result.operation, result.findings, checker.notices().map((n) => n.message));
  process.stdout.write(out);
  return violations === 0 ? ExitCode.ok : ExitCode.failed;
}

async function readBody(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new JamfContractError('BODY_READ', `Cannot read the response body file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, { cause: error });
  }
}

function parseHeaders(list: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const item of list) {
    const at = item.indexOf(':');
    if (at <= 0) throw new JamfContractError('USAGE', `--header must be "Name: value", got "${item}".`);
    headers[item.slice(0, at).trim().toLowerCase()] = item.slice(at + 1).trim();
  }
  return headers;
}

function guessContentType(body: Buffer): string | undefined {
  const start = body.toString('utf8', 0, Math.min(body.length, 64)).trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'application/json';
  if (start.startsWith('<')) return 'text/xml;charset=UTF-8';
  return undefined;
}

/** `/v1/buildings` → `/api/v1/buildings` for a Pro spec, so both spellings of the path work. */
function withBase(spec: LoadedSpec, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  const base = spec.basePaths.find((b) => b && clean.toLowerCase().startsWith(b.toLowerCase()));
  return base !== undefined ? clean : `${spec.basePaths[0] ?? ''}${clean}`;
}

function humanReport(operation: string | undefined, findings: Finding[], notices: string[]): string {
  const lines = notices.map((n) => `note: ${n}`);
  lines.push(operation ? `operation: ${operation}` : 'operation: (none matched)');
  for (const f of findings) {
    lines.push(`${f.severity.padEnd(9)} ${f.kind.padEnd(22)} ${f.pointer !== undefined ? `${f.pointer || '/'} ` : ''}${f.message}${detail(f)}${f.tolerated ? ' (tolerated)' : ''}`);
  }
  const violations = findings.filter((f) => f.severity === 'violation').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  lines.push(violations === 0 ? `conforms (${warnings} warning(s))` : `does not conform: ${violations} violation(s), ${warnings} warning(s)`);
  return `${lines.join('\n')}\n`;
}

/**
 * ` (expected X, got Y)` when the finding has an expectation. An undocumented path has none
 * (its message already names the request), so nothing is added rather than "expected undefined".
 */
function detail(f: Finding): string {
  if (f.expected === undefined) return '';
  return f.actual === undefined ? ` (expected ${show(f.expected)})` : ` (expected ${show(f.expected)}, got ${show(f.actual)})`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
