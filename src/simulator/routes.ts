/**
 * Jamf Pro API routes as data: the same definitions drive request handling and the
 * generated `/api/schema`, so the two cannot drift apart.
 */
import type { AuthState, TokenRecord } from './auth.ts';
import type { SimRequest, SimResponse, SimStore } from './http.ts';
import type { Profile, VersionInfo } from './version.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Schema = Record<string, unknown>;

export interface ResponseDef {
  description: string;
  /** A component name (`Building`) or an inline schema; absent for responses without content. */
  schema?: string | Schema;
}

export interface ParameterDef {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: Schema;
  description?: string;
}

export interface Caller {
  privileges: ReadonlySet<string>;
  subject: string;
  token?: string;
  record?: TokenRecord;
}

export interface RouteContext {
  req: SimRequest;
  params: Record<string, string>;
  /** The parsed JSON body, for routes that declare one. */
  body: unknown;
  caller: Caller | undefined;
  store: SimStore;
  auth: AuthState;
  info: VersionInfo;
  /** `scheme://host` as the client addressed us, for `href`s. */
  origin: string;
}

export interface RouteDef {
  method: Method;
  /** OpenAPI path template relative to `/api`, e.g. `/v1/buildings/{id}`. */
  path: string;
  summary: string;
  tag: string;
  /** `x-required-privileges`; a caller needs all of them unless `anyPrivilege`. */
  privileges: string[];
  anyPrivilege?: boolean;
  /** False for the operations Jamf marks `x-authentication-required: false`. */
  authenticated?: boolean;
  parameters?: ParameterDef[];
  request?: { contentType: string; schema: string | Schema; required?: boolean };
  responses: Record<number, ResponseDef>;
  /** Deprecation date per profile; absent profile = not deprecated there. */
  deprecated?: Partial<Record<Profile, string>>;
  /** Profiles that have this operation; absent = all. */
  profiles?: Profile[];
  /** False for endpoints real servers answer but do not document (e.g. `/oauth/token`). */
  inSchema?: boolean;
  handler(ctx: RouteContext): SimResponse | Promise<SimResponse>;
}

export const idParam: ParameterDef = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'instance id' };

export function listParams(defaultSort: string, withFilter = true): ParameterDef[] {
  const params: ParameterDef[] = [
    { name: 'page', in: 'query', schema: { type: 'integer', default: 0 } },
    { name: 'page-size', in: 'query', schema: { type: 'integer', default: 100 } },
    { name: 'sort', in: 'query', schema: { type: 'array', items: { type: 'string' }, default: [defaultSort] }, description: 'Sorting criteria, property:asc/desc' },
  ];
  if (withFilter) params.push({ name: 'filter', in: 'query', schema: { type: 'string', default: '' }, description: 'RSQL query' });
  return params;
}

interface Compiled {
  route: RouteDef;
  regex: RegExp;
  names: string[];
}

export interface Match {
  route: RouteDef;
  params: Record<string, string>;
}

/** Routes of one profile compiled for lookup: exact paths by map, templates by regex. */
export class Router {
  private readonly exact = new Map<string, RouteDef>();
  private readonly templated: Compiled[] = [];
  private readonly exactPaths = new Set<string>();
  readonly routes: RouteDef[];

  constructor(routes: RouteDef[], profile: Profile) {
    this.routes = routes.filter((r) => !r.profiles || r.profiles.includes(profile));
    for (const route of this.routes) {
      const full = `/api${route.path}`;
      if (!full.includes('{')) {
        this.exact.set(`${route.method} ${full}`, route);
        this.exactPaths.add(full);
        continue;
      }
      const names: string[] = [];
      const source = full.replace(/[.]/g, '\\.').replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      this.templated.push({ route, regex: new RegExp(`^${source}$`), names });
    }
  }

  /** The route for `method path`; `'method'` when only the method is wrong; undefined when nothing matches. */
  match(method: string, path: string): Match | 'method' | undefined {
    const route = this.exact.get(`${method} ${path}`);
    if (route) return { route, params: {} };
    let pathKnown = this.exactPaths.has(path);
    for (const c of this.templated) {
      const m = c.regex.exec(path);
      if (!m) continue;
      if (c.route.method !== method) {
        pathKnown = true;
        continue;
      }
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? '')));
      return { route: c.route, params };
    }
    return pathKnown ? 'method' : undefined;
  }
}
