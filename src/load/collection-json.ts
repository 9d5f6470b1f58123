/**
 * One collection file's JSON → the v2.1 collection: v2.0/v2.1 as they are (with or without
 * an `info` block, as newman runs them), v1 through Postman's own
 * postman-collection-transformer, and the Postman API's `{ "collection": … }` wrapper.
 */
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { JamfContractError } from '../errors.ts';
import { checkCollectionShape } from './collection-shape.ts';
import type { LoadedCollection, PostmanCollection, PostmanItem } from './postman-types.ts';

const require = createRequire(import.meta.url);
const SCHEMA = /collection\/v(\d+\.\d+\.\d+)\/collection\.json/;
export const SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

interface Transformer {
  convert(collection: unknown, options: { inputVersion: string; outputVersion: string }, cb: (err: Error | null, out?: unknown) => void): void;
}

/** Parses and checks one collection's text; `file` is only used in messages. */
export function parseCollection(text: string, file: string): LoadedCollection {
  return parseCollectionJson(text.replace(/^\uFEFF/, ''), file);
}

export function parseCollectionJson(text: string, file: string): LoadedCollection {
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
  let obj = json as Record<string, unknown>;
  // The Postman API wraps collections: { "collection": { "info": …, "item": … } }.
  if (isObject(obj.collection) && !Array.isArray(obj.item)) obj = obj.collection;
  if ('values' in obj && ('_postman_variable_scope' in obj || !('item' in obj))) {
    throw new JamfContractError('COLLECTION_NOT_POSTMAN', `"${file}" is a Postman environment, not a collection: pass it with --env.`);
  }
  if (isV1(obj)) return fromV1(obj, file);
  if (!Array.isArray(obj.item)) {
    throw new JamfContractError('COLLECTION_NOT_POSTMAN', `"${file}" is not a Postman collection: expected an "item" array.`);
  }
  const info = isObject(obj.info) ? obj.info : undefined;
  const schema = typeof info?.schema === 'string' ? info.schema : undefined;
  const version = schema ? SCHEMA.exec(schema)?.[1] : '2.1.0';
  if (version !== '2.0.0' && version !== '2.1.0') {
    throw new JamfContractError(
      'COLLECTION_VERSION',
      `"${file}" has schema "${schema}"; only Postman collection v1, v2.0.0, v2.1.0 and v3 folders are supported. Re-export it as "Collection v2.1".`,
    );
  }
  const name = typeof info?.name === 'string' && info.name !== '' ? info.name : nameFromFile(file);
  // Without `info` newman runs it all the same; the name comes from the file.
  const collection = (info ? obj : { ...obj, info: { name, schema: SCHEMA_V21 } }) as PostmanCollection;
  checkCollectionShape(collection, file);
  if (countItems(collection.item) === 0) {
    throw new JamfContractError('COLLECTION_EMPTY', `"${file}" ("${name}") has no requests.`);
  }
  return { file, name, schemaVersion: version, json: collection };
}

function isV1(obj: Record<string, unknown>): boolean {
  // newman's test (and the transformer's): a name, an order and requests.
  return Boolean(obj.name && obj.order && obj.requests) && !Array.isArray(obj.item);
}

function fromV1(obj: Record<string, unknown>, file: string): LoadedCollection {
  const transformer = require('postman-collection-transformer') as Transformer;
  let converted: unknown;
  let failure: Error | null = null;
  transformer.convert(obj, { inputVersion: '1.0.0', outputVersion: '2.1.0' }, (err, out) => {
    failure = err;
    converted = out;
  });
  if (failure || !isObject(converted) || !Array.isArray(converted.item)) {
    throw new JamfContractError('COLLECTION_PARSE', `"${file}" looks like a Postman v1 collection but could not be converted${failure ? ` (${(failure as Error).message})` : ''}. Re-export it from Postman as "Collection v2.1".`);
  }
  const collection = converted as unknown as PostmanCollection;
  checkCollectionShape(collection, file);
  const name = collection.info.name || nameFromFile(file);
  if (countItems(collection.item) === 0) {
    throw new JamfContractError('COLLECTION_EMPTY', `"${file}" ("${name}") has no requests.`);
  }
  return { file, name, schemaVersion: '1.0.0', json: collection };
}

function nameFromFile(file: string): string {
  return basename(file).replace(/(\.postman_collection)?\.json$/i, '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function countItems(items: PostmanItem[] | undefined): number {
  let n = 0;
  for (const item of items ?? []) n += item.item ? countItems(item.item) : item.request ? 1 : 0;
  return n;
}
