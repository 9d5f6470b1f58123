/**
 * Loading API descriptions: Jamf Pro's OpenAPI 3 (`/api/schema`), Jamf's Classic Swagger 2.0
 * and the Classic gateway OpenAPI. JSON or YAML, from a file or an http(s) URL. Loading
 * parses, checks every internal `$ref` resolves and indexes the operations; no schema is
 * compiled here (that happens lazily, per operation, in `validate/`).
 */
import { readFile, mkdir, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { JamfContractError } from '../errors.ts';
import { asRecord, buildIndex, type ApiKind, type OperationIndex, type SpecKind } from './spec/operations.ts';

export type { ApiKind, Operation, OperationIndex, Segment, SpecKind } from './spec/operations.ts';

export interface LoadedSpec extends OperationIndex {
  /** File path or URL the document came from. */
  source: string;
  kind: SpecKind;
  api: ApiKind;
  /** `openapi` / `swagger` version string, e.g. `3.0.1`. */
  version: string;
  title: string;
  document: Record<string, unknown>;
}

export interface LoadSpecOptions {
  fetch?: typeof fetch;
  kind?: ApiKind;
}

export async function loadSpec(source: string, opts: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const text = /^https?:\/\//i.test(source) ? await download(source, opts.fetch ?? fetch) : await readLocal(source);
  return specFromText(text, source, opts.kind);
}

/** Parses and indexes a document already in memory (used by `loadSpec` and the auto cache). */
export function specFromText(text: string, source: string, api?: ApiKind): LoadedSpec {
  const document = parseDocument(text, source);
  return specFromDocument(document, source, api);
}

export function specFromDocument(document: Record<string, unknown>, source: string, api?: ApiKind): LoadedSpec {
  const kind = specKind(document, source);
  checkRefs(document, source);
  const resolvedApi = api ?? guessApi(document, kind);
  const info = asRecord(document.info);
  return {
    source,
    kind,
    api: resolvedApi,
    version: String(kind === 'openapi3' ? document.openapi : document.swagger),
    title: typeof info.title === 'string' ? info.title : resolvedApi === 'pro' ? 'Jamf Pro API' : 'Classic API',
    document,
    ...buildIndex(document, kind, resolvedApi),
  };
}

async function readLocal(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new JamfContractError('SPEC_READ', `Cannot read the API description ${path}: ${reason}.`, { cause: error });
  }
}

async function download(url: string, fetcher: typeof fetch): Promise<string> {
  let response: Response;
  try {
    response = await fetcher(url, { headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' } });
  } catch (error) {
    throw new JamfContractError('SPEC_READ', `Cannot download the API description from ${url}: ${(error as Error).message}. Check the URL and that the server is reachable.`, { cause: error });
  }
  if (!response.ok) {
    throw new JamfContractError('SPEC_READ', `Cannot download the API description from ${url}: the server answered ${response.status}.`);
  }
  return response.text();
}

function parseDocument(text: string, source: string): Record<string, unknown> {
  const trimmed = text.trimStart();
  let value: unknown;
  try {
    // Jamf's Classic swagger is YAML with unquoted dates and an empty-string key; the YAML 1.2
    // core schema keeps dates as strings, and duplicate keys are tolerated rather than fatal.
    value = trimmed.startsWith('{') || trimmed.startsWith('[') ? JSON.parse(text) : parseYaml(text, { uniqueKeys: false, maxAliasCount: -1 });
  } catch (error) {
    throw new JamfContractError('SPEC_PARSE', `The API description ${source} is neither valid JSON nor valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new JamfContractError('SPEC_NOT_OPENAPI', `The API description ${source} is not an object: expected an OpenAPI 3 or Swagger 2.0 document.`);
  }
  return value as Record<string, unknown>;
}

function specKind(doc: Record<string, unknown>, source: string): SpecKind {
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

function guessApi(doc: Record<string, unknown>, kind: SpecKind): ApiKind {
  if (kind === 'swagger2') return 'classic';
  const servers = JSON.stringify(doc.servers ?? []);
  if (/proclassic|JSSResource/i.test(servers)) return 'classic';
  const paths = Object.keys(asRecord(doc.paths));
  if (paths.length > 0 && paths.every((p) => p.startsWith('/tenant/{'))) return 'classic';
  return 'pro';
}

/** Every internal `$ref` must resolve: a broken one is bad input, named with where it is. */
function checkRefs(doc: Record<string, unknown>, source: string): void {
  const seen = new Map<string, boolean>();
  const stack: Array<{ value: unknown; at: string }> = [{ value: doc, at: '#' }];
  while (stack.length > 0) {
    const { value, at } = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], at: `${at}/${i}` });
      continue;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.$ref === 'string') {
      const ref = record.$ref;
      let ok = seen.get(ref);
      if (ok === undefined) {
        ok = ref.startsWith('#') && resolvePointer(doc, ref.slice(1), { uriFragment: true }) !== undefined;
        seen.set(ref, ok);
      }
      if (!ok) {
        const why = ref.startsWith('#') ? 'points nowhere' : 'is external (only references inside the document are supported)';
        throw new JamfContractError('SPEC_REF', `The API description ${source} has a broken $ref "${ref}" at ${at}: it ${why}.`);
      }
    }
    for (const key of Object.keys(record)) {
      if (key === 'example' || key === 'examples') continue;
      const child = record[key];
      if (child && typeof child === 'object') stack.push({ value: child, at: `${at}/${escapePointer(key)}` });
    }
  }
}

/** Follows a JSON pointer; `uriFragment` for pointers taken from a `$ref` (percent-encoded). */
export function resolvePointer(doc: unknown, pointer: string, opts: { uriFragment?: boolean } = {}): unknown {
  if (pointer === '') return doc;
  let current: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = (opts.uriFragment ? safeDecode(raw) : raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!current || typeof current !== 'object' || !(key in (current as object))) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export interface AutoSpecOptions {
  serverUrl: string;
  jamfVersion: string;
  fetch: typeof fetch;
  cacheDir: string;
}

/**
 * Jamf Pro serves its own contract at `/api/schema` (no auth). Its `info.version` is always
 * "production", so the cache is keyed by the server and the version the caller looked up.
 * Returns undefined when the server has no schema to give (the run goes on without checks).
 */
export async function resolveAutoSpec(opts: AutoSpecOptions): Promise<LoadedSpec | undefined> {
  const base = opts.serverUrl.replace(/\/+$/, '').replace(/\/api$/i, '');
  const url = `${base}/api/schema`;
  const cacheFile = join(opts.cacheDir, `${cacheName(base)}-${opts.jamfVersion.replace(/[^\w.-]/g, '_')}.json`);
  const cached = await readFile(cacheFile, 'utf8').catch(() => undefined);
  if (cached !== undefined) {
    try {
      return specFromText(cached, url, 'pro');
    } catch {
      // A damaged cache entry is downloaded again.
    }
  }
  let response: Response;
  try {
    response = await opts.fetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new JamfContractError('SPEC_READ', `Cannot download the API schema from ${url}: ${(error as Error).message}.`, { cause: error });
  }
  if (!response.ok) return undefined;
  const text = await response.text();
  let spec: LoadedSpec;
  try {
    spec = specFromText(text, url, 'pro');
  } catch {
    return undefined;
  }
  await mkdir(opts.cacheDir, { recursive: true });
  const temp = `${cacheFile}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, cacheFile);
  return spec;
}

function cacheName(serverUrl: string): string {
  try {
    const u = new URL(serverUrl);
    return `${u.hostname}_${u.port || (u.protocol === 'https:' ? '443' : '80')}${u.pathname.replace(/[^\w.-]/g, '_')}`.replace(/_+$/, '');
  } catch {
    return serverUrl.replace(/[^\w.-]/g, '_');
  }
}
