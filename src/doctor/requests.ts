/**
 * The requests a run would send, as method + path below the API base, with the privileges
 * each needs: Jamf Pro API from `x-required-privileges` in the server's schema, Classic API
 * from Jamf's Create/Read/Update/Delete mapping. Plain functions over data.
 */
import type { LoadedCollection } from '../load/collection.ts';
import { walkItems } from '../load/postman-types.ts';
import type { LoadedSpec } from '../load/spec.ts';
import { judge } from '../wire/guard/index.ts';
import { detectServerVariables } from '../resolve/conventions.ts';
import { methodOf, pathOf, rawUrl } from '../resolve/url-text.ts';
import { matchPath } from '../validate/match.ts';
import { classicPrivileges } from './classic-privileges.ts';

export interface PlannedRequest {
  /** `Collection › Folder › Request (GET /v1/buildings)`. */
  label: string;
  method: string;
  api: 'pro' | 'classic' | 'unknown';
  /** Below `/api` for the Pro API; from `/JSSResource` on for Classic. */
  path: string;
  /** A run would not send it (writes without --allow-writes…). */
  notSent?: string;
}

export type Need =
  | { kind: 'none' }
  /** Jamf lists these on the operation; whether it wants all or one of them is not stated. */
  | { kind: 'listed'; privileges: string[] }
  /** Any one of these is enough (Classic object types with two names). */
  | { kind: 'any'; privileges: string[] }
  | { kind: 'unknown'; why: string };

const API_ROOT = /^\/(v\d+|preview)(\/|$)/i;

export function plannedRequests(collections: LoadedCollection[], allow: { writes: boolean; destructive: boolean }): PlannedRequest[] {
  const out: PlannedRequest[] = [];
  for (const c of collections) {
    const apiVars = new Set(detectServerVariables(c.json).filter((v) => v.form === 'api').map((v) => v.name));
    for (const { item, folders } of walkItems(c.json.item)) {
      const raw = rawUrl(item.request).trim();
      const method = methodOf(item.request);
      const { api, path } = locate(raw, apiVars);
      const label = `${[c.name, ...folders, item.name ?? '(unnamed)'].join(' › ')} (${method} ${api === 'pro' ? `/api${path}` : path})`;
      const judged = judge({ allowWrites: allow.writes, allowDestructive: allow.destructive }, { method, url: raw, headers: headersOf(item.request) });
      const notSent = judged.allowed ? undefined : `${judged.verdict.why ?? judged.verdict.class}: needs ${judged.needs}`;
      out.push({ label, method, api, path, ...(notSent ? { notSent } : {}) });
    }
  }
  return out;
}

function headersOf(request: Parameters<typeof methodOf>[0]): Array<{ key: string; value?: unknown }> {
  if (!request || typeof request === 'string' || !Array.isArray(request.header)) return [];
  return request.header.filter((h) => !h.disabled);
}

function locate(raw: string, apiVars: Set<string>): { api: PlannedRequest['api']; path: string } {
  const path = pathOf(raw);
  const classic = path.search(/\/JSSResource(\/|$)/i);
  if (classic >= 0) return { api: 'classic', path: path.slice(classic) };
  const pro = path.search(/\/api(\/|$)/i);
  if (pro >= 0) return { api: 'pro', path: path.slice(pro + 4) };
  const leading = /^\{\{\s*([^{}\s]+)\s*\}\}/.exec(raw)?.[1];
  if ((leading && apiVars.has(leading)) || API_ROOT.test(path)) return { api: 'pro', path };
  return { api: 'unknown', path };
}

export function needOf(request: PlannedRequest, pro: LoadedSpec | undefined, proWhy: string): Need {
  if (request.api === 'classic') {
    if (/^\/JSSResource\/jssuser\/?$/i.test(request.path)) return { kind: 'none' };
    const privileges = classicPrivileges(request.method, request.path);
    return privileges ? { kind: 'any', privileges } : { kind: 'unknown', why: 'Classic resource not in Jamf\'s privilege mapping' };
  }
  if (request.api === 'unknown') return { kind: 'unknown', why: 'not a Jamf Pro API or Classic API URL' };
  if (!pro) return { kind: 'unknown', why: proWhy };
  const operation = matchPath(pro, request.method, request.path).operation;
  if (!operation) return { kind: 'unknown', why: 'no such operation in the server\'s schema' };
  if (operation.op['x-authentication-required'] === false) return { kind: 'none' };
  const listed = operation.op['x-required-privileges'];
  if (!Array.isArray(listed) || listed.length === 0) return { kind: 'none' };
  return { kind: 'listed', privileges: listed.map(String) };
}
