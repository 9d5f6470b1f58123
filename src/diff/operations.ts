/**
 * The operations of a document, normalised so OpenAPI 3 and Swagger 2 compare alike:
 * parameters keyed by location, request body and responses as media type → schema.
 */
import { isObject, type JsonObject } from './load.ts';
import type { SpecKind } from './types.ts';

export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: unknown;
}

export interface RequestBody {
  required: boolean;
  content: Map<string, unknown>;
}

export interface Operation {
  /** `GET /v1/buildings/{id}`: how reports name it. */
  key: string;
  /** `GET /v1/buildings/{}`: how old and new are matched (path parameter names may change). */
  match: string;
  method: string;
  path: string;
  deprecated: boolean;
  deprecationDate?: string;
  privileges?: string[];
  authenticationRequired?: boolean;
  parameters: Map<string, Parameter>;
  requestBody?: RequestBody;
  /** Status code → media type → schema (undefined when the response has no schema). */
  responses: Map<string, Map<string, unknown>>;
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export function operationsOf(doc: JsonObject, kind: SpecKind): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(doc, rawItem);
    if (!isObject(item)) continue;
    for (const method of methods) {
      const op = item[method];
      if (!isObject(op)) continue;
      const operation = toOperation(doc, kind, path, method, item, op);
      operations.set(operation.match, operation);
    }
  }
  return operations;
}

export function matchKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
}

function toOperation(doc: JsonObject, kind: SpecKind, path: string, method: string, item: JsonObject, op: JsonObject): Operation {
  const operation: Operation = {
    key: `${method.toUpperCase()} ${path}`,
    match: matchKey(method, path),
    method: method.toUpperCase(),
    path,
    deprecated: op.deprecated === true,
    parameters: parametersOf(doc, path, item, op),
    responses: responsesOf(doc, kind, op),
  };
  const date = op['x-deprecation-date'];
  if (typeof date === 'string' || date instanceof Date) operation.deprecationDate = String(date);
  const privileges = op['x-required-privileges'];
  if (Array.isArray(privileges)) operation.privileges = privileges.map(String).sort();
  if (typeof op['x-authentication-required'] === 'boolean') operation.authenticationRequired = op['x-authentication-required'];
  const body = kind === 'swagger2' ? swaggerBody(doc, item, op) : openapiBody(doc, op);
  if (body) operation.requestBody = body;
  return operation;
}

function allParameters(doc: JsonObject, item: JsonObject, op: JsonObject): JsonObject[] {
  const list = [...asArray(item.parameters), ...asArray(op.parameters)];
  return list.map((p) => deref(doc, p)).filter(isObject);
}

function parametersOf(doc: JsonObject, path: string, item: JsonObject, op: JsonObject): Map<string, Parameter> {
  const pathNames = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const parameters = new Map<string, Parameter>();
  for (const p of allParameters(doc, item, op)) {
    const location = String(p.in);
    if (location === 'body' || location === 'formData') continue;
    const name = String(p.name);
    // Path parameters are keyed by position: a rename alone changes nothing for a client.
    const key = location === 'path' ? `path:#${pathNames.indexOf(name)}` : `${location}:${location === 'header' ? name.toLowerCase() : name}`;
    parameters.set(key, { name, in: location, required: p.required === true || location === 'path', schema: parameterSchema(p) });
  }
  return parameters;
}

/** Swagger 2 puts `type`/`enum`/`items` on the parameter itself. */
function parameterSchema(p: JsonObject): unknown {
  if (p.schema !== undefined) return p.schema;
  const schema: JsonObject = {};
  for (const key of ['type', 'format', 'enum', 'items', 'nullable']) if (p[key] !== undefined) schema[key] = p[key];
  return schema;
}

function openapiBody(doc: JsonObject, op: JsonObject): RequestBody | undefined {
  const body = deref(doc, op.requestBody);
  if (!isObject(body)) return undefined;
  return { required: body.required === true, content: contentOf(doc, body.content) };
}

function swaggerBody(doc: JsonObject, item: JsonObject, op: JsonObject): RequestBody | undefined {
  const params = allParameters(doc, item, op);
  const body = params.find((p) => p.in === 'body');
  const form = params.filter((p) => p.in === 'formData');
  const consumes = asArray(op.consumes ?? doc.consumes).map(String);
  if (body) {
    const content = new Map<string, unknown>();
    for (const media of consumes.length > 0 ? consumes : ['application/json']) content.set(media, body.schema);
    return { required: body.required === true, content };
  }
  if (form.length === 0) return undefined;
  const properties: JsonObject = {};
  for (const p of form) properties[String(p.name)] = parameterSchema(p);
  const required = form.filter((p) => p.required === true).map((p) => String(p.name));
  const media = consumes[0] ?? 'application/x-www-form-urlencoded';
  return { required: required.length > 0, content: new Map([[media, { type: 'object', properties, required }]]) };
}

function responsesOf(doc: JsonObject, kind: SpecKind, op: JsonObject): Map<string, Map<string, unknown>> {
  const responses = new Map<string, Map<string, unknown>>();
  const produces = asArray(op.produces ?? doc.produces).map(String);
  for (const [status, raw] of Object.entries(isObject(op.responses) ? op.responses : {})) {
    const response = deref(doc, raw);
    if (!isObject(response)) continue;
    if (kind === 'swagger2') {
      const content = new Map<string, unknown>();
      if (response.schema !== undefined) for (const media of produces.length > 0 ? produces : ['application/json']) content.set(media, response.schema);
      responses.set(status.toUpperCase(), content);
    } else {
      responses.set(status.toUpperCase(), contentOf(doc, response.content));
    }
  }
  return responses;
}

function contentOf(doc: JsonObject, content: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  if (!isObject(content)) return map;
  for (const [media, raw] of Object.entries(content)) {
    const entry = deref(doc, raw);
    map.set(media, isObject(entry) ? entry.schema : undefined);
  }
  return map;
}

/** Follows a chain of non-schema `$ref`s (parameters, responses, request bodies). */
export function deref(doc: JsonObject, value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 20 && isObject(current) && typeof current.$ref === 'string'; hops += 1) {
    current = resolvePointer(doc, current.$ref);
  }
  return current;
}

export function resolvePointer(doc: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
