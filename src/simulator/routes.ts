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

export interface Match {
  route: RouteDef;
  params: Record<string, string>;
}

/** One path segment position of the route tree: literal children first, then a `{param}` child. */
interface Node {
  literal: Map<string, Node>;
  param?: Node;
  /** Routes ending here, by method, with the names of the path parameters in order. */
  methods: Map<string, { route: RouteDef; names: string[] }>;
}

const newNode = (): Node => ({ literal: new Map(), methods: new Map() });

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Routes compiled into a tree of path segments. A literal segment beats a template at the
 * same position (`/v1/x/export` before `/v1/x/{id}`), and a more specific path that lacks the
 * method falls through to a template that has it, as Jamf's router does. When two routes
 * share a method and template, the one added first wins: native routes are added before
 * the ones generated from a schema.
 */
export class Router {
  private readonly root = newNode();
  /** The native routes of this profile (what the simulator's own `/api/schema` documents). */
  readonly routes: RouteDef[];

  constructor(routes: RouteDef[], profile: Profile, generated: RouteDef[] = []) {
    this.routes = routes.filter((r) => !r.profiles || r.profiles.includes(profile));
    for (const route of [...this.routes, ...generated]) this.add(route);
  }

  private add(route: RouteDef): void {
    let node = this.root;
    const names: string[] = [];
    for (const segment of `/api${route.path}`.split('/').slice(1)) {
      const param = /^\{([^}]+)\}$/.exec(segment);
      if (param) {
        names.push(param[1] as string);
        node = node.param ??= newNode();
      } else {
        let next = node.literal.get(segment);
        if (!next) node.literal.set(segment, (next = newNode()));
        node = next;
      }
    }
    if (!node.methods.has(route.method)) node.methods.set(route.method, { route, names });
  }

  /** The route for `method path`; `'method'` when only the method is wrong; undefined when nothing matches. */
  match(method: string, path: string): Match | 'method' | undefined {
    const segments = path.split('/').slice(1);
    const seen = { path: false };
    const found = walk(this.root, segments, 0, [], method, seen);
    if (found) return found;
    return seen.path ? 'method' : undefined;
  }
}

function walk(node: Node, segments: string[], at: number, values: string[], method: string, seen: { path: boolean }): Match | undefined {
  if (at === segments.length) {
    if (node.methods.size === 0) return undefined;
    seen.path = true;
    const hit = node.methods.get(method);
    if (!hit) return undefined;
    const params: Record<string, string> = {};
    hit.names.forEach((name, i) => (params[name] = decode(values[i] ?? '')));
    return { route: hit.route, params };
  }
  const segment = segments[at] as string;
  const literal = node.literal.get(segment);
  if (literal) {
    const found = walk(literal, segments, at + 1, values, method, seen);
    if (found) return found;
  }
  if (node.param && segment !== '') {
    values.push(segment);
    const found = walk(node.param, segments, at + 1, values, method, seen);
    if (found) return found;
    values.pop();
  }
  return undefined;
}
