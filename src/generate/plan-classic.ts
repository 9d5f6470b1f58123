/**
 * `--include-classic`: for every resource Jamf's Classic API swagger lists, its list
 * (`/JSSResource/buildings`) and its detail by id (`/JSSResource/buildings/id/{id}`), the
 * id taken from the first `<id>` of the list's XML. Singletons (`/activationcode`) are
 * their own "list". The swagger documents no response schemas, so the tests check the
 * status and that the answer is XML; the baseline is the Classic contract.
 */
import { classicPrivileges } from '../doctor/classic-privileges.ts';
import { DEPRECATED_FOLDER } from './plan-pro.ts';
import { isObject, type Json } from './schema.ts';
import type { GenerateInput, GenerateSummary, PlannedRequest } from './types.ts';

export const CLASSIC_FOLDER = 'Classic API';
const LIST = /^\/([^/{]+)$/;
const DETAIL = /^\/([^/{]+)\/id\/\{([^}]+)\}$/;

export interface ClassicPlan {
  operations: number;
  requests: PlannedRequest[];
  leftOut: GenerateSummary['leftOut'];
}

export function planClassic(swagger: Json, input: GenerateInput): ClassicPlan {
  const paths = isObject(swagger.paths) ? swagger.paths : {};
  const gets = Object.keys(paths).filter((p) => isObject(paths[p]) && isObject((paths[p] as Json).get)).map((p) => `/${p.replace(/^\/+/, '')}`);
  const plan: ClassicPlan = { operations: gets.length, requests: [], leftOut: [] };
  const lists = new Map<string, PlannedRequest>();
  for (const path of [...gets].sort()) {
    const op = (paths[path] ?? paths[path.slice(1)]) as Json;
    const get = op.get as Json;
    const list = LIST.exec(path);
    const detail = DETAIL.exec(path);
    const resource = list?.[1] ?? detail?.[1];
    const key = `GET /JSSResource${path}`;
    if (!resource || (detail && !gets.includes(`/${resource}`))) continue;
    const listAway = detail ? plan.leftOut.find((l) => l.operation === `GET /JSSResource/${resource}`) : undefined;
    const away = leftOutReason(get, path, input) ?? (listAway ? { reason: listAway.reason, detail: `its list, ${listAway.operation}, is left out` } : undefined);
    if (away) {
      plan.leftOut.push({ operation: key, ...away });
      continue;
    }
    const request = classicRequest(key, resource, get, input);
    if (list) {
      request.segments = [resource];
      lists.set(resource, request);
    } else {
      const source = lists.get(resource)!;
      const variable = `classic.${resource}.id`;
      request.segments = [resource, 'id', `{{${variable}}}`];
      request.dependsOn = [source.operation];
      request.description.push(`Ids from the first item of ${source.operation}.`);
      source.sets.push({ variable, property: 'id', from: 'xml' });
    }
    plan.requests.push(request);
  }
  return plan;
}

function classicRequest(key: string, resource: string, get: Json, input: GenerateInput): PlannedRequest {
  const deprecated = get.deprecated === true;
  const summary = typeof get.summary === 'string' ? get.summary.trim() : undefined;
  const date = get['x-deprecation-date'];
  return {
    api: 'classic',
    operation: key,
    folders: deprecated && (input.deprecated ?? 'folder') === 'folder' ? [CLASSIC_FOLDER, DEPRECATED_FOLDER, resource] : [CLASSIC_FOLDER, resource],
    base: 'url',
    segments: [],
    query: [],
    accept: 'application/xml',
    media: 'xml',
    statuses: [200],
    sets: [],
    dependsOn: [],
    needs: [],
    given: {},
    description: [...(summary ? [summary] : []), ...(deprecated ? [`Deprecated${typeof date === 'string' ? ` since ${date}` : ''}.`] : [])],
    deprecated,
  };
}

function leftOutReason(get: Json, path: string, input: GenerateInput): { reason: GenerateSummary['leftOut'][number]['reason']; detail: string } | undefined {
  if (get.deprecated === true && input.deprecated === 'exclude') return { reason: 'deprecated', detail: 'deprecated (--exclude-deprecated)' };
  const grants = input.grants;
  if (!grants || grants.privileges === 'all') return undefined;
  // Jamf's Classic mapping: any one of the object type's Read privileges. A resource it does
  // not cover cannot be shown readable, so a least-privilege suite leaves it out.
  const needed = classicPrivileges('GET', `/JSSResource${path}`);
  if (!needed) return { reason: 'privileges', detail: `its privilege is not in Jamf's documented Classic mapping, so it cannot be shown to be held by ${grants.label}` };
  if (needed.some((p) => (grants.privileges as Set<string>).has(p))) return undefined;
  return { reason: 'privileges', detail: `needs ${needed.join(' or ')}, not held by ${grants.label}` };
}
