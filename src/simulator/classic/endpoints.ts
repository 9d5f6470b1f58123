/**
 * The standard endpoints of one resource: its list, each lookup form with its subsets and
 * writes, or the GET/PUT pair of a singleton; then the resource's own extra endpoints.
 */
import type { SimResponse } from '../http.ts';
import type { Data, ReadContext } from './read.ts';
import { type ClassicResource, type LookupForm, WriteProblem, idOf } from './resource.ts';
import { document, idAnswer, xmlBody } from './respond.ts';
import { type Call, type ClassicMethod, type Endpoint, privilegeName } from './routes.ts';
import { statusPage } from './status-page.ts';
import { selectSubsets } from './subsets.ts';

export const SINGLETON_ID = '1';

export function endpointsFor(resource: ClassicResource): Endpoint[] {
  const out: Endpoint[] = [];
  const one = resource.itemRoot.replace(/_/g, ' ');
  const add = (method: ClassicMethod, tail: string, summary: string, handle: (call: Call) => SimResponse): void => {
    out.push({ method, path: `/${resource.path}${tail}`, privilege: privilegeName(method, resource.privilegeNoun), summary, handle });
  };
  if (resource.singleton === true) {
    add('GET', '', `Finds the ${one}`, (call) => readSingleton(call, resource));
    add('PUT', '', `Updates the ${one}`, (call) => writeRecord(call, resource, 'PUT', singleton(call.ctx, resource)));
    return [...out, ...(resource.extra ?? [])];
  }
  const list = resource.list;
  if (list !== undefined) {
    add('GET', '', `Finds all ${resource.listRoot.replace(/_/g, ' ')}`, (call) => document(call.req, resource.listRoot, list.call(resource, sorted(call.ctx, resource), call.ctx)));
  }
  for (const form of resource.forms) {
    const tail = `/${form.segment}/{${form.param}}`;
    const by = form.param === 'id' ? 'id' : form.param;
    for (const method of form.methods) {
      if (method === 'GET') add('GET', tail, `Finds ${one} by ${by}`, (call) => readOne(call, resource, form));
      else if (method === 'POST') add('POST', tail, `Creates a new ${one}${form.of === undefined ? ' (use id 0)' : ''}`, (call) => writeRecord(call, resource, 'POST', undefined));
      else add(method, tail, `${method === 'PUT' ? 'Updates' : 'Deletes'} ${one} by ${by}`, (call) => writeFound(call, resource, form, method));
    }
    if (form.subsets === true && resource.subsets !== undefined && form.methods.includes('GET')) {
      add('GET', `${tail}/subset/{subset}`, `Finds a subset of ${one} by ${by}`, (call) => readOne(call, resource, form, call.params['subset']));
    }
  }
  return [...out, ...(resource.extra ?? [])];
}

function readSingleton(call: Call, resource: ClassicResource): SimResponse {
  return document(call.req, resource.itemRoot, resource.detail(singleton(call.ctx, resource), call.ctx));
}

/** A singleton the store does not hold yet shows its defaults (a PUT then creates it). */
function singleton(ctx: ReadContext, resource: ClassicResource): Data {
  return ctx.store.get(resource.kind, SINGLETON_ID) ?? ctx.store.list(resource.kind)[0] ?? { id: SINGLETON_ID };
}

function readOne(call: Call, resource: ClassicResource, form: LookupForm, subsets?: string): SimResponse {
  return readRecord(call, resource, findRecord(call.ctx, resource, form, keyOf(call, form)), subsets);
}

/** GET of a found (or not found: 404) record, whole or by subsets. */
export function readRecord(call: Call, resource: ClassicResource, record: Data | undefined, subsets?: string): SimResponse {
  if (record === undefined) return statusPage(404);
  const detail = resource.detail(record, call.ctx);
  const body = subsets === undefined ? detail : selectSubsets(resource, detail, subsets.split('&').filter((subset) => subset !== ''));
  return document(call.req, resource.itemRoot, body);
}

function keyOf(call: Call, form: LookupForm): string {
  return call.params[form.param] ?? '';
}

/** By store id for the id form; otherwise the exact value first, then ignoring case, as Jamf matches names. */
export function findRecord(ctx: ReadContext, resource: ClassicResource, form: LookupForm, key: string): Data | undefined {
  const of = form.of;
  if (of === undefined) return /^\d+$/.test(key) ? ctx.store.get(resource.kind, String(Number(key))) : undefined;
  const records = ctx.store.list(resource.kind);
  const lower = key.toLowerCase();
  return records.find((record) => of(record) === key) ?? records.find((record) => of(record).toLowerCase() === lower);
}

function writeFound(call: Call, resource: ClassicResource, form: LookupForm, method: 'PUT' | 'DELETE'): SimResponse {
  return changeRecord(call, resource, method, findRecord(call.ctx, resource, form, keyOf(call, form)));
}

/** PUT or DELETE of a found (or not found: 404) record. */
export function changeRecord(call: Call, resource: ClassicResource, method: 'PUT' | 'DELETE', existing: Data | undefined): SimResponse {
  if (existing === undefined) return statusPage(404);
  if (method === 'PUT') return writeRecord(call, resource, 'PUT', existing);
  call.ctx.store.remove(resource.kind, String(existing['id']));
  return idAnswer(200, resource.itemRoot, idOf(existing));
}

function writeRecord(call: Call, resource: ClassicResource, method: 'POST' | 'PUT', existing: Data | undefined): SimResponse {
  if (method === 'PUT' && existing === undefined) return statusPage(404);
  const body = xmlBody(call.req);
  if ('status' in body) return body;
  const fields = resource.fromXml(body.value, existing, call.ctx);
  if (fields instanceof WriteProblem) return statusPage(409, fields.message);
  const clash = duplicate(call.ctx, resource, fields, existing);
  if (clash !== undefined) return statusPage(409, clash);
  const saved = existing === undefined || call.ctx.store.get(resource.kind, String(existing['id'])) === undefined
    ? call.ctx.store.create(resource.kind, fields)
    : call.ctx.store.update(resource.kind, String(existing['id']), fields);
  if (saved === undefined) return statusPage(404);
  // A singleton has no id to answer with.
  return resource.singleton === true ? { status: 201, headers: {}, body: '' } : idAnswer(201, resource.itemRoot, idOf(saved));
}

function duplicate(ctx: ReadContext, resource: ClassicResource, fields: Data, existing: Data | undefined): string | undefined {
  if (resource.unique.length === 0) return undefined;
  const merged = { ...existing, ...fields };
  const others = ctx.store.list(resource.kind).filter((record) => existing === undefined || record['id'] !== existing['id']);
  for (const unique of resource.unique) {
    const value = unique.of(merged).toLowerCase();
    if (value !== '' && others.some((record) => unique.of(record).toLowerCase() === value)) return unique.message;
  }
  return undefined;
}

/** Jamf lists Classic objects by name. */
export function sorted(ctx: ReadContext, resource: ClassicResource): Data[] {
  return [...ctx.store.list(resource.kind)].sort((a, b) => resource.nameOf(a).localeCompare(resource.nameOf(b)));
}
