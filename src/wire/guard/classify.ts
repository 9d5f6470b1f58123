/**
 * Classifying one request from its method, URL and headers as they are about to be sent.
 * Fail closed: a method the guard does not know is destructive, a method-override header
 * counts as the method it names, and of the forms a server may see the path in, the worst
 * verdict stands.
 */
import { apiPath, pathVariants } from './normalize.ts';
import { DEFAULT_RULES, GUARD_RULES, type GuardRule, type RuleClass } from './table.ts';

export type RequestClass = RuleClass;

export interface Verdict {
  class: RequestClass;
  /** The method that decided (upper case): the request's own, or the one an override header names. */
  method: string;
  /** Why, for reports (absent for reads). */
  why?: string;
  /** The table row (or default) that decided. */
  rule?: string;
}

export interface RequestShape {
  method: string;
  url: string;
  headers?: Record<string, unknown> | Array<{ key: string; value?: unknown }>;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Headers frameworks read as "treat this request as METHOD". */
const OVERRIDE_HEADERS = new Set(['x-http-method-override', 'x-http-method', 'x-method-override']);
const RANK: Record<RequestClass, number> = { read: 0, write: 1, destructive: 2 };

export function classifyRequest(request: RequestShape): Verdict {
  const methods = [request.method, ...overrides(request)].map((m) => String(m).trim().toUpperCase()).filter(Boolean);
  // A read is a read on any path: the path's forms are worked out only when a method may write.
  if (methods.length > 0 && methods.every((m) => READS.has(m))) return { class: 'read', method: methods[0]! };
  let worst: Verdict | undefined;
  for (const method of methods) {
    for (const path of pathVariants(request.url)) {
      const verdict = classifyOne(method, path);
      if (!worst || RANK[verdict.class] > RANK[worst.class]) worst = verdict;
    }
  }
  return worst ?? { class: 'read', method: methods[0] ?? 'GET' };
}

/** `DELETE` + `/JSSResource/computers/id/5` (already normalized): no headers, one path. */
export function classifyOne(method: string, normalizedPath: string): Verdict {
  if (READS.has(method)) return { class: 'read', method };
  if (!WRITES.has(method)) return { class: DEFAULT_RULES.unknownMethod.class, method, why: DEFAULT_RULES.unknownMethod.reason, rule: DEFAULT_RULES.unknownMethod.id };
  const { api, rest } = apiPath(normalizedPath);
  const row = GUARD_RULES.find((r) => applies(r, api, method) && r.pattern.test(rest));
  if (row) return { class: row.class, method, why: row.reason, rule: row.id };
  const fallback = method === 'DELETE' ? DEFAULT_RULES.delete : DEFAULT_RULES.write;
  return { class: fallback.class, method, why: fallback.reason, rule: fallback.id };
}

function applies(row: GuardRule, api: 'pro' | 'classic' | 'other', method: string): boolean {
  if (row.methods !== '*' && !row.methods.includes(method)) return false;
  if (row.api === 'any') return true;
  // A path with no `/api` or `/JSSResource` in it (a collection's `{{baseUrl}}/v1/…` before
  // the variable is filled) is judged by the Jamf Pro API rows too: stricter, never looser.
  return row.api === api || (api === 'other' && row.api === 'pro');
}

function overrides(request: RequestShape): string[] {
  const found: string[] = [];
  const headers = request.headers;
  const entries: Array<[string, unknown]> = Array.isArray(headers)
    ? headers.map((h) => [h.key, h.value])
    : Object.entries(headers ?? {});
  for (const [key, value] of entries) {
    if (!OVERRIDE_HEADERS.has(key.toLowerCase())) continue;
    for (const v of Array.isArray(value) ? value : [value]) found.push(String(v));
  }
  const query = /[?&]_method=([^&#]*)/i.exec(request.url);
  if (query?.[1]) found.push(decodeURIComponent(query[1]));
  return found;
}
