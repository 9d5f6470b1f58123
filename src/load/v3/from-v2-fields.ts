/**
 * v2.1 fields → v3 YAML values, the inverse of `fields.ts` and `request.ts`: lists become
 * maps where nothing needs the list spelling (as the Postman app writes them), auth becomes
 * `{type, credentials}`, events become `scripts`, bodies become `{type, content}`.
 */
import { createRequire } from 'node:module';
import { prepareEngine } from '../../engine-patches/index.ts';
import type { PostmanAuth, PostmanEvent, PostmanRequest, PostmanUrlObject, PostmanVariable } from '../postman-types.ts';
import { scriptText } from '../postman-types.ts';

const require = createRequire(import.meta.url);
type UrlClass = new (url: PostmanUrlObject | string) => { toString(): string };
let sdkUrl: UrlClass | undefined;
/** The collection SDK's URL class, loaded on first use: most commands never need it. */
function urlClass(): UrlClass {
  if (!sdkUrl) prepareEngine('postman-collection');
  sdkUrl ??= (require('postman-collection') as { Url: UrlClass }).Url;
  return sdkUrl;
}

export type Out = Record<string, unknown>;
export type Warn = (message: string) => void;

/** `{key: value}` when every entry is plain; the list spelling when one is disabled, described or repeated. */
export function keyValues(list: PostmanVariable[] | undefined, extraKeys: string[] = []): Out | Out[] | undefined {
  const entries = (list ?? []).filter((v) => v && typeof v.key === 'string');
  if (entries.length === 0) return undefined;
  const keys = entries.map((v) => v.key);
  const plain =
    new Set(keys).size === keys.length &&
    entries.every((v) => !v.disabled && v.enabled !== false && !(v as { description?: unknown }).description && extraKeys.every((k) => (v as Record<string, unknown>)[k] === undefined));
  if (plain) return Object.fromEntries(entries.map((v) => [v.key, valueOf(v.value)]));
  return entries.map((v) => {
    const extra = v as Record<string, unknown>;
    return {
      key: v.key,
      value: valueOf(v.value),
      ...Object.fromEntries(extraKeys.filter((k) => extra[k] !== undefined).map((k) => [k, extra[k]])),
      ...(v.disabled || v.enabled === false ? { disabled: true } : {}),
      ...(description(extra.description) ? { description: description(extra.description) } : {}),
    };
  });
}

function valueOf(value: unknown): unknown {
  return value === undefined || value === null ? '' : value;
}

export function description(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (value && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') return (value as { content: string }).content;
  return undefined;
}

export function fromAuth(auth: PostmanAuth | null | undefined, warn: Warn): Out | undefined {
  if (!auth || typeof auth.type !== 'string') return undefined;
  if (auth.type === 'noauth') return { type: 'noauth' };
  const params = auth[auth.type];
  let credentials: Out = {};
  if (Array.isArray(params)) credentials = Object.fromEntries(params.filter((p) => p && typeof p.key === 'string').map((p) => [p.key, valueOf(p.value)]));
  else if (params && typeof params === 'object') credentials = { ...params };
  else if (params !== undefined) warn(`auth.${auth.type} is not a list of {key, value}; its credentials are left out`);
  return Object.keys(credentials).length > 0 ? { type: auth.type, credentials } : { type: auth.type };
}

/** Events → `scripts`; a definition's script types carry the `http:` prefix. */
export function fromEvents(events: PostmanEvent[] | undefined, level: 'definition' | 'request', warn: Warn): Out[] | undefined {
  const out: Out[] = [];
  for (const e of events ?? []) {
    const type = e.listen === 'prerequest' ? 'beforeRequest' : e.listen === 'test' ? 'afterResponse' : undefined;
    if (!type) {
      warn(`the "${e.listen}" script has no v3 equivalent and is left out`);
      continue;
    }
    const code = scriptText(e.script);
    if (code === '' && !e.script?.exec) continue;
    if (e.disabled) warn(`a disabled ${e.listen} script is written with disabled: true, which Postman v12 does not read`);
    out.push({ type: level === 'definition' ? `http:${type}` : type, code, language: 'text/javascript', ...(e.disabled ? { disabled: true } : {}) });
  }
  return out.length > 0 ? out : undefined;
}

const LANGUAGES = new Set(['json', 'text', 'xml', 'html', 'javascript']);

export function fromBody(body: PostmanRequest['body'] | undefined, warn: Warn): Out | undefined {
  if (!body || typeof body !== 'object' || !body.mode) return undefined;
  if (body.disabled) warn('a disabled body has no v3 equivalent; it is left out');
  if (body.disabled) return undefined;
  switch (body.mode) {
    case 'raw': {
      const language = (body.options as { raw?: { language?: string } } | undefined)?.raw?.language;
      return { type: language && LANGUAGES.has(language) ? language : 'text', content: body.raw ?? '' };
    }
    case 'urlencoded':
      return { type: 'urlencoded', content: keyValues(body.urlencoded) ?? [] };
    case 'formdata':
      return { type: 'formdata', content: (body.formdata ?? []).map(formPart) };
    case 'file': {
      const file = body.file as { src?: unknown; content?: unknown } | undefined;
      if (file?.content !== undefined && file.src === undefined) warn('an inline file body has no v3 equivalent; written as a text body');
      if (file?.content !== undefined && file.src === undefined) return { type: 'text', content: String(file.content) };
      return { type: 'file', content: { src: typeof file?.src === 'string' ? file.src : '' } };
    }
    case 'graphql': {
      const g = (body.graphql ?? {}) as { query?: unknown; variables?: unknown };
      warn('a GraphQL body is written as the JSON the engine sends ({query, variables}); v3 keeps GraphQL in graphql-request files');
      let variables: unknown = g.variables;
      if (typeof variables === 'string') variables = variables.trim() ? safeJson(variables) : undefined;
      return { type: 'json', content: JSON.stringify({ query: g.query ?? '', ...(variables !== undefined ? { variables } : {}) }, null, 2) };
    }
    default:
      warn(`body mode "${body.mode}" has no v3 equivalent; it is left out`);
      return undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function formPart(p: PostmanVariable & Record<string, unknown>): Out {
  const isFile = p.type === 'file';
  return {
    key: p.key,
    type: isFile ? 'file' : 'text',
    ...(isFile ? { src: p.src ?? '' } : { value: valueOf(p.value) }),
    ...(typeof p.contentType === 'string' && p.contentType ? { contentType: p.contentType } : {}),
    ...(p.disabled ? { disabled: true } : {}),
    ...(description(p.description) ? { description: description(p.description) } : {}),
  };
}

/** `protocolProfileBehavior` → `settings` (`disabledSystemHeaders` map → list). */
export function fromProtocolProfile(profile: unknown): Out | undefined {
  if (!profile || typeof profile !== 'object') return undefined;
  const out: Out = {};
  for (const [key, value] of Object.entries(profile as Out)) {
    out[key] = key === 'disabledSystemHeaders' && value && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value as Out).filter(([, on]) => on === true).map(([h]) => h.toLowerCase())
      : value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The URL as v3 stores it: the text with the enabled query; every parameter in `queryParams`. */
export function fromUrl(url: PostmanRequest['url']): { url: string; queryParams?: Out | Out[]; pathVariables?: Out | Out[] } {
  if (url === undefined) return { url: '' };
  if (typeof url === 'string') return { url };
  const hasParts = url.host !== undefined || url.path !== undefined;
  // Without `variable`, the SDK keeps `:id` in the path instead of filling it in.
  const text = hasParts ? new (urlClass())({ ...url, variable: [] }).toString() : (url.raw ?? '');
  const queryParams = keyValues(url.query);
  const pathVariables = keyValues(url.variable);
  return { url: text, ...(queryParams ? { queryParams } : {}), ...(pathVariables ? { pathVariables } : {}) };
}
