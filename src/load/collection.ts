/**
 * Loading Postman collections: files or folders of them, v2.0 and v2.1, as plain JSON.
 * Nothing here touches the engine; the JSON is handed on to resolve/auth/execute.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { JamfContractError } from '../errors.ts';
import type { PostmanCollection, PostmanItem } from './postman-types.ts';

export interface LoadedCollection {
  /** Absolute path of the file it came from. */
  file: string;
  name: string;
  schemaVersion: '2.0.0' | '2.1.0';
  json: PostmanCollection;
}

const SCHEMA = /collection\/v(\d+\.\d+\.\d+)\/collection\.json/;

/** Loads every collection named: files, or folders (their `*.json` files that are collections). */
export async function loadCollections(paths: string[]): Promise<LoadedCollection[]> {
  const out: LoadedCollection[] = [];
  for (const p of paths) {
    const full = resolve(p);
    const info = await stat(full).catch((cause: unknown) => {
      throw new JamfContractError('COLLECTION_READ', `Cannot read collection "${p}": no such file or folder.`, { cause });
    });
    if (info.isDirectory()) {
      const names = (await readdir(full)).filter((n) => n.endsWith('.json')).sort();
      const found: LoadedCollection[] = [];
      for (const name of names) {
        const text = await readFile(join(full, name), 'utf8');
        // A folder may hold environments or other JSON beside the collections: keep collections only.
        if (!looksLikeCollection(text)) continue;
        found.push(parseCollection(text, join(full, name)));
      }
      if (found.length === 0) {
        throw new JamfContractError('COLLECTION_EMPTY', `Folder "${p}" holds no Postman collection (*.json with info.schema).`);
      }
      out.push(...found);
    } else {
      out.push(parseCollection(await readFile(full, 'utf8'), full));
    }
  }
  return out;
}

function looksLikeCollection(text: string): boolean {
  return text.includes('schema.getpostman.com/json/collection') || text.includes('"_postman_id"');
}

/** Parses and checks one collection's text; `file` is only used in messages. */
export function parseCollection(text: string, file: string): LoadedCollection {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new JamfContractError('COLLECTION_PARSE', `"${file}" is not valid JSON (${detail}). Export the collection from Postman as "Collection v2.1".`, { cause });
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new JamfContractError('COLLECTION_NOT_POSTMAN', `"${file}" is not a Postman collection: expected a JSON object with "info" and "item".`);
  }
  const obj = json as Record<string, unknown>;
  if ('values' in obj && ('_postman_variable_scope' in obj || !('item' in obj))) {
    throw new JamfContractError('COLLECTION_NOT_POSTMAN', `"${file}" is a Postman environment, not a collection: pass it with --env.`);
  }
  const info = obj.info as Record<string, unknown> | undefined;
  const schema = typeof info?.schema === 'string' ? info.schema : undefined;
  if (!info || !Array.isArray(obj.item)) {
    const v1 = 'requests' in obj && 'order' in obj;
    throw new JamfContractError(
      v1 ? 'COLLECTION_VERSION' : 'COLLECTION_NOT_POSTMAN',
      v1
        ? `"${file}" is a Postman v1 collection, which is not supported. Re-export it from Postman as "Collection v2.1".`
        : `"${file}" is not a Postman collection: expected "info" and an "item" array.`,
    );
  }
  const version = schema ? SCHEMA.exec(schema)?.[1] : undefined;
  if (version !== '2.0.0' && version !== '2.1.0') {
    throw new JamfContractError(
      'COLLECTION_VERSION',
      `"${file}" has schema ${schema ? `"${schema}"` : '(none)'}; only Postman collection v2.0.0 and v2.1.0 are supported. Re-export it as "Collection v2.1".`,
    );
  }
  const collection = json as PostmanCollection;
  if (countRequests(collection.item) === 0) {
    throw new JamfContractError('COLLECTION_EMPTY', `"${file}" ("${String(info.name ?? '')}") has no requests.`);
  }
  return { file, name: String(info.name ?? file), schemaVersion: version, json: collection };
}

export function countRequests(items: PostmanItem[] | undefined): number {
  let n = 0;
  for (const item of items ?? []) n += item.item ? countRequests(item.item) : item.request ? 1 : 0;
  return n;
}
