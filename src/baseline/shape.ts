/**
 * Shape signatures: a body reduced to its paths and JSON types, values dropped.
 * `{"results":[{"id":1,"name":"a"}]}` → `{"/": "object", "/results": "array",
 * "/results/[]": "object", "/results/[]/id": "integer", "/results/[]/name": "string"}`.
 * Array elements share one `[]` path, their shapes merged. Classic XML gets the same idea:
 * elements are objects or strings, an empty element is `null`, and a repeated element is
 * the same path as a single one (Jamf lists have one child element per item).
 */
import type * as FastXml from 'fast-xml-parser';
import { lazyRequire } from '../lazy-require.ts';

const fastXml = lazyRequire<typeof FastXml>('fast-xml-parser');

export type Shape = Record<string, string>;

const typeOrder = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'];
/** Bounds that keep a huge inventory body cheap: deeper paths, extra paths and extra elements are not looked at. */
const limits = { depth: 16, paths: 5000, elements: 200 };

export function shapeOf(value: unknown): Shape {
  const types = new Map<string, Set<string>>();
  walk(value, '', 0, types, false);
  return toShape(types);
}

export function shapeOfBody(body: Buffer, contentType?: string): Shape | undefined {
  const type = (contentType ?? '').toLowerCase();
  const text = body.toString('utf8').trim();
  if (text === '') return undefined;
  const looksJson = text.startsWith('{') || text.startsWith('[');
  if (type.includes('json') || (!type && looksJson) || (looksJson && !type.includes('xml') && !type.includes('html'))) {
    try {
      return shapeOf(JSON.parse(text));
    } catch {
      return undefined;
    }
  }
  if (type.includes('xml') || (text.startsWith('<') && !type.includes('html') && !/^<!doctype html|^<html/i.test(text))) {
    return shapeOfXml(text);
  }
  return undefined;
}

function shapeOfXml(text: string): Shape | undefined {
  const parser = new (fastXml().XMLParser)({ ignoreAttributes: true, parseTagValue: false, ignoreDeclaration: true, ignorePiTags: true });
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch {
    return undefined;
  }
  const types = new Map<string, Set<string>>();
  walk(parsed, '', 0, types, true);
  return toShape(types);
}

function walk(value: unknown, path: string, depth: number, types: Map<string, Set<string>>, xml: boolean): void {
  if (types.size >= limits.paths && !types.has(path || '/')) return;
  if (xml && Array.isArray(value)) {
    for (const element of value.slice(0, limits.elements)) walk(element, path, depth, types, xml);
    return;
  }
  add(types, path || '/', typeOf(value, xml));
  if (depth >= limits.depth || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const element of value.slice(0, limits.elements)) walk(element, `${path}/[]`, depth + 1, types, xml);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    walk(child, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1, types, xml);
  }
}

function typeOf(value: unknown, xml: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (xml) return value === '' ? 'null' : 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

function add(types: Map<string, Set<string>>, path: string, type: string): void {
  let set = types.get(path);
  if (!set) {
    set = new Set();
    types.set(path, set);
  }
  set.add(type);
}

function toShape(types: Map<string, Set<string>>): Shape {
  const shape: Shape = {};
  for (const path of [...types.keys()].sort()) shape[path] = joinTypes(types.get(path) ?? new Set());
  return shape;
}

export function joinTypes(types: Iterable<string>): string {
  return [...new Set(types)].sort((a, b) => typeOrder.indexOf(a) - typeOrder.indexOf(b)).join('|');
}

/** Merges two signatures (several iterations of one request): types at a shared path are joined. */
export function mergeShapes(a: Shape, b: Shape): Shape {
  const merged: Shape = { ...a };
  for (const [path, type] of Object.entries(b)) {
    const existing = merged[path];
    merged[path] = existing === undefined ? type : joinTypes([...existing.split('|'), ...type.split('|')]);
  }
  return merged;
}
