/**
 * Matching a sent request to an operation: by method and path only (Jamf's schema names
 * barely 14 operations). The URL's server base path (`/sub` of `https://host/sub`) and the
 * spec's base path (`/api`, `/JSSResource`) are stripped, query strings ignored, segments
 * decoded, trailing slashes dropped; literal segments win over templates, left to right.
 */
import type { LoadedSpec, Operation, Segment } from '../load/spec.ts';

export interface PathMatch {
  /** The request path below the base path, e.g. `/v1/buildings/1`. */
  path: string;
  /** The operation for this method and path, when the spec documents one. */
  operation?: Operation;
  /** Methods the spec documents for this path (when the path matched but the method did not). */
  otherMethods: string[];
  /** Path parameters of the matched template. */
  params: Record<string, string>;
}

interface MatchIndex {
  byLength: Map<number, Operation[]>;
}

const indexes = new WeakMap<LoadedSpec, MatchIndex>();

/** The part of a URL below one of the spec's base paths, or undefined when it is not under any. */
export function pathBelowBase(spec: LoadedSpec, url: string, serverUrl?: string): string | undefined {
  const pathname = urlPath(url);
  const serverPath = serverUrl ? trimSlash(urlPath(serverUrl)) : '';
  for (const base of spec.basePaths) {
    const prefixes = new Set<string>();
    if (serverPath) prefixes.add(endsWithSegments(serverPath, base) ? serverPath : serverPath + base);
    prefixes.add(base);
    for (const prefix of prefixes) {
      const rest = stripPrefix(pathname, prefix);
      if (rest !== undefined) return rest;
    }
    // No server URL given (or it did not fit): find the base path at any segment boundary.
    if (base) {
      const at = pathname.toLowerCase().indexOf(`${base.toLowerCase()}/`);
      const whole = pathname.toLowerCase().endsWith(base.toLowerCase()) ? pathname.length - base.length : -1;
      if (at >= 0) return pathname.slice(at + base.length);
      if (whole >= 0) return '';
    }
  }
  return undefined;
}

export function matchPath(spec: LoadedSpec, method: string, path: string): PathMatch {
  const segments = path.split('/').filter((s) => s !== '').map(decodeSegment);
  const candidates = matchIndex(spec).byLength.get(segments.length) ?? [];
  const upper = method.toUpperCase();
  const otherMethods: string[] = [];
  let pathTemplate: string | undefined;
  // A more specific path without this method falls through to a template that has it,
  // as Jamf's router does (`GET /v1/x/{id}` still serves `/v1/x/export` when only POST is literal).
  for (const op of candidates) {
    const params = matchSegments(op.segments, segments);
    if (!params) continue;
    if (op.method === upper) return { path, operation: op, otherMethods: [], params };
    pathTemplate ??= op.path;
    if (op.path === pathTemplate) otherMethods.push(op.method);
  }
  return { path, otherMethods, params: {} };
}

function matchIndex(spec: LoadedSpec): MatchIndex {
  let index = indexes.get(spec);
  if (index) return index;
  const byLength = new Map<number, Operation[]>();
  for (const op of spec.operations) {
    const list = byLength.get(op.segments.length) ?? [];
    list.push(op);
    byLength.set(op.segments.length, list);
  }
  // Most specific first; operations of one path stay together so a path match ends the search.
  for (const list of byLength.values()) list.sort((a, b) => compareSpecificity(a.segments, b.segments) || a.path.localeCompare(b.path));
  index = { byLength };
  indexes.set(spec, index);
  return index;
}

function rank(segment: Segment): number {
  if ('literal' in segment) return 0;
  return segment.pattern.source === '^(.+)$' ? 2 : 1;
}

function compareSpecificity(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < a.length; i++) {
    const diff = rank(a[i]!) - rank(b[i]!);
    if (diff !== 0) return diff;
  }
  return 0;
}

function matchSegments(template: Segment[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    const s = segments[i]!;
    if ('literal' in t) {
      if (t.literal !== s) return undefined;
      continue;
    }
    const m = t.pattern.exec(s);
    if (!m) return undefined;
    t.params.forEach((name, j) => (params[name] = m[j + 1] ?? ''));
  }
  return params;
}

function urlPath(url: string): string {
  try {
    return new URL(url, 'http://relative.invalid').pathname;
  } catch {
    return url.split(/[?#]/)[0] ?? '';
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}

function endsWithSegments(path: string, suffix: string): boolean {
  return suffix !== '' && path.toLowerCase().endsWith(suffix.toLowerCase());
}

function stripPrefix(pathname: string, prefix: string): string | undefined {
  if (!prefix) return pathname;
  const lower = pathname.toLowerCase();
  const p = prefix.toLowerCase();
  if (lower === p) return '';
  if (lower.startsWith(`${p}/`)) return pathname.slice(prefix.length);
  return undefined;
}
