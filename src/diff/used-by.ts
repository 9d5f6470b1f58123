/**
 * `--only-used-by`: the operations a Postman collection calls, as method + path patterns,
 * and the report narrowed to them. Collections write paths with `{{baseUrl}}` prefixes and
 * `{{id}}` or `:id` placeholders; those become wildcards matched against path templates.
 */
import { readFile, stat } from 'node:fs/promises';
import { JamfContractError } from '../errors.ts';
import { loadCollections } from '../load/collection.ts';
import { isObject, type JsonObject } from './load.ts';
import { summarize, type DiffReport } from './types.ts';

export interface UsedOperations {
  collections: string[];
  /** `GET` + segments, `*` for a placeholder. */
  calls: { method: string; segments: string[] }[];
}

/** Collection files, or folders of them (v2.1 files or Postman v12's v3 collections, as `run` reads them). */
export async function usedOperations(paths: string[]): Promise<UsedOperations> {
  const calls: UsedOperations['calls'] = [];
  const files: string[] = [];
  for (const path of paths) {
    for (const collection of await collectionsAt(path)) {
      files.push(collection.file);
      walkItems(collection.json.item, (request) => {
        const call = callOf(request);
        if (call) calls.push(call);
      });
    }
  }
  return { collections: files, calls };
}

/** A file is read as a collection; a folder (or a v3 file) loads as `run` loads it. */
async function collectionsAt(path: string): Promise<Array<{ file: string; json: JsonObject }>> {
  let isFolder = false;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    throw new JamfContractError('COLLECTION_READ', `Cannot read the collection ${path}: ${(error as Error).message}.`, { cause: error });
  }
  if (!isFolder && !/\.ya?ml$/i.test(path)) return [{ file: path, json: await readCollection(path) }];
  return (await loadCollections([path])).map((c) => ({ file: c.file, json: c.json as unknown as JsonObject }));
}

async function readCollection(file: string): Promise<JsonObject> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new JamfContractError('COLLECTION_READ', `Cannot read the collection ${file}: ${(error as Error).message}.`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new JamfContractError('COLLECTION_PARSE', `The collection ${file} is not valid JSON.`, { cause: error });
  }
  const collection = isObject(parsed) && isObject(parsed.collection) ? parsed.collection : parsed;
  if (!isObject(collection) || !Array.isArray(collection.item)) {
    throw new JamfContractError('COLLECTION_NOT_POSTMAN', `${file} is not a Postman collection (no "item" list).`);
  }
  return collection;
}

function walkItems(items: unknown, visit: (request: JsonObject) => void): void {
  if (!Array.isArray(items)) return;
  for (const item of items) {
    if (!isObject(item)) continue;
    if (Array.isArray(item.item)) walkItems(item.item, visit);
    else if (isObject(item.request)) visit(item.request);
    else if (typeof item.request === 'string') visit({ url: item.request, method: 'GET' });
  }
}

export function callOf(request: JsonObject): { method: string; segments: string[] } | undefined {
  const method = typeof request.method === 'string' ? request.method.toUpperCase() : 'GET';
  const raw = rawUrl(request.url);
  if (raw === undefined) return undefined;
  return { method, segments: pathSegments(raw) };
}

function rawUrl(url: unknown): string | undefined {
  if (typeof url === 'string') return url;
  if (!isObject(url)) return undefined;
  if (typeof url.raw === 'string') return url.raw;
  if (Array.isArray(url.path)) return `/${url.path.map(String).join('/')}`;
  if (typeof url.path === 'string') return url.path;
  return undefined;
}

/** `{{baseUrl}}/v1/buildings/:id?x=1` → `['v1', 'buildings', '*']`. */
export function pathSegments(raw: string): string[] {
  let rest = raw.replace(/[?#].*$/, '');
  rest = rest.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  // A leading variable is the server (`{{baseUrl}}`, `{{url}}`, `https://{{url}}`).
  rest = rest.replace(/^(\{\{[^}]*\}\})+/, '');
  const segments = rest.split('/').filter((s) => s !== '');
  if (segments[0] === 'api' || segments[0] === 'JSSResource') segments.shift();
  return segments.map((s) => (s.startsWith(':') || s.includes('{{') ? '*' : s));
}

function matches(call: { method: string; segments: string[] }, operation: string): boolean {
  const [method = '', path = ''] = operation.split(' ');
  if (method !== call.method) return false;
  const template = path.split('/').filter((s) => s !== '');
  if (template.length !== call.segments.length) return false;
  return template.every((t, i) => {
    const s = call.segments[i];
    return s === '*' || /^\{[^}]*\}$/.test(t) || t === s;
  });
}

export function narrowToUsed(report: DiffReport, used: UsedOperations): DiffReport {
  const isUsed = (operation: string): boolean => used.calls.some((call) => matches(call, operation));
  const entries = report.entries
    .map((entry) => ({ ...entry, operations: entry.operations.filter(isUsed) }))
    .filter((entry) => entry.operations.length > 0);
  const all = new Set(report.entries.flatMap((e) => e.operations).filter(isUsed));
  return { ...report, summary: summarize(entries), entries, usedBy: { collections: used.collections, operations: all.size } };
}
