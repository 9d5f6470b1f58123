/**
 * Loading Postman collections: files or folders of them, in every format newman accepts
 * (v1, v2.0, v2.1 with or without `info`, in UTF-8 or UTF-16 with or without a BOM) and
 * Postman v12's v3 YAML directories, which newman cannot read. Every collection becomes the
 * same in-memory v2.1 JSON; nothing here touches the engine.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { JamfContractError } from '../errors.ts';
import { checkCollectionShape } from './collection-shape.ts';
import { parseCollectionJson } from './collection-json.ts';
import type { LoadedCollection, PostmanItem } from './postman-types.ts';
import { readText } from './text.ts';
import { hasV3Markers, loadV3Collection } from './v3/index.ts';

export { parseCollection } from './collection-json.ts';
export type { LoadedCollection } from './postman-types.ts';


/** Loads every collection named: files, v3 collection folders, or folders holding either. */
export async function loadCollections(paths: string[]): Promise<LoadedCollection[]> {
  const out: LoadedCollection[] = [];
  for (const p of paths) {
    const full = resolve(p);
    const info = await stat(full).catch((cause: unknown) => {
      throw new JamfContractError('COLLECTION_READ', `Cannot read collection "${p}": no such file or folder.`, { cause });
    });
    if (info.isDirectory()) {
      const found = await loadFolder(full);
      if (found.length === 0) {
        throw new JamfContractError(
          'COLLECTION_EMPTY',
          `Folder "${p}" holds no Postman collection (a v2.x *.json file, or a v3 collection folder with *.request.yaml files).`,
        );
      }
      out.push(...found);
    } else {
      out.push(await loadFile(full));
    }
  }
  return out;
}

async function loadFile(file: string): Promise<LoadedCollection> {
  if (/\.ya?ml$/i.test(file)) return loadYamlFileArgument(file);
  let text: string;
  try {
    text = await readText(file);
  } catch (cause) {
    throw new JamfContractError('COLLECTION_READ', `Cannot read collection "${file}".`, { cause });
  }
  return parseCollectionJson(text, file);
}

/** A v3 file given directly: its collection's definition names the folder to read. */
async function loadYamlFileArgument(file: string): Promise<LoadedCollection> {
  if (/[\\/]\.resources[\\/]definition\.ya?ml$/i.test(file)) return loadV3(resolve(file, '..', '..'));
  const kind = /\.environment\.ya?ml$/i.test(file) ? 'an environment (pass it with --env)' : /\.globals\.ya?ml$/i.test(file) ? 'a globals file (pass it with --globals)' : undefined;
  throw new JamfContractError(
    'COLLECTION_NOT_POSTMAN',
    kind ? `"${file}" is ${kind}, not a collection.` : `"${file}" is a single YAML file: pass the v3 collection's folder (the one holding its *.request.yaml files) instead.`,
  );
}

async function loadV3(dir: string): Promise<LoadedCollection> {
  const { collection, notices } = await loadV3Collection(dir);
  checkCollectionShape(collection, dir);
  const name = collection.info.name ?? basename(dir);
  if (countRequests(collection.item) === 0) {
    const why = notices.filter((n) => n.level === 'warning').map((n) => n.message);
    throw new JamfContractError('COLLECTION_EMPTY', `"${dir}" ("${name}") has no HTTP requests to run${why.length ? `: ${why.join(' ')}` : '.'}`);
  }
  return { file: dir, name, schemaVersion: '3.0.0', json: collection, notices };
}

/**
 * A folder is one v3 collection when it has a definition or request files; otherwise its
 * JSON collections (top level only) and the v3 collections below it (`postman/collections/…`).
 * The same collection found in both formats (a v3 folder and its v2.1 export) runs once, from v3.
 */
async function loadFolder(dir: string): Promise<LoadedCollection[]> {
  if (await isV3Root(dir)) return [await loadV3(dir)];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const json: LoadedCollection[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.toLowerCase().endsWith('.json')) continue;
    const file = join(dir, e.name);
    const text = await readText(file);
    // A folder may hold environments, data files or other JSON beside the collections: keep collections only.
    if (!looksLikeCollection(text)) continue;
    json.push(parseCollectionJson(text, file));
  }
  const v3: LoadedCollection[] = [];
  for (const root of await findV3Roots(dir, 0)) v3.push(await loadV3(root));
  return [...json.filter((j) => !sameAsV3(j, v3)), ...v3];
}

function sameAsV3(j: LoadedCollection, v3: LoadedCollection[]): boolean {
  const twin = v3.find((v) => v.name === j.name);
  if (!twin) return false;
  (twin.notices ??= []).push({
    level: 'info',
    code: 'SAME_COLLECTION_TWICE',
    message: `${j.name}: found as v3 (${basename(twin.file)}/) and as v2.1 (${basename(j.file)}); run once, from the v3 folder.`,
  });
  return true;
}

const SKIP_DIRS = new Set(['node_modules', 'reports', 'coverage']);

/** The v3 collection roots in (or at) `dir`. */
export async function findV3Collections(dir: string): Promise<string[]> {
  return (await isV3Root(dir)) ? [dir] : findV3Roots(dir, 0);
}

/** A definition or request files of its own, or a place in Postman's `postman/collections/` layout. */
async function isV3Root(dir: string): Promise<boolean> {
  return (await hasV3Markers(dir)) || isPostmanCollectionsDir(resolve(dir, '..'));
}

function isPostmanCollectionsDir(dir: string): boolean {
  return basename(dir) === 'collections' && basename(resolve(dir, '..')) === 'postman';
}

async function findV3Roots(dir: string, depth: number): Promise<string[]> {
  if (depth > 4) return [];
  const roots: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Postman's layout: every folder under postman/collections/ is a collection, definition or not.
  const collectionsOfPostman = isPostmanCollectionsDir(dir);
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
    const sub = join(dir, e.name);
    if (collectionsOfPostman || (await hasV3Markers(sub))) roots.push(sub);
    else roots.push(...(await findV3Roots(sub, depth + 1)));
  }
  return roots;
}

/**
 * A collection by its marks (schema URL, `_postman_id`), or, without them, JSON that parses to
 * what newman would run: an object with an `item` list, a v1 `requests` list, or the API wrapper.
 * Broken JSON with a collection's marks is reported; other files are not collections.
 */
function looksLikeCollection(text: string): boolean {
  if (/"_postman_variable_scope"/.test(text)) return false;
  if (/"_postman_id"|schema\.getpostman\.com\/json\/collection/.test(text)) return true;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return false;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const obj = json as Record<string, unknown>;
  const inner = (obj.collection && typeof obj.collection === 'object' ? obj.collection : obj) as Record<string, unknown>;
  return Array.isArray(inner.item) || (Array.isArray(inner.requests) && Array.isArray(inner.order));
}

export function countRequests(items: PostmanItem[] | undefined): number {
  let n = 0;
  for (const item of items ?? []) n += item.item ? countRequests(item.item) : item.request ? 1 : 0;
  return n;
}
