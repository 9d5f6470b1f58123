/**
 * Matching `/JSSResource/…` paths to a resource and form, and the list of every Classic
 * route the simulator implements (the core builds `/classicapi/doc/swagger.yaml` from it).
 */
import type { ClassicResource } from './resource.ts';

export const CLASSIC_BASE_PATH = '/JSSResource';

export type ClassicMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ClassicRoute {
  method: ClassicMethod;
  /** Relative to CLASSIC_BASE_PATH, in Jamf's swagger form, e.g. `/buildings/id/{id}`. */
  path: string;
  privilege: string;
  summary: string;
}

export type Target =
  | { form: 'list'; resource: ClassicResource }
  | { form: 'basic'; resource: ClassicResource }
  | { form: 'id' | 'name'; resource: ClassicResource; key: string; subsets?: string[] }
  | { form: 'group'; resource: ClassicResource; by: 'id' | 'name'; key: string };

const verbs: Record<ClassicMethod, string> = { GET: 'Read', POST: 'Create', PUT: 'Update', DELETE: 'Delete' };

export function privilegeFor(method: ClassicMethod, resource: ClassicResource): string {
  return `${verbs[method]} ${resource.privilegeNoun}`;
}

/** Which methods each form answers; anything else is Jamf's 405. */
export function methodsFor(target: Target): readonly ClassicMethod[] {
  if (target.form === 'id' && target.subsets === undefined) return ['GET', 'POST', 'PUT', 'DELETE'];
  return ['GET'];
}

/** undefined: no such resource or form (404). */
export function matchPath(path: string, resources: ReadonlyMap<string, ClassicResource>): Target | undefined {
  if (!path.startsWith(`${CLASSIC_BASE_PATH}/`)) return undefined;
  const raw = path.slice(CLASSIC_BASE_PATH.length + 1).split('/');
  if (raw[raw.length - 1] === '') raw.pop();
  const segments = raw.map(decode);
  if (segments.some((segment) => segment === undefined)) return undefined;
  const [name, by, key, subsetWord, subsetList, ...rest] = segments as string[];
  const resource = name === undefined ? undefined : resources.get(name);
  if (resource === undefined || rest.length > 0) return undefined;
  if (by === undefined) return { form: 'list', resource };
  if (by === 'subset' && key === 'basic' && subsetWord === undefined && resource.path === 'computers') {
    return { form: 'basic', resource };
  }
  if (key === undefined || key === '') return undefined;
  if (resource.path === 'accounts' && (by === 'groupid' || by === 'groupname') && subsetWord === undefined) {
    return { form: 'group', resource, by: by === 'groupid' ? 'id' : 'name', key };
  }
  const form = by === resource.idSegment ? 'id' : by === resource.nameSegment ? 'name' : undefined;
  if (form === undefined) return undefined;
  if (subsetWord === undefined) return { form, resource, key };
  if (subsetWord !== 'subset' || subsetList === undefined || resource.subsets === undefined) return undefined;
  return { form, resource, key, subsets: subsetList.split('&').filter((subset) => subset !== '') };
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function routesFor(resources: readonly ClassicResource[]): ClassicRoute[] {
  const routes: ClassicRoute[] = [];
  for (const resource of resources) {
    const add = (method: ClassicMethod, path: string, summary: string): void => {
      routes.push({ method, path: `/${resource.path}${path}`, privilege: privilegeFor(method, resource), summary });
    };
    const one = resource.itemRoot.replace(/_/g, ' ');
    add('GET', '', `Finds all ${resource.listRoot.replace(/_/g, ' ')}`);
    if (resource.path === 'computers') add('GET', '/subset/basic', 'Finds all computers with basic information');
    add('GET', `/${resource.idSegment}/{id}`, `Finds ${one} by id`);
    add('POST', `/${resource.idSegment}/{id}`, `Creates a new ${one} (use id 0)`);
    add('PUT', `/${resource.idSegment}/{id}`, `Updates an existing ${one} by id`);
    add('DELETE', `/${resource.idSegment}/{id}`, `Deletes ${one} by id`);
    add('GET', `/${resource.nameSegment}/{name}`, `Finds ${one} by name`);
    if (resource.subsets !== undefined) {
      add('GET', `/${resource.idSegment}/{id}/subset/{subset}`, `Finds a subset of ${one} by id`);
      add('GET', `/${resource.nameSegment}/{name}/subset/{subset}`, `Finds a subset of ${one} by name`);
    }
    if (resource.path === 'accounts') {
      add('GET', '/groupid/{id}', 'Finds groups by id');
      add('GET', '/groupname/{name}', 'Finds groups by name');
    }
  }
  return routes;
}
