/**
 * The GET operations of a Jamf Pro API document, read once for planning: tag, deprecation,
 * privileges, parameters (path-level and operation-level, `$ref`s followed), documented 2xx
 * statuses, the media type to ask for, and — for collections — the property that
 * identifies an item (the chain's source).
 */
import { idProperty, isObject, SchemaReader, type Json } from './schema.ts';

export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Json;
  example?: unknown;
}

export interface ListInfo {
  paged: boolean;
  /** The item property holding its id; undefined when no property qualifies. */
  key?: string;
  /** The parameter of the detail path right below the list (`/v1/buildings/{id}` → `id`). */
  param?: string;
}

export interface GetOperation {
  /** `GET /v1/buildings/{id}`. */
  key: string;
  /** Path template below `/api`. */
  path: string;
  tag: string;
  summary?: string;
  deprecated: boolean;
  deprecationDate?: string;
  privileges: string[];
  authenticated: boolean;
  parameters: Parameter[];
  /** Documented 2xx statuses, ascending. */
  statuses: number[];
  /** The media type asked for and expected; undefined when the success response has no content. */
  media?: string;
  /** Set when the operation answers a collection (Jamf's `{totalCount, results}` or an array of objects). */
  list?: ListInfo;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export function readGetOperations(document: Json): GetOperation[] {
  const reader = new SchemaReader(document);
  const paths = isObject(document.paths) ? document.paths : {};
  const details = detailParams(paths);
  const out: GetOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item) || !isObject(item.get)) continue;
    out.push(operationOf(reader, path, item, item.get, details));
  }
  return out.sort((a, b) => compareText(a.path, b.path));
}

/**
 * For each path with a detail path right below it (`/v1/x` → `/v1/x/{id}`, any method), the
 * detail's parameter; the first in document order, as the simulator reads it.
 */
function detailParams(paths: Json): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item) || !METHODS.some((m) => isObject(item[m]))) continue;
    const m = /^(.*)\/\{([^}/]+)\}$/.exec(path);
    if (m && !out.has(m[1]!)) out.set(m[1]!, m[2]!);
  }
  return out;
}

function operationOf(reader: SchemaReader, path: string, pathItem: Json, op: Json, details: Map<string, string>): GetOperation {
  const tags = Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [];
  const date = op['x-deprecation-date'];
  const summary = typeof op.summary === 'string' ? op.summary.trim() : undefined;
  const { statuses, response } = successOf(reader, op);
  const media = mediaOf(response);
  const operation: GetOperation = {
    key: `GET ${path}`,
    path,
    tag: tags[0] ?? 'untagged',
    ...(summary ? { summary } : {}),
    deprecated: op.deprecated === true,
    ...(op.deprecated === true && (typeof date === 'string' || date instanceof Date) ? { deprecationDate: String(date) } : {}),
    privileges: Array.isArray(op['x-required-privileges']) ? op['x-required-privileges'].map(String) : [],
    authenticated: op['x-authentication-required'] !== false,
    parameters: parametersOf(reader, pathItem, op),
    statuses,
    ...(media ? { media } : {}),
  };
  const list = media === 'application/json' ? listOf(reader, jsonSchemaOf(response), details.get(path)) : undefined;
  if (list) operation.list = list;
  return operation;
}

function parametersOf(reader: SchemaReader, pathItem: Json, op: Json): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const list of [pathItem.parameters, op.parameters]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const p = reader.resolve(raw);
      if (typeof p.name !== 'string' || typeof p.in !== 'string') continue;
      byKey.set(`${p.in} ${p.name}`, {
        name: p.name,
        in: p.in,
        required: p.required === true || p.in === 'path',
        schema: withItems(reader, reader.resolve(p.schema)),
        ...(p.example !== undefined ? { example: p.example } : {}),
      });
    }
  }
  return [...byKey.values()];
}

/** An array parameter's `items` resolved too: the enum of Jamf's inventory sections sits behind a `$ref`. */
function withItems(reader: SchemaReader, schema: Json): Json {
  return schema.items === undefined ? schema : { ...schema, items: reader.resolve(schema.items) };
}

/** The documented 2xx statuses and the lowest one's response object (what the simulator answers). */
function successOf(reader: SchemaReader, op: Json): { statuses: number[]; response: Json } {
  const responses = isObject(op.responses) ? op.responses : {};
  const statuses = Object.keys(responses).filter((k) => /^2\d\d$/.test(k)).map(Number).sort((a, b) => a - b);
  const first = statuses[0];
  if (first === undefined) return { statuses: [200], response: {} };
  return { statuses, response: reader.resolve(responses[String(first)]) };
}

/** JSON when the response offers it (alone or in a list like `text/csv,application/json`), else its first type. */
function mediaOf(response: Json): string | undefined {
  const types = Object.keys(isObject(response.content) ? response.content : {});
  if (types.some((t) => isJsonKey(t))) return 'application/json';
  const first = types[0]?.split(',')[0]?.trim();
  return first || undefined;
}

function isJsonKey(type: string): boolean {
  return type.split(',').some((t) => t.trim().toLowerCase() === 'application/json');
}

function jsonSchemaOf(response: Json): unknown {
  const content = isObject(response.content) ? response.content : {};
  for (const [type, media] of Object.entries(content)) if (isJsonKey(type) && isObject(media)) return media.schema;
  return undefined;
}

/** A collection, with the property its detail path's parameter (`param`) is filled from. */
function listOf(reader: SchemaReader, schema: unknown, param: string | undefined): ListInfo | undefined {
  const shape = reader.listShape(schema);
  if (!shape) return undefined;
  const key = idProperty(reader.properties(shape.item), param);
  return { paged: shape.paged, ...(key ? { key } : {}), ...(param ? { param } : {}) };
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
