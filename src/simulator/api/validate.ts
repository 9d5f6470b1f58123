/**
 * Request-body checks against the simulator's own component schemas: unknown fields,
 * missing required fields and wrong types give Jamf's 400 naming the field.
 */
import type { SimResponse } from '../http.ts';
import { badRequest } from '../json.ts';
import type { Schema } from '../routes.ts';
import { COMPONENTS } from '../schemas.ts';

function resolve(schema: Schema): Schema {
  const ref = schema.$ref;
  return typeof ref === 'string' ? (COMPONENTS[ref.split('/').pop() ?? ''] ?? {}) : schema;
}

function typeOk(value: unknown, schema: Schema): boolean {
  if (value === null) return schema.nullable === true || schema.type === undefined;
  switch (schema.type) {
    case 'string': return typeof value === 'string' && (!Array.isArray(schema.enum) || schema.enum.includes(value));
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    case 'object': return typeof value === 'object' && !Array.isArray(value);
    default: return true;
  }
}

/** Undefined when `body` fits `schemaName`; otherwise Jamf's 400 for the first bad field. */
export function checkBody(body: unknown, schemaName: string | Schema, path = ''): SimResponse | undefined {
  const schema = resolve(typeof schemaName === 'string' ? { $ref: `#/components/schemas/${schemaName}` } : schemaName);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return badRequest('INVALID_FIELD', 'Request body must be a JSON object', path || undefined);
  }
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required ?? []) as string[]) {
    const value = (body as Record<string, unknown>)[name];
    if (value === undefined || value === null) return badRequest('INVALID_FIELD', 'must not be null', path + name);
  }
  for (const [name, value] of Object.entries(body)) {
    const property = properties[name];
    if (!property) return badRequest('INVALID_FIELD', `Unrecognized field "${name}"`, path + name);
    if (value === undefined) continue;
    const target = resolve(property);
    if (!typeOk(value, target)) return badRequest('INVALID_FIELD', `Invalid value for field ${path + name}`, path + name);
    if (typeof value === 'string' && typeof target.minLength === 'number' && value.length < target.minLength) {
      return badRequest('INVALID_FIELD', `size must be between ${target.minLength} and ${String(target.maxLength ?? 'unbounded')}`, path + name);
    }
    if (typeof value === 'string' && typeof target.maxLength === 'number' && value.length > target.maxLength) {
      return badRequest('INVALID_FIELD', `size must be between ${String(target.minLength ?? 0)} and ${target.maxLength}`, path + name);
    }
    if (target.type === 'array' && target.items) {
      const items = resolve(target.items as Schema);
      const bad = (value as unknown[]).findIndex((v) => !typeOk(v, items));
      if (bad >= 0) return badRequest('INVALID_FIELD', `Invalid value for field ${path + name}[${bad}]`, `${path + name}[${bad}]`);
    }
  }
  return undefined;
}
