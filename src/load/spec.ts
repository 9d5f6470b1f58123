/**
 * Loading API descriptions: Jamf Pro's OpenAPI 3 (`/api/schema`), Jamf's Classic Swagger 2.0
 * and the Classic gateway OpenAPI. JSON or YAML, from a file or an http(s) URL. Loading
 * parses, checks every internal `$ref` resolves and indexes the operations; no schema is
 * compiled here (that happens lazily, per operation, in `validate/`).
 */
import { readFile, mkdir, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { JamfContractError } from '../errors.ts';
import { asRecord, buildIndex, type ApiKind, type OperationIndex, type SpecKind } from './spec/operations.ts';
import { parseDocument, readSpecText, shownSource, specKind, type ReadSpecOptions } from './spec/read.ts';

export type { ApiKind, Operation, OperationIndex, Segment, SpecKind } from './spec/operations.ts';
export { parseDocument, readSpecDocument, schemaUrl, shownSource, specKind, type ReadSpecOptions, type SpecDocument } from './spec/read.ts';

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

export interface LoadSpecOptions extends ReadSpecOptions {
  kind?: ApiKind;
}

/** A file, a URL, or a bare Jamf server URL (read at its `/api/schema`). */
export async function loadSpec(source: string, opts: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const text = await readSpecText(source, opts);
  return specFromText(text, shownSource(source), opts.kind);
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
  /** `classic`: the server's Classic swagger, `/classicapi/doc/swagger.yaml` (default `pro`: `/api/schema`). */
  api?: ApiKind;
}

/**
 * Jamf Pro serves its own contracts: `/api/schema` and the Classic swagger (no auth). Their
 * `info.version` says nothing of the server's ("production"), so the cache is keyed by the
 * server and the version the caller looked up: each is downloaded once per server and version.
 * Throws SPEC_READ (with the status) when the server gives none: a run stops rather than go on
 * without checks (or, for a Classic swagger the server does not publish, says so).
 */
export async function resolveAutoSpec(opts: AutoSpecOptions): Promise<LoadedSpec | undefined> {
  const api = opts.api ?? 'pro';
  const base = opts.serverUrl.replace(/\/+$/, '').replace(/\/api$/i, '');
  const url = api === 'classic' ? `${base}/classicapi/doc/swagger.yaml` : `${base}/api/schema`;
  const shown = shownSource(url);
  const version = opts.jamfVersion.replace(/[^\w.-]/g, '_');
  const cacheFile = join(opts.cacheDir, api === 'classic' ? `${cacheName(base)}-${version}-classic.yaml` : `${cacheName(base)}-${version}.json`);
  const cached = await readFile(cacheFile, 'utf8').catch(() => undefined);
  if (cached !== undefined) {
    try {
      return specFromText(cached, shown, api);
    } catch {
      // A damaged cache entry is downloaded again.
    }
  }
  let response: Response;
  try {
    response = await opts.fetch(url, { headers: { accept: api === 'classic' ? 'application/yaml, application/json;q=0.9, */*;q=0.5' : 'application/json' } });
  } catch (error) {
    throw new JamfContractError('SPEC_READ', `Cannot download the API schema from ${shown}: ${(error as Error).message.split(url).join(shown)}.`, { cause: error });
  }
  if (!response.ok) throw new JamfContractError('SPEC_READ', `${shown} answered ${response.status}.`);
  const text = await response.text();
  const spec = specFromText(text, shown, api);
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
