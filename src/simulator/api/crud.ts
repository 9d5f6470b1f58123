/**
 * The plain Jamf Pro API collections (buildings, departments, categories, scripts,
 * packages): list with paging/sort/filter, create (201 + href), read, replace, delete.
 */
import type { SimResponse } from '../http.ts';
import { apiError, empty, json, notFound } from '../json.ts';
import { listQuery } from '../query.ts';
import { idParam, listParams, type RouteContext, type RouteDef } from '../routes.ts';
import { checkBody } from './validate.ts';

type Obj = Record<string, unknown>;

export interface CrudSpec {
  kind: string;
  /** Path of the collection, e.g. `/v1/buildings`. */
  base: string;
  /** Object type in privilege names, e.g. `Buildings`. */
  noun: string;
  tag: string;
  schema: string;
  listSchema: string;
  defaultSort: string;
  /** Fields usable in `sort` and `filter`. */
  fields: string[];
  /** Field that must be unique (`name`, `packageName`). */
  uniqueField: string;
  /** Status codes Jamf declares beyond the success code, per operation. */
  putNotFound?: boolean;
  readPrivileges?: string[];
  /** Fills fields the server sets itself (e.g. a script's categoryName). */
  complete?: (ctx: RouteContext, object: Obj) => Obj;
}

const errorResponse = { description: 'Error', schema: 'ApiError' };

export function duplicate(field: string): SimResponse {
  return apiError(400, [{ code: 'DUPLICATE_FIELD', description: `duplicate ${field}`, field }]);
}

function isDuplicate(ctx: RouteContext, spec: CrudSpec, value: unknown, exceptId?: string): boolean {
  if (typeof value !== 'string') return false;
  const wanted = value.toLowerCase();
  return ctx.store.list(spec.kind).some((o) => o.id !== exceptId && String(o[spec.uniqueField]).toLowerCase() === wanted);
}

function writable(body: Obj): Obj {
  const { id: _id, ...rest } = body;
  return rest;
}

export function crudRoutes(spec: CrudSpec): RouteDef[] {
  const item = `${spec.base}/{id}`;
  const read = spec.readPrivileges ?? [`Read ${spec.noun}`];
  const complete = spec.complete ?? ((_ctx: RouteContext, o: Obj) => o);
  return [
    {
      method: 'GET', path: spec.base, tag: spec.tag, summary: `Search for sorted and paged ${spec.noun}`,
      privileges: read, anyPrivilege: read.length > 1, parameters: listParams(spec.defaultSort),
      responses: { 200: { description: 'Successful response', schema: spec.listSchema } },
      handler: (ctx) => {
        const page = listQuery(ctx.store.list(spec.kind), ctx.req.query, { fields: spec.fields, defaultSort: spec.defaultSort });
        return 'status' in page ? page : json(200, page);
      },
    },
    {
      method: 'POST', path: spec.base, tag: spec.tag, summary: `Create ${spec.noun} record`,
      privileges: [`Create ${spec.noun}`], request: { contentType: 'application/json', schema: spec.schema, required: true },
      responses: { 201: { description: 'Record created', schema: 'HrefResponse' } },
      handler: (ctx) => {
        const bad = checkBody(ctx.body, spec.schema);
        if (bad) return bad;
        const body = writable(ctx.body as Obj);
        if (isDuplicate(ctx, spec, body[spec.uniqueField])) return duplicate(spec.uniqueField);
        const created = ctx.store.create(spec.kind, complete(ctx, body));
        return json(201, { id: String(created.id), href: `${ctx.origin}/api${spec.base}/${String(created.id)}` });
      },
    },
    {
      method: 'GET', path: item, tag: spec.tag, summary: `Get specified ${spec.noun} object`,
      privileges: [read[0] as string], parameters: [idParam],
      responses: { 200: { description: 'Found', schema: spec.schema }, 404: errorResponse },
      handler: (ctx) => {
        const found = ctx.store.get(spec.kind, ctx.params.id ?? '');
        return found ? json(200, found) : notFound();
      },
    },
    {
      method: 'PUT', path: item, tag: spec.tag, summary: `Update specified ${spec.noun} object`,
      privileges: [`Update ${spec.noun}`], parameters: [idParam],
      request: { contentType: 'application/json', schema: spec.schema, required: true },
      responses: spec.putNotFound
        ? { 200: { description: 'Updated', schema: spec.schema }, 404: errorResponse }
        : { 200: { description: 'Updated', schema: spec.schema } },
      handler: (ctx) => {
        const id = ctx.params.id ?? '';
        if (!ctx.store.get(spec.kind, id)) return notFound();
        const bad = checkBody(ctx.body, spec.schema);
        if (bad) return bad;
        const body = writable(ctx.body as Obj);
        if (isDuplicate(ctx, spec, body[spec.uniqueField], id)) return duplicate(spec.uniqueField);
        return json(200, ctx.store.update(spec.kind, id, complete(ctx, body)));
      },
    },
    {
      method: 'DELETE', path: item, tag: spec.tag, summary: `Remove specified ${spec.noun} record`,
      privileges: [`Delete ${spec.noun}`], parameters: [idParam],
      responses: { 204: { description: 'Deleted' } },
      handler: (ctx) => (ctx.store.remove(spec.kind, ctx.params.id ?? '') ? empty(204) : notFound()),
    },
  ];
}

export const errorRef = errorResponse;
