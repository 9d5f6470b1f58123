/**
 * Classic endpoints as data: each is a method, a path pattern below `/JSSResource/{resource}`
 * and a handler. The same list answers requests and builds `/classicapi/doc/swagger.yaml`,
 * so the simulator documents exactly what it serves.
 */
import type { SimRequest, SimResponse } from '../http.ts';
import type { ReadContext } from './read.ts';

export const CLASSIC_BASE_PATH = '/JSSResource';

export type ClassicMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ClassicRoute {
  method: ClassicMethod;
  /** Relative to CLASSIC_BASE_PATH, in Jamf's swagger form, e.g. `/buildings/id/{id}`. */
  path: string;
  privilege: string;
  summary: string;
  /** Status → description, for the swagger; the simulator answers nothing else on this route. */
  responses?: Readonly<Record<number, string>>;
}

export interface Call {
  req: SimRequest;
  params: Readonly<Record<string, string>>;
  ctx: ReadContext;
}

export interface Endpoint extends ClassicRoute {
  handle(call: Call): SimResponse;
}

const verbs: Record<ClassicMethod, string> = { GET: 'Read', POST: 'Create', PUT: 'Update', DELETE: 'Delete' };

export function privilegeName(method: ClassicMethod, noun: string): string {
  return `${verbs[method]} ${noun}`;
}

/** What each kind of route answers: Jamf's swagger says only 200, but a client needs to know the rest. */
export function responsesFor(method: ClassicMethod, path: string): Record<number, string> {
  const out: Record<number, string> = {};
  if (method === 'GET') out[200] = 'OK';
  if (method === 'DELETE') out[200] = 'Deleted: <id> of the object';
  if (method === 'POST' || method === 'PUT') {
    out[201] = method === 'POST' ? 'Created: <id> of the new object' : 'Updated: <id> of the object';
    out[400] = 'Body is not well-formed XML';
  }
  out[401] = 'Unauthorized: no valid token or Basic credentials';
  out[403] = 'Forbidden: the caller lacks the privilege';
  if (path.includes('{')) out[404] = 'No object matches the request URI';
  if (method === 'POST' || method === 'PUT') {
    out[409] = 'Conflict: "Error: …" names the problem (duplicate, missing or invalid value)';
    out[415] = 'Body is not XML';
  }
  return out;
}

/** One path segment: a literal, or a pattern such as `{id}` or `{start_date}_{end_date}`. */
type Segment = { literal: string } | { regex: RegExp; names: string[] };

interface Compiled {
  endpoint: Endpoint;
  segments: Segment[];
  /** Literal segments win over parameters, position by position. */
  rank: string;
}

function compileSegment(text: string): Segment {
  if (!text.includes('{')) return { literal: text };
  const names: string[] = [];
  const source = text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+?)';
  });
  return { regex: new RegExp(`^${source}$`), names };
}

export type Match = { endpoint: Endpoint; params: Record<string, string> } | 'method' | undefined;

/** Endpoints grouped by resource (the first segment below `/JSSResource`). */
export class ClassicRouter {
  private readonly byResource = new Map<string, Compiled[]>();

  constructor(endpoints: readonly Endpoint[]) {
    for (const endpoint of endpoints) {
      const [resource = '', ...rest] = endpoint.path.slice(1).split('/');
      const segments = rest.map(compileSegment);
      const rank = segments.map((segment) => ('literal' in segment ? '0' : '1')).join('');
      const list = this.byResource.get(resource) ?? [];
      list.push({ endpoint, segments, rank });
      this.byResource.set(resource, list);
    }
    for (const list of this.byResource.values()) list.sort((a, b) => a.rank.localeCompare(b.rank));
  }

  /** undefined: no such path (404); 'method': the path exists for other methods (405). */
  match(method: string, path: string): Match {
    if (!path.startsWith(`${CLASSIC_BASE_PATH}/`)) return undefined;
    const raw = path.slice(CLASSIC_BASE_PATH.length + 1).split('/');
    if (raw[raw.length - 1] === '') raw.pop();
    const decoded = raw.map(decode);
    if (decoded.some((segment) => segment === undefined)) return undefined;
    const [resource = '', ...rest] = decoded as string[];
    const candidates = this.byResource.get(resource);
    if (candidates === undefined) return undefined;
    let pathKnown = false;
    for (const compiled of candidates) {
      const params = matchSegments(compiled.segments, rest);
      if (params === undefined) continue;
      if (compiled.endpoint.method === method) return { endpoint: compiled.endpoint, params };
      pathKnown = true;
    }
    return pathKnown ? 'method' : undefined;
  }
}

function matchSegments(segments: readonly Segment[], values: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== values.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    const value = values[i] as string;
    if ('literal' in segment) {
      if (segment.literal !== value) return undefined;
      continue;
    }
    if (value === '') return undefined;
    const found = segment.regex.exec(value);
    if (found === null) return undefined;
    segment.names.forEach((name, at) => (params[name] = found[at + 1] ?? ''));
  }
  return params;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
