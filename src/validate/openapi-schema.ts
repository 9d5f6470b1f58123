/**
 * OpenAPI 3.0 Schema Objects are not JSON Schema. This turns one into the draft-07 schema
 * ajv checks, for the *response* direction:
 * - `nullable: true` adds `null` to `type` (and `enum`), or wraps a type-less schema in
 *   `anyOf [schema, {type: null}]`;
 * - a `writeOnly` property is never required in a response, also when it is a `$ref` (or an
 *   `allOf` wrapper) to a `writeOnly` schema;
 * - `discriminator` + `oneOf` becomes an if/then chain on the discriminator value (so it
 *   works when the property is not declared, as in Jamf's schema), falling back to
 *   `anyOf` for values the mapping does not name; a discriminator without `oneOf` is dropped;
 * - boolean `exclusiveMinimum`/`exclusiveMaximum` become the numeric form;
 * - formats ajv does not know are dropped, so an unknown format never breaks compilation.
 * OpenAPI 3.1 schemas are JSON Schema already and pass through mostly unchanged.
 */

export interface TranslateOptions {
  knownFormats: ReadonlySet<string>;
  /** Finds a `$ref`'s target in the raw document (to see whether a property is `writeOnly`). */
  resolveRef?: (ref: string) => unknown;
}

const DROPPED = new Set(['nullable', 'discriminator', 'readOnly', 'writeOnly', 'example', 'examples', 'xml', 'externalDocs', 'deprecated']);
const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);
const SCHEMA_LIST_KEYS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_KEYS = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'additionalItems', 'unevaluatedProperties', 'unevaluatedItems']);

export function translateSchema(node: unknown, opts: TranslateOptions): unknown {
  if (Array.isArray(node)) return node.map((n) => translateSchema(n, opts));
  if (!node || typeof node !== 'object') return node;
  const src = node as Record<string, unknown>;
  // In 3.0 a `$ref` replaces its siblings.
  if (typeof src.$ref === 'string') return { $ref: src.$ref };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (SCHEMA_MAP_KEYS.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, translateSchema(v, opts)]));
    } else if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v) => translateSchema(v, opts));
    } else if (SCHEMA_KEYS.has(key) && value && typeof value === 'object') {
      out[key] = translateSchema(value, opts);
    } else if (key === 'format') {
      if (typeof value === 'string' && opts.knownFormats.has(value)) out.format = value;
    } else {
      out[key] = value;
    }
  }
  exclusiveBounds(src, out);
  dropWriteOnlyRequired(src, out, opts);
  applyDiscriminator(src, out);
  return applyNullable(src, out);
}

function exclusiveBounds(src: Record<string, unknown>, out: Record<string, unknown>): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof src[flag] !== 'boolean') continue;
    delete out[flag];
    if (src[flag] === true && typeof src[bound] === 'number') {
      out[flag] = src[bound];
      delete out[bound];
    }
  }
}

function dropWriteOnlyRequired(src: Record<string, unknown>, out: Record<string, unknown>, opts: TranslateOptions): void {
  const props = src.properties as Record<string, unknown> | undefined;
  if (!Array.isArray(src.required) || !props) return;
  const required = (src.required as unknown[]).filter((name) => !(typeof name === 'string' && isWriteOnly(props[name], opts)));
  if (required.length > 0) out.required = required;
  else delete out.required;
}

/** `writeOnly` on the schema, at the end of its `$ref` chain, or on an `allOf` member (bounded for cycles). */
function isWriteOnly(schema: unknown, opts: TranslateOptions, depth = 0): boolean {
  if (!schema || typeof schema !== 'object' || depth > 10) return false;
  const s = schema as Record<string, unknown>;
  if (s.writeOnly === true) return true;
  if (typeof s.$ref === 'string' && opts.resolveRef) return isWriteOnly(opts.resolveRef(s.$ref), opts, depth + 1);
  return Array.isArray(s.allOf) && s.allOf.some((member) => isWriteOnly(member, opts, depth + 1));
}

function applyDiscriminator(src: Record<string, unknown>, out: Record<string, unknown>): void {
  const disc = src.discriminator as { propertyName?: unknown; mapping?: Record<string, unknown> } | undefined;
  const branches = (src.oneOf ?? src.anyOf) as unknown[] | undefined;
  if (!disc || typeof disc.propertyName !== 'string' || !Array.isArray(branches)) return;
  const prop = disc.propertyName;
  const entries: Array<[string, string]> = [];
  if (disc.mapping && typeof disc.mapping === 'object') {
    for (const [value, target] of Object.entries(disc.mapping)) {
      if (typeof target === 'string') entries.push([value, target.includes('/') ? target : `#/components/schemas/${target}`]);
    }
  } else {
    for (const branch of branches) {
      const ref = (branch as { $ref?: unknown } | null)?.$ref;
      if (typeof ref === 'string') entries.push([ref.slice(ref.lastIndexOf('/') + 1), ref]);
    }
  }
  if (entries.length === 0) return;
  const fallback: Record<string, unknown> = { anyOf: out.oneOf ?? out.anyOf };
  const chain = entries.reduceRight<Record<string, unknown>>(
    (elseSchema, [value, ref]) => ({ if: { properties: { [prop]: { const: value } }, required: [prop] }, then: { $ref: ref }, else: elseSchema }),
    fallback,
  );
  delete out.oneOf;
  delete out.anyOf;
  out.allOf = [...((out.allOf as unknown[] | undefined) ?? []), chain];
}

function applyNullable(src: Record<string, unknown>, out: Record<string, unknown>): Record<string, unknown> {
  if (src.nullable !== true) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}
