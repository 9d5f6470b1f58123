/**
 * From ajv's errors to body findings: one per failing place, with a JSON pointer, what the
 * schema expected and what the body had. A second look separates Jamf's habit of sending
 * `null` where the schema is not nullable (its own kind, tolerated by default) from real
 * shape changes.
 */
import type { ErrorObject } from 'ajv';
import { escapePointer, resolvePointer } from '../load/spec.ts';

export interface BodyIssue {
  kind: 'schema' | 'null-in-non-nullable';
  pointer: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** The part of the schema that failed, shortened (`schemaExcerpt`). */
  schema?: unknown;
}

const BRANCHING = new Set(['anyOf', 'oneOf']);

export function bodyIssues(errors: ErrorObject[], data: unknown, opts: { xml: boolean }): BodyIssue[] {
  const kept = withoutBranchNoise(errors.filter((e) => e.keyword !== 'if'));
  const issues: BodyIssue[] = [];
  const seen = new Set<string>();
  const nullPaths = new Set<string>();
  for (const error of kept) {
    const value = resolvePointer(data, error.instancePath);
    if (value === null && error.keyword !== 'required') {
      if (nullPaths.has(error.instancePath)) continue;
      nullPaths.add(error.instancePath);
      issues.push({
        kind: 'null-in-non-nullable',
        pointer: error.instancePath,
        message: `${error.instancePath || '(body)'} is null but the schema does not allow null`,
        expected: expectedType(error),
        actual: null,
        ...excerptOf(error),
      });
      continue;
    }
    // An empty XML element (`<groups/>`) is an absent value, not a wrong type.
    if (opts.xml && value === '' && (error.keyword === 'type' || error.keyword === 'format')) continue;
    const issue = describe(error, value);
    const id = `${issue.pointer} ${error.keyword}`;
    if (seen.has(id)) continue;
    seen.add(id);
    issues.push({ ...issue, ...excerptOf(error) });
  }
  return issues;
}

/** When a whole `anyOf`/`oneOf` failed, its branches' errors are noise; the branch error says it. */
function withoutBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const prefixes = errors.filter((e) => BRANCHING.has(e.keyword)).map((e) => `${e.schemaPath}/`);
  if (prefixes.length === 0) return errors;
  return errors.filter((e) => !prefixes.some((p) => e.schemaPath.startsWith(p)));
}

function expectedType(error: ErrorObject): unknown {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'type') return params.type;
  if (error.keyword === 'enum') return params.allowedValues;
  if (error.keyword === 'const') return params.allowedValue;
  return error.message;
}

function describe(error: ErrorObject, value: unknown): BodyIssue {
  const params = error.params as Record<string, unknown>;
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required': {
      const name = String(params.missingProperty);
      const pointer = `${at}/${escapePointer(name)}`;
      return { kind: 'schema', pointer, message: `required property "${name}" is missing`, expected: 'present', actual: 'missing' };
    }
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      return { kind: 'schema', pointer: `${at}/${escapePointer(name)}`, message: `property "${name}" is not allowed by the schema`, expected: 'absent', actual: jsonType(resolvePointer(value, `/${escapePointer(name)}`)) };
    }
    case 'type':
      return { kind: 'schema', pointer: at, message: `${at || '(body)'} must be ${String(params.type).replace(',', ' or ')}, got ${jsonType(value)}`, expected: params.type, actual: summarise(value) };
    case 'format':
      return {
        kind: 'schema',
        pointer: at,
        message: value === '' ? `${at || '(body)'} is an empty string, which is not a valid ${String(params.format)} (Jamf sends "" for unset values; tolerateEmptyFormats skips this check)` : `${at || '(body)'} must match format "${String(params.format)}"`,
        expected: `format ${String(params.format)}`,
        actual: summarise(value),
      };
    case 'enum':
      return { kind: 'schema', pointer: at, message: `${at || '(body)'} must be one of the allowed values`, expected: params.allowedValues, actual: summarise(value) };
    default:
      return { kind: 'schema', pointer: at, message: `${at || '(body)'} ${error.message ?? `fails ${error.keyword}`}`, expected: expectedFrom(error), actual: summarise(value) };
  }
}

function expectedFrom(error: ErrorObject): unknown {
  const params = error.params as Record<string, unknown>;
  if ('comparison' in params) return `${String(params.comparison)} ${String(params.limit)}`;
  if ('limit' in params) return `${error.keyword} ${String(params.limit)}`;
  if ('format' in params) return `format ${String(params.format)}`;
  if ('pattern' in params) return `pattern ${String(params.pattern)}`;
  if ('allowedValue' in params) return params.allowedValue;
  return error.keyword;
}

/** Keys kept in a schema excerpt: what a reader needs to see why a value failed. */
const EXCERPT_KEYS = ['type', 'nullable', 'format', 'enum', 'const', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'required', 'properties', 'additionalProperties', 'items', 'oneOf', 'anyOf', 'allOf', '$ref'];
const EXCERPT_MAX = 400;

function excerptOf(error: ErrorObject): { schema?: unknown } {
  const schema = schemaExcerpt(error.parentSchema);
  return schema === undefined ? {} : { schema };
}

/**
 * A schema cut down for a report: its constraint keywords, nested schemas as `{…}`,
 * `properties` as the list of names, long lists cut; never more than ~400 characters.
 */
export function schemaExcerpt(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const source = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of EXCERPT_KEYS) {
    if (!(key in source)) continue;
    const value = source[key];
    if (key === 'properties' && value && typeof value === 'object') out.properties = cut(Object.keys(value), 20);
    else if (key === 'enum' || key === 'required') out[key] = Array.isArray(value) ? cut(value, 15) : value;
    else if (key === 'items' || key === 'additionalProperties') out[key] = value && typeof value === 'object' ? '{…}' : value;
    else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') out[key] = Array.isArray(value) ? `${value.length} schemas` : value;
    else out[key] = value;
  }
  if (Object.keys(out).length === 0) return undefined;
  const text = JSON.stringify(out);
  return text.length <= EXCERPT_MAX ? out : `${text.slice(0, EXCERPT_MAX - 1)}…`;
}

function cut(list: unknown[], max: number): unknown[] {
  return list.length <= max ? list : [...list.slice(0, max), `… ${list.length - max} more`];
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

/** Scalars as they are (long strings cut), containers by type: findings never carry whole bodies. */
function summarise(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 120 ? `${value.slice(0, 117)}...` : value;
  if (value === null || typeof value !== 'object') return value;
  return jsonType(value);
}
