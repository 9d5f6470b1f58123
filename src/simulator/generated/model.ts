/**
 * What a Jamf Pro API document says, read once for the generated routes: every operation
 * (privileges, authentication, parameters, its documented success response) and every
 * collection — a GET answering Jamf's paged `{totalCount, results}` or a JSON array of
 * objects — with the property that identifies an item (the key) and the detail path
 * (`…/{id}`) whose ids must agree with it.
 */
import type { Method } from '../routes.ts';
import type { SchemaConverter } from './convert.ts';
import { METHODS } from './document.ts';
import { idProperty } from '../../load/spec/id-property.ts';

type Json = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: string;
}

export interface OperationModel {
  method: Method;
  /** Path template as in the document, e.g. `/v1/buildings/{id}`. */
  path: string;
  op: Json;
  privileges: string[];
  anyPrivilege: boolean;
  authenticated: boolean;
  parameters: Parameter[];
  /** The lowest documented 2xx status and its response object (`$ref`s followed). */
  success?: { status: number; response: Json };
  deprecated?: string;
}

export interface Collection {
  /** The list operation's path template. */
  path: string;
  /** `{totalCount, results}` (paged) or a bare JSON array. */
  paged: boolean;
  /** The raw schema of one item. */
  item: unknown;
  /** The item property holding its id, when there is one. */
  key?: string;
  /** The path parameter of the detail operation (`…/{id}`), when there is one. */
  param?: string;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface DocumentModel {
  operations: OperationModel[];
  /** Collections by list path. */
  collections: Map<string, Collection>;
  /** Every privilege the document names. */
  privileges: string[];
}

export function readModel(document: Json, converter: SchemaConverter): DocumentModel {
  const operations: OperationModel[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (isObject(op)) operations.push(operationModel(document, method.toUpperCase() as Method, path, op, item));
    }
  }
  const collections = findCollections(operations, converter);
  const privileges = [...new Set(operations.flatMap((o) => o.privileges))].sort();
  return { operations, collections, privileges };
}

function operationModel(document: Json, method: Method, path: string, op: Json, pathItem: Json): OperationModel {
  const listed = Array.isArray(op['x-required-privileges']) ? op['x-required-privileges'].map(String) : [];
  // Jamf lists alternatives as privileges of one verb ("Read Smart Computer Groups", "Read
  // Static Computer Groups") and joint needs as different verbs ("Read …", "Update …").
  const verbs = new Set(listed.map((p) => p.split(' ')[0]));
  const date = op['x-deprecation-date'];
  return {
    method,
    path,
    op,
    privileges: listed,
    anyPrivilege: listed.length > 1 && verbs.size === 1,
    authenticated: op['x-authentication-required'] !== false,
    parameters: parametersOf(document, pathItem, op),
    ...successOf(document, op),
    ...(op.deprecated === true ? { deprecated: typeof date === 'string' ? date : '' } : {}),
  };
}

function deref(document: Json, value: unknown): Json {
  let current = value;
  for (let i = 0; i < 10 && isObject(current) && typeof current.$ref === 'string'; i++) {
    const parts = current.$ref.replace(/^#\//, '').split('/').map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
    current = parts.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document);
  }
  return isObject(current) ? current : {};
}

function parametersOf(document: Json, pathItem: Json, op: Json): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const list of [pathItem.parameters, op.parameters]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const p = deref(document, raw);
      if (typeof p.name === 'string' && typeof p.in === 'string') byKey.set(`${p.in} ${p.name}`, { name: p.name, in: p.in });
    }
  }
  return [...byKey.values()];
}

function successOf(document: Json, op: Json): { success?: OperationModel['success'] } {
  const responses = isObject(op.responses) ? op.responses : {};
  const codes = Object.keys(responses).filter((k) => /^2\d\d$/.test(k)).map(Number).sort((a, b) => a - b);
  const status = codes[0] ?? (Object.keys(responses).some((k) => k.toUpperCase() === '2XX') ? 200 : undefined);
  if (status === undefined) return {};
  const response = deref(document, responses[String(status)] ?? responses['2XX'] ?? responses['2xx']);
  return { success: { status, response } };
}

/** The JSON schema of a response object, if it documents one. */
export function jsonSchemaOf(response: Json): unknown {
  const content = isObject(response.content) ? response.content : {};
  for (const [type, media] of Object.entries(content)) {
    if (type.split(',').some((t) => t.trim().toLowerCase() === 'application/json') && isObject(media)) return media.schema;
  }
  return undefined;
}

function findCollections(operations: OperationModel[], converter: SchemaConverter): Map<string, Collection> {
  const collections = new Map<string, Collection>();
  const templates = new Set(operations.map((o) => o.path));
  for (const o of operations) {
    if (o.method !== 'GET' || !o.success) continue;
    const schema = converter.resolve(jsonSchemaOf(o.success.response));
    const shape = listShape(schema, converter);
    if (!shape) continue;
    const detail = [...templates].find((t) => t.startsWith(`${o.path}/{`) && /^\/\{[^}/]+\}$/.test(t.slice(o.path.length)));
    const param = detail ? detail.slice(o.path.length + 2, -1) : undefined;
    const key = idProperty(converter.properties(shape.item), param);
    collections.set(o.path, { path: o.path, paged: shape.paged, item: shape.item, ...(key ? { key } : {}), ...(param ? { param } : {}) });
  }
  return collections;
}

function listShape(schema: Json, converter: SchemaConverter): { paged: boolean; item: unknown } | undefined {
  const props = converter.properties(schema);
  if (props.results !== undefined && props.totalCount !== undefined) {
    const results = converter.resolve(props.results);
    return isObjectSchema(results.items, converter) ? { paged: true, item: results.items } : undefined;
  }
  if (schema.type === 'array' && isObjectSchema(schema.items, converter)) return { paged: false, item: schema.items };
  return undefined;
}

function isObjectSchema(raw: unknown, converter: SchemaConverter): boolean {
  const schema = converter.resolve(raw);
  return schema.type === 'object' || Object.keys(converter.properties(raw)).length > 0;
}

