/**
 * The shape of a v2.0/v2.1 collection where jamf-contract and the Postman engine rely on it:
 * lists that are arrays of objects (items, headers, events, variables, query parameters),
 * and the few texts that are read as text (methods, URLs, header names, script lines). A
 * JSON Schema checked with ajv, as lenient as Postman's own schema is elsewhere (a URL or a
 * header list may be one string, auth attributes an array or an object, values anything).
 * A collection that breaks it is COLLECTION_INVALID naming the item and the field — it used to
 * end deep inside the run as `error[INTERNAL]: Cannot read properties of undefined`.
 */
import type * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { JamfContractError } from '../errors.ts';
import { lazyRequire } from '../lazy-require.ts';

const ajvModule = lazyRequire<typeof AjvModule>('ajv');

const text = { type: 'string' } as const;
/** A list of objects; `null` is an empty list to postman-collection and to our own code alike. */
const objects = (properties: Record<string, unknown> = {}, required: string[] = []): object => ({
  type: ['array', 'null'],
  items: { type: 'object', properties, required },
});
/** Postman's auth attributes: `[{key, value}]` in v2.1, `{key: value}` in v2.0. */
const authAttributes = { anyOf: [{ type: 'array', items: { type: 'object' } }, { type: 'object' }] } as const;
const auth = {
  type: ['object', 'null'],
  properties: { type: text },
  additionalProperties: authAttributes,
} as const;
const script = {
  type: 'object',
  properties: { exec: { anyOf: [text, { type: 'array', items: text }] }, type: text },
} as const;
const events = objects({ listen: text, script, disabled: { type: 'boolean' } });
const variables = objects({ key: text, id: text });
const url = {
  anyOf: [
    text,
    {
      type: 'object',
      properties: {
        raw: text,
        protocol: text,
        host: { anyOf: [text, { type: 'array', items: text }] },
        path: { anyOf: [text, { type: 'array', items: { anyOf: [text, { type: 'object' }] } }] },
        port: { type: ['string', 'number'] },
        query: objects({ key: { type: ['string', 'null'] } }),
        variable: variables,
      },
    },
  ],
} as const;
const request = {
  anyOf: [
    text,
    {
      type: 'object',
      properties: {
        method: text,
        url,
        header: { anyOf: [text, objects({ key: text, disabled: { type: 'boolean' } }, ['key'])] },
        body: { type: ['object', 'null'], properties: { mode: text, raw: text } },
        auth,
      },
    },
  ],
} as const;

const SCHEMA = {
  $defs: {
    item: {
      type: 'object',
      properties: {
        item: { type: ['array', 'null'], items: { $ref: '#/$defs/item' } },
        request,
        event: events,
        variable: variables,
        auth,
        response: { type: ['array', 'null'] },
      },
    },
  },
  type: 'object',
  required: ['item'],
  properties: {
    info: { type: ['object', 'null'] },
    item: { type: 'array', items: { $ref: '#/$defs/item' } },
    event: events,
    variable: variables,
    auth,
  },
} as const;

let validate: ValidateFunction | undefined;

/** Throws COLLECTION_INVALID naming `file`, the item and the field when `json` breaks the shape above. */
export function checkCollectionShape(json: unknown, file: string): void {
  validate ??= new (ajvModule().Ajv)({ allErrors: false, strict: false }).compile(SCHEMA);
  if (validate(json)) return;
  const errors = deepest(validate.errors ?? []);
  throw new JamfContractError('COLLECTION_INVALID', `"${file}" is not a collection Postman can run: ${where(json, errors[0]?.instancePath ?? '')} ${what(errors)}. Fix it in Postman and export it again as "Collection v2.1".`);
}

/** `anyOf` reports every branch: the errors furthest into the document say most. */
function deepest(errors: ErrorObject[]): ErrorObject[] {
  const depth = (e: ErrorObject): number => e.instancePath.split('/').length;
  const most = Math.max(...errors.map(depth));
  return errors.filter((e) => depth(e) === most && e.keyword !== 'anyOf');
}

/** What is wrong there: the types any branch would take ("string or object"), or the first other problem. */
function what(errors: ErrorObject[]): string {
  const types = [...new Set(errors.filter((e) => e.keyword === 'type').flatMap((e) => String((e.params as { type?: unknown }).type).split(',')))];
  if (types.length > 0) return `must be ${types.join(' or ')}`;
  const error = errors[0];
  if (!error) return 'is malformed';
  if (error.keyword === 'required') return `has no "${String((error.params as { missingProperty?: unknown }).missingProperty)}"`;
  return error.message ?? 'is malformed';
}

/** `/item/0/item/2/request/header/0` → `item "Folder / Request": request.header[0]`. */
function where(json: unknown, pointer: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const names: string[] = [];
  let node: unknown = json;
  let i = 0;
  // Down the items, naming each.
  while (parts[i] === 'item' && parts[i + 1] !== undefined && /^\d+$/.test(parts[i + 1]!)) {
    node = (node as { item: unknown[] }).item[Number(parts[i + 1])];
    const name = (node as { name?: unknown } | null)?.name;
    names.push(typeof name === 'string' && name !== '' ? name : `#${Number(parts[i + 1]) + 1}`);
    i += 2;
  }
  const field = parts.slice(i).reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');
  const owner = names.length > 0 ? `item "${names.join(' / ')}"` : 'the collection';
  return field ? `${owner}: ${field}` : owner;
}
