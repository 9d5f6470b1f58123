/**
 * Jamf's Classic API under `/JSSResource`: XML by default, JSON reads on
 * `Accept: application/json`, XML-only writes, HTML status pages for errors.
 */
import type { ClassicDeps, SimRequest, SimResponse } from '../http.ts';
import { accounts, findGroup, groupDetail } from './accounts.ts';
import { computers } from './computers.ts';
import { type Node, parseXml, toJson, toXml } from './document.ts';
import { mobileDevices } from './mobile-devices.ts';
import { policies } from './policies.ts';
import type { Data, ReadContext } from './read.ts';
import { type ClassicResource, WriteProblem, idOf } from './resource.ts';
import { type ClassicMethod, type ClassicRoute, type Target, matchPath, methodsFor, privilegeFor, routesFor } from './routes.ts';
import { buildings, categories, departments } from './simple.ts';
import { statusPage } from './status-page.ts';
import { computersBasic, selectSubsets } from './subsets.ts';

export { CLASSIC_BASE_PATH, type ClassicRoute } from './routes.ts';
export { statusPage } from './status-page.ts';

export const classicResources: readonly ClassicResource[] = [
  accounts,
  buildings,
  categories,
  computers,
  departments,
  mobileDevices,
  policies,
];

/** Every route the handler answers, with Jamf's privilege for it. */
export const classicRoutes: readonly ClassicRoute[] = routesFor(classicResources);

const XML_TYPE = 'text/xml;charset=UTF-8';
const JSON_TYPE = 'application/json;charset=UTF-8';
const byPath = new Map(classicResources.map((resource) => [resource.path, resource]));

export function createClassicHandler(deps: ClassicDeps): (req: SimRequest) => SimResponse {
  const ctx: ReadContext = { store: deps.store };
  return (req) => {
    const auth = deps.authenticate(req);
    if (!auth.ok) return auth.response;
    const target = matchPath(req.path, byPath);
    if (target === undefined) return statusPage(404);
    const method = req.method.toUpperCase() as ClassicMethod;
    if (!methodsFor(target).includes(method)) return statusPage(405);
    if (!auth.privileges.has(privilegeFor(method, target.resource))) return statusPage(403);
    if (method === 'GET') return read(req, target, ctx);
    if (target.form !== 'id') return statusPage(405);
    return write(req, method, target.resource, target.key, ctx);
  };
}

function read(req: SimRequest, target: Target, ctx: ReadContext): SimResponse {
  const { resource } = target;
  if (target.form === 'group') {
    const group = findGroup(ctx, target.by, target.key);
    return group === undefined ? statusPage(404) : document(req, 'group', groupDetail(group, ctx));
  }
  if (target.form === 'list') return document(req, resource.listRoot, resource.list(sorted(ctx, resource), ctx));
  if (target.form === 'basic') return document(req, resource.listRoot, computersBasic(sorted(ctx, resource), ctx));
  const record = find(ctx, resource, target.form, target.key);
  if (record === undefined) return statusPage(404);
  const detail = resource.detail(record, ctx);
  const body = target.subsets === undefined ? detail : selectSubsets(resource, detail, target.subsets);
  return document(req, resource.itemRoot, body);
}

function write(req: SimRequest, method: ClassicMethod, resource: ClassicResource, key: string, ctx: ReadContext): SimResponse {
  const existing = method === 'POST' ? undefined : find(ctx, resource, 'id', key);
  if (method !== 'POST' && existing === undefined) return statusPage(404);
  if (method === 'DELETE') {
    ctx.store.remove(resource.kind, String(existing?.['id']));
    return idAnswer(200, resource, existing ?? {});
  }
  const body = xmlBody(req);
  if ('status' in body) return body;
  const fields = resource.fromXml(body.value, existing, ctx);
  if (fields instanceof WriteProblem) return statusPage(409, fields.message);
  const clash = duplicate(ctx, resource, fields, existing);
  if (clash !== undefined) return statusPage(409, clash);
  const saved = existing === undefined
    ? ctx.store.create(resource.kind, fields)
    : ctx.store.update(resource.kind, String(existing['id']), fields);
  if (saved === undefined) return statusPage(404);
  return idAnswer(201, resource, saved);
}

/** Jamf reads writes as XML only: JSON and other media types are refused before parsing. */
function xmlBody(req: SimRequest): { value: Data } | SimResponse {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== '' && type !== 'application/xml' && type !== 'text/xml') return statusPage(415);
  const text = req.body.toString('utf8').trim();
  if (text === '') return statusPage(400);
  const parsed = parseXml(text);
  if (!parsed.ok) return statusPage(400);
  const value = parsed.value;
  return { value: value !== null && typeof value === 'object' ? (value as Data) : {} };
}

function duplicate(ctx: ReadContext, resource: ClassicResource, fields: Data, existing: Data | undefined): string | undefined {
  const merged = { ...existing, ...fields };
  const others = ctx.store.list(resource.kind).filter((record) => existing === undefined || record['id'] !== existing['id']);
  for (const unique of resource.unique) {
    const value = unique.of(merged).toLowerCase();
    if (value !== '' && others.some((record) => unique.of(record).toLowerCase() === value)) return unique.message;
  }
  return undefined;
}

function idAnswer(status: number, resource: ClassicResource, record: Data): SimResponse {
  return { status, headers: { 'content-type': XML_TYPE }, body: toXml(resource.itemRoot, { id: idOf(record) }) };
}

function find(ctx: ReadContext, resource: ClassicResource, form: 'id' | 'name', key: string): Data | undefined {
  if (form === 'id') return /^\d+$/.test(key) ? ctx.store.get(resource.kind, String(Number(key))) : undefined;
  const records = ctx.store.list(resource.kind);
  return records.find((record) => resource.nameOf(record) === key)
    ?? records.find((record) => resource.nameOf(record).toLowerCase() === key.toLowerCase());
}

/** Jamf lists Classic objects by name. */
function sorted(ctx: ReadContext, resource: ClassicResource): Data[] {
  return [...ctx.store.list(resource.kind)].sort((a, b) => resource.nameOf(a).localeCompare(resource.nameOf(b)));
}

function document(req: SimRequest, root: string, body: Node): SimResponse {
  if (wantsJson(req)) return { status: 200, headers: { 'content-type': JSON_TYPE }, body: toJson(root, body) };
  return { status: 200, headers: { 'content-type': XML_TYPE }, body: toXml(root, body) };
}

/** JSON only when the client ranks application/json above XML. */
export function wantsJson(req: SimRequest): boolean {
  const accept = String(req.headers.accept ?? '');
  if (!accept.includes('json')) return false;
  let best: { json: boolean; q: number } | undefined;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const json = type === 'application/json';
    if (!json && type !== 'application/xml' && type !== 'text/xml') continue;
    const qParam = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (best === undefined || q > best.q) best = { json, q };
  }
  return best?.json ?? false;
}

