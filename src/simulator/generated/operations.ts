/**
 * Every operation of a Jamf Pro API document as a simulator route, answered from the
 * schema: its documented success status, a generated body of its documented media type,
 * Jamf's paging for collections, 404 in Jamf's error body for ids a collection does not
 * hold, and `x-required-privileges` checked like the native routes (pro-api.ts does that
 * from the route's `privileges`).
 */
import type { SimResponse } from '../http.ts';
import { badRequest, empty, jamfJson, notFound } from '../json.ts';
import { listQuery, pageOf } from '../query.ts';
import type { RouteContext, RouteDef } from '../routes.ts';
import type { SchemaConverter } from './convert.ts';
import { chooseMedia, isJsonType, otherBody } from './media.ts';
import { jsonSchemaOf, type Collection, type DocumentModel, type OperationModel } from './model.ts';
import { ITEMS, type GeneratedObjects, type Id } from './objects.ts';
import { ID_LIKE } from '../../load/spec/id-property.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A path parameter no list operation enumerates still only names the starting ids when it is an id. */
const DEFAULT_IDS = new Set(Array.from({ length: ITEMS }, (_, i) => String(i + 1)));

interface Context {
  /** Recent GET answers (bodies are deterministic until a write): a hot request is not generated again. */
  answers: { entries: Map<string, SimResponse>; bytes: number };
  model: DocumentModel;
  objects: GeneratedObjects;
  converter: SchemaConverter;
  /** True when the simulator serves `GET path` natively: its ids are not this module's to check. */
  native(method: string, path: string): boolean;
}

type Role =
  | { kind: 'list'; collection: Collection }
  | { kind: 'create'; collection: Collection }
  | { kind: 'detail'; collection: Collection; param: string }
  | { kind: 'other' };

export function generatedRoutes(ctx: Context): RouteDef[] {
  const routes: RouteDef[] = [];
  for (const o of ctx.model.operations) {
    if (ctx.native(o.method, o.path)) continue;
    const role = roleOf(o, ctx.model);
    const tags = o.op.tags;
    routes.push({
      method: o.method,
      path: o.path,
      summary: typeof o.op.summary === 'string' ? o.op.summary : `${o.method} ${o.path}`,
      tag: Array.isArray(tags) && typeof tags[0] === 'string' ? tags[0] : 'generated',
      privileges: o.privileges,
      anyPrivilege: o.anyPrivilege,
      authenticated: o.authenticated,
      responses: {},
      ...(o.deprecated ? { deprecated: { '11.29.1': o.deprecated, '11.30.1': o.deprecated } } : {}),
      handler: (route) => (o.method === 'GET' ? cachedAnswer(ctx, o, role, route) : answer(ctx, o, role, route)),
    });
  }
  return routes;
}

function roleOf(o: OperationModel, model: DocumentModel): Role {
  const own = model.collections.get(o.path);
  if (own && o.method === 'GET') return { kind: 'list', collection: own };
  if (own && o.method === 'POST') return { kind: 'create', collection: own };
  const last = /^(.*)\/\{([^}/]+)\}$/.exec(o.path);
  const parent = last ? model.collections.get(last[1] as string) : undefined;
  if (parent && last && o.method !== 'POST') return { kind: 'detail', collection: parent, param: last[2] as string };
  return { kind: 'other' };
}

/** At most this many bytes of answers are kept (about 16 MB), none larger than a quarter of it. */
const CACHED_BYTES = 16 * 1024 * 1024;

function cachedAnswer(ctx: Context, o: OperationModel, role: Role, route: RouteContext): SimResponse {
  const key = `${ctx.objects.version} ${route.req.path}?${route.req.query.toString()} ${header(route, 'accept') ?? ''}`;
  const cache = ctx.answers;
  let out = cache.entries.get(key);
  if (out) {
    cache.entries.delete(key);
  } else {
    out = answer(ctx, o, role, route);
    if (out.body.length > CACHED_BYTES / 4) return out;
    cache.bytes += out.body.length;
  }
  cache.entries.set(key, out);
  while (cache.bytes > CACHED_BYTES) {
    const [oldest, answer] = cache.entries.entries().next().value as [string, SimResponse];
    cache.entries.delete(oldest);
    cache.bytes -= answer.body.length;
  }
  // The caller may add headers (deprecation): it gets its own header object.
  return { ...out, headers: { ...out.headers } };
}

function answer(ctx: Context, o: OperationModel, role: Role, route: RouteContext): SimResponse {
  const missing = unknownId(ctx, o, route.params);
  if (missing) return missing;
  const bad = unreadableBody(route);
  if (bad) return bad;
  const success = o.success ?? { status: 200, response: {} };
  let id: Id | undefined;
  if (role.kind === 'detail') {
    // unknownId has answered 404 already unless the list is native: then the id is taken as given.
    const raw = route.params[role.param] ?? '';
    id = ctx.objects.find(role.collection, raw) ?? raw;
    if (o.method === 'DELETE') ctx.objects.remove(role.collection, id);
  } else if (role.kind === 'create') {
    id = ctx.objects.create(role.collection);
  }
  const media = chooseMedia(success.response, header(route, 'accept'));
  if (!media) return empty(success.status);
  const headers: Record<string, string> = { 'content-type': isJsonType(media.type) ? 'application/json;charset=UTF-8' : media.type };
  if (!isJsonType(media.type)) return { status: success.status, headers, body: otherBody(media.type, media.schema) };
  const schema = media.schema ?? jsonSchemaOf(success.response);
  let body: unknown;
  if (role.kind === 'list') {
    const list = listBody(ctx, o, role.collection, schema, route);
    if ('status' in list) return list;
    body = list.body;
  } else if (id !== undefined && role.kind !== 'other') {
    body = objectBody(ctx, role.collection, id, schema, role.kind === 'create' ? `${route.origin}${route.req.path}/${id}` : undefined);
  } else {
    body = ctx.objects.value(schema, `${o.method} ${o.path} ${Object.values(route.params).join('/')}`);
  }
  return { status: success.status, headers, body: body === undefined ? '' : jamfJson(body) };
}

function header(route: RouteContext, name: string): string | undefined {
  const value = route.req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Jamf's 404 when a path parameter names an object its collection does not hold. */
function unknownId(ctx: Context, o: OperationModel, params: Record<string, string>): SimResponse | undefined {
  const parts = o.path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const name = /^\{([^}]+)\}$/.exec(parts[i] as string)?.[1];
    if (name === undefined) continue;
    const value = params[name] ?? '';
    const prefix = parts.slice(0, i).join('/');
    const collection = ctx.model.collections.get(prefix);
    if (collection && names(collection, name)) {
      if (ctx.native('GET', prefix)) continue;
      if (ctx.objects.find(collection, value) === undefined) return notFound();
    } else if (!collection && ID_LIKE.test(name) && !DEFAULT_IDS.has(value)) {
      return notFound();
    }
  }
  return undefined;
}

/** Whether a path parameter after a collection's path names one of its items (`{id}`, not `{type}`). */
function names(collection: Collection, param: string): boolean {
  if (param === collection.param) return true;
  return collection.key !== undefined && (param === collection.key || ID_LIKE.test(param));
}

function unreadableBody(route: RouteContext): SimResponse | undefined {
  const type = String(route.req.headers['content-type'] ?? '').toLowerCase();
  if (route.req.body.length === 0 || !(type.startsWith('application/json') || type.includes('+json'))) return undefined;
  try {
    JSON.parse(route.req.body.toString('utf8'));
    return undefined;
  } catch {
    return badRequest('INVALID_JSON', 'Unable to parse the request body as JSON');
  }
}

const QUERY = ['page', 'page-size', 'sort', 'filter'];

function listBody(ctx: Context, o: OperationModel, collection: Collection, schema: unknown, route: RouteContext): { body: unknown } | SimResponse {
  const items = ctx.objects.ids(collection).map((id) => ctx.objects.item(collection, id));
  if (!collection.paged) return { body: items };
  const declared = new Set(o.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  const query = new URLSearchParams();
  for (const name of QUERY) if (declared.has(name)) for (const value of route.req.query.getAll(name)) query.append(name, value);
  const sorted = collection.key !== undefined && (declared.has('sort') || declared.has('filter'));
  const page = sorted
    ? listQuery(items.filter(isObject), query, { fields: sortable(ctx, collection), defaultSort: `${collection.key}:asc` })
    : pageOf(items, query);
  if (!('totalCount' in page)) return page;
  return { body: { ...wrapperExtras(ctx, o, schema), totalCount: page.totalCount, results: page.results } };
}

/** The list envelope's properties besides `totalCount` and `results` (most have none), generated once per operation. */
function wrapperExtras(ctx: Context, o: OperationModel, schema: unknown): Json {
  const others = Object.entries(ctx.converter.properties(schema)).filter(([name]) => name !== 'totalCount' && name !== 'results');
  if (others.length === 0) return {};
  const required = ctx.converter.resolve(schema).required;
  const extras = { type: 'object', properties: Object.fromEntries(others), ...(Array.isArray(required) ? { required: required.filter((r) => others.some(([n]) => n === r)) } : {}) };
  const value = ctx.objects.value(ctx.converter.stable(`${o.method} ${o.path} envelope`, extras), `${o.method} ${o.path}`);
  return isObject(value) ? value : {};
}

/** Top-level properties of an item that hold one scalar: what `sort` and `filter` may name. */
function sortable(ctx: Context, collection: Collection): string[] {
  const names: string[] = [];
  for (const [name, property] of Object.entries(ctx.converter.properties(collection.item))) {
    const type = ctx.converter.resolve(property).type;
    if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean' || name === collection.key) names.push(name);
  }
  return names;
}

/** A detail or create answer: the collection's object for `id`, with `id`/`href` filled where declared. */
function objectBody(ctx: Context, collection: Collection, id: Id, schema: unknown, href: string | undefined): unknown {
  const body = ctx.objects.detail(collection, id, schema);
  if (!isObject(body)) return body;
  const properties = ctx.converter.properties(schema);
  if ('id' in properties) ctx.objects.setId(body, 'id', properties.id, id);
  const hrefSchema = ctx.converter.resolve(properties.href);
  if (href && hrefSchema.type === 'string' && hrefSchema.pattern === undefined && hrefSchema.maxLength === undefined) body.href = href;
  return body;
}
