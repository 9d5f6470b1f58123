/**
 * The operation index of an API description: one entry per method + path template, with
 * the base paths requests are sent under. Building it is a walk over `paths` only; no
 * schema is touched here, so indexing Jamf's 2 MB document stays cheap.
 */
import { escapeRegExp } from '../../regexp.ts';

export type SpecKind = 'openapi3' | 'swagger2';
export type ApiKind = 'pro' | 'classic';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One path segment of a template: a literal, or a pattern with `{param}` parts. */
export type Segment = { literal: string } | { pattern: RegExp; params: string[] };

export interface Operation {
  /** Upper-case HTTP method. */
  method: string;
  /** The path as written in the document, e.g. `/tenant/{tenantId}/buildings`. */
  specPath: string;
  /** The path requests use below the base path, e.g. `/buildings`. */
  path: string;
  /** `GET /v1/buildings/{id}` (Pro) or `GET /JSSResource/buildings` (Classic). */
  key: string;
  segments: Segment[];
  /** The operation object from the document. */
  op: Record<string, unknown>;
  /** Path-level object, for shared parameters. */
  pathItem: Record<string, unknown>;
}

export interface OperationIndex {
  operations: Operation[];
  /** Base paths requests are sent under (`/api`, `/JSSResource`), most specific first. */
  basePaths: string[];
  /** The Classic gateway layout (`/tenant/{tenantId}/…`) was mapped onto `/JSSResource`. */
  gatewayMapped: boolean;
}

const GATEWAY_PREFIX = /^\/tenant\/\{[^}/]+\}(?=\/|$)/;

export function buildIndex(doc: Record<string, unknown>, kind: SpecKind, api: ApiKind): OperationIndex {
  const paths = asRecord(doc.paths);
  const specPaths = Object.keys(paths);
  const gatewayMapped = api === 'classic' && specPaths.length > 0 && specPaths.every((p) => GATEWAY_PREFIX.test(p));
  let basePaths = kind === 'swagger2' ? [normalisePath(String(doc.basePath ?? ''))] : serverBasePaths(doc);
  if (api === 'classic' && (gatewayMapped || !basePaths.some((b) => /\/JSSResource$/i.test(b)))) {
    basePaths = ['/JSSResource'];
  }
  const keyBase = api === 'classic' ? '/JSSResource' : '';
  const operations: Operation[] = [];
  for (const specPath of specPaths) {
    const pathItem = asRecord(paths[specPath]);
    const path = normalisePath(gatewayMapped ? specPath.replace(GATEWAY_PREFIX, '') : specPath);
    const segments = toSegments(path);
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      if (!op || typeof op !== 'object') continue;
      const upper = method.toUpperCase();
      operations.push({ method: upper, specPath, path, key: `${upper} ${keyBase}${path}`, segments, op: op as Record<string, unknown>, pathItem });
    }
  }
  basePaths.sort((a, b) => b.length - a.length);
  return { operations, basePaths, gatewayMapped };
}

/** Path parts of `servers[].url`: relative (`/api`), absolute, or with `{variables}`. */
function serverBasePaths(doc: Record<string, unknown>): string[] {
  const servers = Array.isArray(doc.servers) ? (doc.servers as unknown[]) : [];
  const out = new Set<string>();
  for (const server of servers) {
    const s = asRecord(server);
    if (typeof s.url !== 'string') continue;
    const vars = asRecord(s.variables);
    const url = s.url.replace(/\{([^}]+)\}/g, (_m, name: string) => String(asRecord(vars[name]).default ?? name));
    try {
      out.add(normalisePath(new URL(url, 'http://relative.invalid').pathname));
    } catch {
      // A server URL we cannot read is skipped: the other servers (or none) still apply.
    }
  }
  if (out.size === 0) out.add('');
  return [...out];
}

/** `/a/b/` → `/a/b`; `/` → ``; collapses repeated slashes. */
export function normalisePath(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/');
  return collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed;
}

export function toSegments(path: string): Segment[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((raw) => {
      if (!raw.includes('{')) return { literal: raw };
      const params: string[] = [];
      const source = raw
        .split(/(\{[^}]*\})/)
        .map((part) => {
          if (part.startsWith('{') && part.endsWith('}')) {
            params.push(part.slice(1, -1));
            return '(.+)';
          }
          return escapeRegExp(part);
        })
        .join('');
      return { pattern: new RegExp(`^${source}$`), params };
    });
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
