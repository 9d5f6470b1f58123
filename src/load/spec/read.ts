/**
 * Reading an API description into a plain document: from a file, a URL or a Jamf server's
 * `/api/schema`, as JSON or YAML, checked to be OpenAPI 3 or Swagger 2.0. Indexing and `$ref`
 * checks are not done here: the contract checks add them, the schema diff does not need them.
 */
import { readFile } from 'node:fs/promises';
import type * as Undici from 'undici';
import type * as Yaml from 'yaml';
import { lazyRequire } from '../../lazy-require.ts';
import { JamfContractError } from '../../errors.ts';
import { ANSWER_LIMIT_BYTES } from '../../limits.ts';
import type { SpecKind } from './operations.ts';

const undici = lazyRequire<typeof Undici>('undici');
const yaml = lazyRequire<typeof Yaml>('yaml');

export interface ReadSpecOptions {
  fetch?: typeof fetch;
  /** Accept self-signed certificates (a staging server, the simulator). */
  insecure?: boolean;
  /** Give up a download after this long; no limit when absent. */
  timeoutMs?: number;
}

export interface SpecDocument {
  /** Where the document came from, as reports may show it: a URL without credentials or query. */
  source: string;
  kind: SpecKind;
  document: Record<string, unknown>;
}

export async function readSpecDocument(source: string, opts: ReadSpecOptions = {}): Promise<SpecDocument> {
  const shown = shownSource(source);
  const document = parseDocument(await readSpecText(source, opts), shown);
  return { source: shown, kind: specKind(document, shown), document };
}

export async function readSpecText(source: string, opts: ReadSpecOptions = {}): Promise<string> {
  return isUrl(source) ? download(schemaUrl(source), opts) : readLocal(source);
}

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** A bare server URL (`https://host`, `https://host/api`) means its `/api/schema`; any other URL is fetched as given. */
export function schemaUrl(source: string): string {
  const url = new URL(source);
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '') url.pathname = '/api/schema';
  else if (path.endsWith('/api')) url.pathname = `${path}/schema`;
  return url.toString();
}

/** Errors and reports name a URL without a user, password, query or fragment: those may hold secrets. */
export function shownSource(source: string): string {
  if (!isUrl(source)) return source;
  try {
    const url = new URL(source);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return source.replace(/\/\/[^@/]*@/, '//').replace(/[?#].*$/, '');
  }
}

async function readLocal(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new JamfContractError('SPEC_READ', `Cannot read the API description ${path}: ${reason}. Give a file, a URL or a Jamf server URL.`, { cause: error });
  }
}

async function download(url: string, opts: ReadSpecOptions): Promise<string> {
  const shown = shownSource(url);
  const target = new URL(url);
  const headers: Record<string, string> = { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' };
  // fetch refuses URLs with credentials: send them as Basic auth instead (a proxy may want them).
  if (target.username || target.password) {
    const pair = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  const dispatcher = opts.insecure ? new (undici().Agent)({ connect: { rejectUnauthorized: false } }) : undefined;
  const init: RequestInit & { dispatcher?: Undici.Agent } = { headers };
  if (opts.timeoutMs !== undefined) init.signal = AbortSignal.timeout(opts.timeoutMs);
  if (dispatcher) init.dispatcher = dispatcher;
  try {
    const response = await (opts.fetch ?? fetch)(target.toString(), init);
    if (!response.ok) {
      throw new JamfContractError('SPEC_READ', `Cannot download the API description from ${shown}: the server answered ${response.status}. Check the URL.`);
    }
    return await textUpTo(response, ANSWER_LIMIT_BYTES, shown);
  } catch (error) {
    if (error instanceof JamfContractError) throw error;
    // undici's own message is "fetch failed"; the cause says why (refused, certificate, timeout).
    const raw = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    const reason = raw.split(url).join(shown).split(target.toString()).join(shown);
    throw new JamfContractError('SPEC_READ', `Cannot download the API description from ${shown}: ${reason}. Check the URL and that the server is reachable.`, { cause: error });
  } finally {
    await dispatcher?.close();
  }
}

/**
 * The body as UTF-8 text (as `text()` reads it), or SPEC_READ once it passes `maxBytes`. An
 * answer without a stream (the tool's own client's, read whole already, at most 100 MB) is its text.
 */
async function textUpTo(response: Response, maxBytes: number, shown: string): Promise<string> {
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new JamfContractError('SPEC_READ', `Cannot download the API description from ${shown}: the answer is larger than ${Math.round(maxBytes / 2 ** 20)} MB (Jamf's are a few MB). Check the URL.`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export function parseDocument(text: string, source: string): Record<string, unknown> {
  const trimmed = text.trimStart();
  let value: unknown;
  try {
    // A `.json` file is JSON even when broken: YAML would read "not json {" as a string and hide the typo.
    const json = trimmed.startsWith('{') || trimmed.startsWith('[') || /\.json$/i.test(source.replace(/[?#].*$/, ''));
    // Jamf's Classic swagger is YAML with unquoted dates and an empty-string key; the YAML 1.2
    // core schema keeps dates as strings, and duplicate keys are tolerated rather than fatal.
    // Aliases are bounded: a document whose aliases expand without end (a "billion laughs"
    // file, from a file or a server) would hold the run forever while its schemas are walked.
    // Jamf's files use none.
    value = json ? JSON.parse(trimmed) : yaml().parse(text, { uniqueKeys: false, maxAliasCount: 1000 });
  } catch (error) {
    throw new JamfContractError('SPEC_PARSE', `The API description ${source} is neither valid JSON nor valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new JamfContractError('SPEC_NOT_OPENAPI', `The API description ${source} is not an object: expected an OpenAPI 3 or Swagger 2.0 document.`);
  }
  return value as Record<string, unknown>;
}

export function specKind(doc: Record<string, unknown>, source: string): SpecKind {
  const paths = doc.paths;
  const hasPaths = !!paths && typeof paths === 'object' && !Array.isArray(paths);
  if (typeof doc.openapi === 'string' && /^3\./.test(doc.openapi) && hasPaths) return 'openapi3';
  if (String(doc.swagger) === '2.0' && hasPaths) return 'swagger2';
  const found = doc.openapi !== undefined ? `openapi: ${String(doc.openapi)}` : doc.swagger !== undefined ? `swagger: ${String(doc.swagger)}` : 'no openapi or swagger field';
  throw new JamfContractError(
    'SPEC_NOT_OPENAPI',
    `${source} is not an OpenAPI 3.x or Swagger 2.0 document with paths (${found}${hasPaths ? '' : ', no paths'}). Give Jamf's /api/schema output or the Classic swagger.`,
  );
}
