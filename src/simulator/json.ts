/**
 * Jamf's JSON as it appears on the wire: Jackson's default pretty printer (`"key" : value`,
 * arrays inline as `[ {`), Jamf's error body, and small response builders.
 */
import type { SimResponse } from './http.ts';

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' } as const;

/** Serialises like Jackson's DefaultPrettyPrinter: only objects add a level of indentation. */
export function jamfJson(value: unknown): string {
  const out: string[] = [];
  write(value, 0, out);
  return out.join('');
}

function write(value: unknown, depth: number, out: string[]): void {
  if (value === null || value === undefined) {
    out.push('null');
  } else if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[ ]');
      return;
    }
    out.push('[ ');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(', ');
      write(value[i], depth, out);
    }
    out.push(' ]');
  } else if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      out.push('{ }');
      return;
    }
    const inner = '\n' + '  '.repeat(depth + 1);
    out.push('{');
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      out.push(i > 0 ? ',' + inner : inner, JSON.stringify(key), ' : ');
      write((value as Record<string, unknown>)[key], depth + 1, out);
    }
    out.push('\n' + '  '.repeat(depth) + '}');
  } else {
    out.push(JSON.stringify(value));
  }
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, headers: headers ? { ...JSON_HEADERS, ...headers } : { ...JSON_HEADERS }, body: jamfJson(body) };
}

export function empty(status: number): SimResponse {
  return { status, headers: {}, body: '' };
}

export interface ErrorCause {
  code: string | null;
  description: string;
  field?: string | null;
}

/** Jamf Pro API error body; `field` is null unless a field is at fault, as on real servers. */
export function apiError(status: number, causes: ErrorCause[]): SimResponse {
  return json(status, {
    httpStatus: status,
    errors: causes.map((c) => ({ code: c.code, description: c.description, id: '0', field: c.field ?? null })),
  });
}

export const unauthorized = (): SimResponse => apiError(401, [{ code: 'INVALID_TOKEN', description: 'Unauthorized' }]);
export const forbidden = (): SimResponse => apiError(403, [{ code: 'INVALID_PRIVILEGE', description: 'Forbidden' }]);
export const notFound = (): SimResponse =>
  apiError(404, [{ code: 'INVALID_ID', description: 'Object with the specified ID could not be found' }]);
export const badRequest = (code: string | null, description: string, field?: string): SimResponse =>
  apiError(400, [{ code, description, field: field ?? null }]);
