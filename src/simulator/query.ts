/**
 * Jamf Pro API list queries: `page` / `page-size` (zero-based, silently capped), `sort`
 * (`name:asc,id:desc`, also repeated) and RSQL `filter` on simple fields. Each returns either
 * a value or Jamf's 400 response, never throws on user input.
 */
import type { ExpressionNode } from '@rsql/ast';
import { parse } from '@rsql/parser';
import type { SimResponse } from './http.ts';
import { badRequest } from './json.ts';

type Obj = Record<string, unknown>;
const MAX_PAGE_SIZE = 2000;

export interface ListOptions {
  /** Fields allowed in `sort` and `filter` (dot paths such as `general.name`). */
  fields: readonly string[];
  defaultSort: string;
}

export interface Page {
  totalCount: number;
  results: Obj[];
}

export function valueAt(object: Obj, path: string): unknown {
  if (!path.includes('.')) return object[path];
  let value: unknown = object;
  for (const key of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Obj)[key] : undefined;
  return value;
}

function integerParam(query: URLSearchParams, name: string, fallback: number, min: number): number | SimResponse {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min) {
    return badRequest('INVALID_PARAMETER', `Invalid value for parameter ${name}: ${raw}`, name);
  }
  return Number(raw);
}

/** One page of `items` in their order (no sort or filter); Jamf's 400 for bad paging. */
export function pageOf<T>(items: T[], query: URLSearchParams): { totalCount: number; results: T[] } | SimResponse {
  const page = integerParam(query, 'page', 0, 0);
  if (typeof page !== 'number') return page;
  const pageSize = integerParam(query, 'page-size', 100, 1);
  if (typeof pageSize !== 'number') return pageSize;
  const size = Math.min(pageSize, MAX_PAGE_SIZE);
  return { totalCount: items.length, results: items.slice(page * size, page * size + size) };
}

/** Filters, sorts and pages `items`; answers Jamf's 400 for bad paging, sort or filter. */
export function listQuery(items: Obj[], query: URLSearchParams, options: ListOptions): Page | SimResponse {
  const page = integerParam(query, 'page', 0, 0);
  if (typeof page !== 'number') return page;
  const pageSize = integerParam(query, 'page-size', 100, 1);
  if (typeof pageSize !== 'number') return pageSize;
  let selected = items;
  const filter = query.get('filter');
  if (filter) {
    const matcher = compileFilter(filter, options.fields);
    if (typeof matcher !== 'function') return matcher;
    selected = items.filter(matcher);
  }
  const sorts = query.getAll('sort').flatMap((s) => s.split(',')).filter((s) => s !== '');
  const comparator = compileSort(sorts.length > 0 ? sorts : options.defaultSort.split(','), options.fields);
  if (typeof comparator !== 'function') return comparator;
  selected = selected === items ? [...items].sort(comparator) : selected.sort(comparator);
  const size = Math.min(pageSize, MAX_PAGE_SIZE);
  return { totalCount: selected.length, results: selected.slice(page * size, page * size + size) };
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  const na = Number(a);
  const nb = Number(b);
  if (typeof a !== 'boolean' && a !== '' && b !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });
}

function compileSort(criteria: string[], fields: readonly string[]): ((a: Obj, b: Obj) => number) | SimResponse {
  const keys: Array<{ field: string; sign: number }> = [];
  for (const criterion of criteria) {
    const [field = '', direction = 'desc'] = criterion.split(':');
    if (!fields.includes(field) || !['asc', 'desc'].includes(direction.toLowerCase())) {
      return badRequest(null, `Cannot sort by [${criterion}]. Fields that can be used in sorting results of this endpoint: [${fields.join(', ')}]`, 'sort');
    }
    keys.push({ field, sign: direction.toLowerCase() === 'asc' ? 1 : -1 });
  }
  return (a, b) => {
    for (const { field, sign } of keys) {
      const order = compare(valueAt(a, field), valueAt(b, field));
      if (order !== 0) return order * sign;
    }
    return 0;
  };
}

function compileFilter(filter: string, fields: readonly string[]): ((o: Obj) => boolean) | SimResponse {
  let ast: ExpressionNode;
  try {
    ast = parse(filter);
  } catch (error) {
    return badRequest('INVALID_RSQL_FILTER', `Invalid RSQL filter: ${(error as Error).message}`, 'filter');
  }
  const unknown = selectors(ast).find((s) => !fields.includes(s));
  if (unknown !== undefined) {
    return badRequest(null, `Cannot filter by field [${unknown}]. Fields that can be used in filtering results of this endpoint: [${fields.join(', ')}]`, 'filter');
  }
  return (o) => evaluate(ast, o);
}

function selectors(node: ExpressionNode): string[] {
  return node.type === 'LOGIC' ? [...selectors(node.left), ...selectors(node.right)] : [node.left.selector];
}

function matches(actual: unknown, expected: string): boolean {
  const text = actual === null || actual === undefined ? '' : String(actual);
  if (expected.includes('*')) {
    const pattern = expected.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(`^${pattern}$`, 'i').test(text);
  }
  return compare(text, expected) === 0;
}

function evaluate(node: ExpressionNode, o: Obj): boolean {
  if (node.type === 'LOGIC') {
    const and = node.operator === ';' || node.operator === 'and';
    return and ? evaluate(node.left, o) && evaluate(node.right, o) : evaluate(node.left, o) || evaluate(node.right, o);
  }
  const actual = valueAt(o, node.left.selector);
  const value = node.right.value;
  const one = Array.isArray(value) ? (value[0] ?? '') : value;
  const list = Array.isArray(value) ? value : [value];
  switch (node.operator) {
    case '==': return matches(actual, one);
    case '!=': return !matches(actual, one);
    case '=in=': return list.some((v) => matches(actual, v));
    case '=out=': return !list.some((v) => matches(actual, v));
    case '<': case '=lt=': return compare(actual, one) < 0;
    case '<=': case '=le=': return compare(actual, one) <= 0;
    case '>': case '=gt=': return compare(actual, one) > 0;
    case '>=': case '=ge=': return compare(actual, one) >= 0;
    default: return false;
  }
}
