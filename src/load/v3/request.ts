/**
 * One `*.request.yaml` (`$kind: http-request`) → a v2.1 request item, with its examples.
 * The `url` already holds the enabled query string; `queryParams` lists every parameter,
 * disabled ones included, so only the disabled ones are taken from it (never appended twice).
 */
import { createRequire } from 'node:module';
import { prepareEngine } from '../../engine-patches/index.ts';
import type { PostmanItem, PostmanRequest, PostmanUrlObject, PostmanVariable } from '../postman-types.ts';
import { pairs, plainValue, toAuth, toEvents, toProtocolProfile, toVariables, type Pair, type Report } from './fields.ts';
import type { V3File, V3RequestNode } from './read.ts';
import { sortByOrder } from './order.ts';
import { isMap, text, type YamlValue } from './yaml.ts';

const require = createRequire(import.meta.url);
type UrlParser = { parse(raw: string): PostmanUrlObject & { raw: string } };
let sdkUrl: UrlParser | undefined;
/** The collection SDK's URL class, loaded on first use: most commands never need it. */
function urlClass(): UrlParser {
  if (!sdkUrl) prepareEngine('postman-collection');
  sdkUrl ??= (require('postman-collection') as { Url: UrlParser }).Url;
  return sdkUrl;
}

const RAW_LANGUAGES: Record<string, string> = { json: 'json', text: 'text', xml: 'xml', html: 'html', javascript: 'javascript' };
export const REQUEST_FIELDS = new Set([
  '$kind', 'id', 'name', 'description', 'order', 'url', 'method', 'headers', 'queryParams', 'pathVariables', 'body', 'auth', 'scripts', 'examples', 'settings',
]);

/** The item, or undefined when the request cannot be run (reported). */
export function toRequestItem(node: V3RequestNode, report: Report): PostmanItem | undefined {
  const doc = node.source.doc;
  for (const key of Object.keys(doc)) {
    if (!REQUEST_FIELDS.has(key)) report.warn('V3_FIELD_IGNORED', `${report.shown}: unknown field "${key}"${key === 'event' ? ' (the v2.1 spelling: v3 calls it scripts)' : ''}; ignored, as Postman ignores it.`);
  }
  const body = toBody(doc.body, report);
  if (body === SKIP) return undefined;
  const auth = toAuth(doc.auth, report);
  const request: PostmanRequest & Record<string, unknown> = {
    method: (text(doc.method) ?? 'GET').toUpperCase(),
    header: toVariables(pairs(doc.headers, report, 'headers')),
    url: toUrl(text(doc.url) ?? '', pairs(doc.queryParams, report, 'queryParams'), pairs(doc.pathVariables, report, 'pathVariables'), report),
    ...(body ? { body } : {}),
    ...(auth ? { auth } : {}),
    ...(doc.description !== undefined && doc.description !== null ? { description: text(doc.description) } : {}),
  };
  const events = toEvents(doc.scripts, report);
  const profile = toProtocolProfile(doc.settings);
  const responses = sortByOrder(node.examples, (e) => e.doc.order, (e) => e.file).map((e) => toResponse(e));
  for (const d of node.unreadResources) report.warn('V3_FIELD_IGNORED', `${d}: request resources other than examples are not read.`);
  return {
    ...(typeof doc.id === 'string' ? { id: doc.id } : {}),
    name: text(doc.name) ?? node.stem,
    ...(events.length > 0 ? { event: events } : {}),
    request,
    ...(profile ? { protocolProfileBehavior: profile } : {}),
    ...(responses.length > 0 ? { response: responses } : {}),
  };
}

export function toUrl(raw: string, query: Pair[], pathVariables: Pair[], report: Report): PostmanUrlObject {
  const parsed = urlClass().parse(raw);
  const fromUrl = [...(parsed.query ?? [])];
  const inUrl = new Set(fromUrl.map((q) => q.key));
  for (const p of query) {
    if (!p.disabled && !inUrl.has(p.key)) {
      report.warn('V3_FIELD_IGNORED', `${report.shown}: queryParams "${p.key}" is enabled but not in the url; the url is what is sent (Postman keeps the two in step).`);
    }
  }
  // queryParams and the url agree on the enabled parameters; the url wins where they do not.
  const merged: PostmanVariable[] = [];
  for (const p of query) {
    if (p.disabled) merged.push({ key: p.key, value: p.value === null ? '' : plainValue(p.value), disabled: true, ...(p.description ? { description: p.description } : {}) });
    else if (fromUrl.length > 0) {
      const next = fromUrl.shift()!;
      merged.push({ ...next, ...(p.description && next.key === p.key ? { description: p.description } : {}) });
    }
  }
  merged.push(...fromUrl);
  // Only declared path variables: an undeclared `:name` stays in the URL as text, as in Postman.
  const variable = pathVariables.map((p) => ({ key: p.key, value: p.value === null ? '' : plainValue(p.value), ...(p.description ? { description: p.description } : {}) }));
  const { query: _q, variable: _v, ...rest } = parsed;
  return { ...rest, ...(merged.length > 0 ? { query: merged } : {}), ...(variable.length > 0 ? { variable } : {}) };
}

const SKIP = Symbol('skip');

function toBody(value: YamlValue | undefined, report: Report): PostmanRequest['body'] | undefined | typeof SKIP {
  if (value === undefined || value === null) return undefined;
  if (!isMap(value)) {
    report.warn('V3_SKIPPED', `${report.shown}: body should be {type, content}; the request is not run.`);
    return SKIP;
  }
  const type = text(value.type);
  const content = value.content;
  if (type === 'none') return undefined;
  if (type && RAW_LANGUAGES[type]) {
    const raw = typeof content === 'string' ? content : content === undefined || content === null ? '' : JSON.stringify(content, null, 2);
    return { mode: 'raw', raw, options: { raw: { language: RAW_LANGUAGES[type] } } };
  }
  if (type === 'urlencoded') return { mode: 'urlencoded', urlencoded: toVariables(pairs(content, report, 'body.content')) };
  if (type === 'formdata') return { mode: 'formdata', formdata: pairs(content, report, 'body.content').map(formPart) };
  if (type === 'file') {
    const src = isMap(content) ? text(content.src) : text(content);
    return { mode: 'file', file: { src: src ?? '' } };
  }
  report.warn('V3_SKIPPED', `${report.shown}: body.type "${type ?? '(none)'}" is not one jamf-contract can send (json, text, xml, html, javascript, formdata, urlencoded, file, none); the request is not run.`);
  return SKIP;
}

function formPart(p: Pair): PostmanVariable & Record<string, unknown> {
  const type = text(p.rest.type) === 'file' ? 'file' : 'text';
  const { type: _t, src, ...rest } = p.rest;
  return {
    key: p.key,
    type,
    ...(type === 'file' ? { src: Array.isArray(src) ? src.map((s) => text(s) ?? '') : (text(src) ?? text(p.value) ?? '') } : { value: text(p.value) ?? '' }),
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, plainValue(v)])),
    ...(p.disabled ? { disabled: true } : {}),
    ...(p.description !== undefined ? { description: p.description } : {}),
  };
}

/** A saved example (`*.example.yaml`) → a v2.1 response; examples never affect a run. */
function toResponse(example: V3File): Record<string, unknown> {
  const doc = example.doc;
  const req = isMap(doc.request) ? doc.request : {};
  const res = isMap(doc.response) ? doc.response : {};
  const resBody = isMap(res.body) ? res.body : {};
  const silent: Report = { shown: example.shown, warn: () => undefined };
  return {
    name: text(doc.name) ?? example.file.replace(/^.*[\\/]/, '').replace(/\.example\.ya?ml$/i, ''),
    originalRequest: {
      method: (text(req.method) ?? 'GET').toUpperCase(),
      header: toVariables(pairs(req.headers, silent, 'request.headers')),
      url: toUrl(text(req.url) ?? '', [], [], silent),
      ...(isMap(req.body) ? { body: toBody(req.body, silent) } : {}),
    },
    ...(res.statusText !== undefined ? { status: text(res.statusText) } : {}),
    ...(res.statusCode !== undefined ? { code: Number(res.statusCode) } : {}),
    ...(typeof resBody.type === 'string' ? { _postman_previewlanguage: resBody.type } : {}),
    header: toVariables(pairs(res.headers, silent, 'response.headers')),
    body: text(resBody.content) ?? '',
  };
}
