/**
 * OpenAPI 3.0 response schemas → the JSON Schema the data generator fills. The generator
 * must never produce a body the original schema rejects, so the conversion leans towards
 * "always valid" rather than "covers every variant":
 * - `nullable` is dropped (values are never null) and `null` leaves enums;
 * - `writeOnly` properties are left out (a response need not carry them);
 * - a name listed in `required` that no property declares (Jamf's schema has some) gets a
 *   string placeholder, declared where it cannot clash with an `allOf` sibling;
 * - `oneOf` + `discriminator` becomes one `anyOf` branch per mapping entry, each pinning the
 *   discriminator property to its value, which is how a validator picks the branch;
 * - boolean `exclusiveMinimum`/`exclusiveMaximum` become the numeric form; number formats
 *   (`int32`, `int64`, `double`…) and annotations (examples, descriptions, defaults) go.
 * Component schemas (`#/components/schemas/X`) become `#/$defs/X`, and a prepared schema
 * carries only the components it reaches.
 */
import { formatForName } from './generate.ts';

type Schema = Record<string, unknown>;

const DROPPED = new Set(['nullable', 'discriminator', 'readOnly', 'writeOnly', 'example', 'examples', 'xml', 'externalDocs',
  'deprecated', 'description', 'title', 'default']);
const NUMBER_FORMATS = new Set(['int32', 'int64', 'float', 'double']);
const COMPONENT = '#/components/schemas/';
const PLACEHOLDER: Schema = { type: 'string', minLength: 1, maxLength: 12, pattern: '^[A-Za-z0-9]+$' };

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

export class SchemaConverter {
  private readonly converted = new Map<string, Schema>();
  private readonly components: Record<string, unknown>;

  constructor(document: Schema) {
    const components = isObject(document.components) ? document.components : {};
    this.components = isObject(components.schemas) ? components.schemas : {};
  }

  /** A generator-ready schema for one raw schema: the converted root plus the `$defs` it reaches. */
  prepare(raw: unknown): Schema {
    const root = this.convert(raw);
    const defs: Record<string, Schema> = {};
    const pending = [...refsIn(root)];
    while (pending.length > 0) {
      const name = pending.pop() as string;
      if (name in defs) continue;
      const schema = this.component(name);
      defs[name] = schema;
      pending.push(...refsIn(schema));
    }
    return Object.keys(defs).length > 0 ? { ...root, $defs: defs } : root;
  }

  /** A component by name, as raw OpenAPI (undefined when absent). */
  raw(ref: string): unknown {
    return ref.startsWith(COMPONENT) ? this.components[decodeURIComponent(ref.slice(COMPONENT.length))] : undefined;
  }

  /** Follows `$ref`s (bounded) to the schema they name. */
  resolve(raw: unknown): Schema {
    let current = raw;
    for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === 'string'; i++) current = this.raw(current.$ref);
    return isObject(current) ? current : {};
  }

  /** Declared properties of a raw schema, through `$ref` and `allOf` (later members win). */
  properties(raw: unknown, depth = 0): Record<string, unknown> {
    const schema = this.resolve(raw);
    const out: Record<string, unknown> = {};
    if (depth > 20) return out;
    for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) Object.assign(out, this.properties(member, depth + 1));
    if (isObject(schema.properties)) Object.assign(out, schema.properties);
    return out;
  }

  /** The same object for the same key: a schema built at run time, cached like a document's own. */
  stable(key: string, build: Schema): Schema {
    let schema = this.built.get(key);
    if (!schema) {
      schema = build;
      this.built.set(key, schema);
    }
    return schema;
  }

  private readonly built = new Map<string, Schema>();

  /** Whether two raw schemas generate alike (annotations such as examples do not count). */
  alike(a: unknown, b: unknown): boolean {
    return canonical(this.convert(a)) === canonical(this.convert(b));
  }

  private component(name: string): Schema {
    let done = this.converted.get(name);
    if (!done) {
      done = this.convert(this.components[name]);
      this.converted.set(name, done);
    }
    return done;
  }

  private convert(node: unknown): Schema {
    if (!isObject(node)) return {};
    if (typeof node.$ref === 'string') {
      // Only component schemas are schema positions; any other target generates nothing in particular.
      return node.$ref.startsWith(COMPONENT) && this.raw(node.$ref) !== undefined
        ? { $ref: `#/$defs/${decodeURIComponent(node.$ref.slice(COMPONENT.length))}` }
        : {};
    }
    const out: Schema = {};
    for (const [key, value] of Object.entries(node)) {
      if (DROPPED.has(key) || key.startsWith('x-')) continue;
      if (key === 'properties' && isObject(value)) out.properties = this.convertProperties(value);
      else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) out[key] = value.map((v) => this.convert(v));
      else if ((key === 'items' || key === 'not') && isObject(value)) out[key] = this.convert(value);
      else if (key === 'additionalProperties') out[key] = isObject(value) ? this.convert(value) : value;
      else if (key === 'enum' && Array.isArray(value)) out.enum = value.filter((v) => v !== null);
      else if (key === 'format') {
        if (typeof value === 'string' && !NUMBER_FORMATS.has(value)) out.format = value;
      } else out[key] = value;
    }
    if (out.type === 'array' && out.items === undefined) out.items = { type: 'string' };
    if (Array.isArray(out.enum) && out.enum.length === 0) delete out.enum;
    exclusiveBounds(node, out);
    plausible(out);
    this.fillRequired(node, out);
    this.discriminate(node, out);
    return out;
  }

  private convertProperties(properties: Schema): Schema {
    const out: Schema = {};
    for (const [name, schema] of Object.entries(properties)) {
      if (isObject(schema) && schema.writeOnly === true) continue;
      const converted = this.convert(schema);
      // Any string fits an unconstrained string property: fill it by what its name says.
      if (unconstrainedString(converted)) converted.format = formatForName(name);
      out[name] = converted;
    }
    return out;
  }

  /** Required names nothing declares get a placeholder; writeOnly ones stop being required. */
  private fillRequired(node: Schema, out: Schema): void {
    if (!Array.isArray(node.required)) return;
    const declared = this.properties(node);
    const required: string[] = [];
    const missing: string[] = [];
    for (const name of node.required) {
      if (typeof name !== 'string') continue;
      const property = declared[name];
      if (property === undefined) missing.push(name);
      else if (!this.writeOnly(property)) required.push(name);
    }
    if (required.length > 0) out.required = required;
    else delete out.required;
    if (missing.length === 0) return;
    // Inside an allOf the name may be declared by a sibling this node cannot see; a member of
    // its own only adds the property, so the placeholder never conflicts with a declaration.
    const placeholder: Schema = { type: 'object', properties: Object.fromEntries(missing.map((n) => [n, PLACEHOLDER])), required: missing };
    out.allOf = [...((out.allOf as Schema[] | undefined) ?? []), placeholder];
  }

  private writeOnly(raw: unknown, depth = 0): boolean {
    if (!isObject(raw) || depth > 20) return false;
    if (raw.writeOnly === true) return true;
    if (typeof raw.$ref === 'string') return this.writeOnly(this.raw(raw.$ref), depth + 1);
    return Array.isArray(raw.allOf) && raw.allOf.some((m) => this.writeOnly(m, depth + 1));
  }

  private discriminate(node: Schema, out: Schema): void {
    const disc = node.discriminator;
    if (!isObject(disc) || typeof disc.propertyName !== 'string') return;
    const branches = (node.oneOf ?? node.anyOf) as unknown[] | undefined;
    if (!Array.isArray(branches)) return;
    const prop = disc.propertyName;
    const entries: Array<[string, string]> = [];
    if (isObject(disc.mapping)) {
      for (const [value, target] of Object.entries(disc.mapping)) {
        if (typeof target === 'string') entries.push([value, target.includes('/') ? target : `${COMPONENT}${target}`]);
      }
    } else {
      for (const branch of branches) {
        const ref = isObject(branch) ? branch.$ref : undefined;
        if (typeof ref === 'string') entries.push([ref.slice(ref.lastIndexOf('/') + 1), ref]);
      }
    }
    if (entries.length === 0) return;
    delete out.oneOf;
    out.anyOf = entries.map(([value, ref]) => ({
      allOf: [this.convert({ $ref: ref }), { type: 'object', properties: { [prop]: { const: value } }, required: [prop] }],
    }));
  }
}

function unconstrainedString(schema: Schema): boolean {
  return schema.type === 'string' && schema.format === undefined && schema.pattern === undefined && schema.enum === undefined
    && schema.const === undefined && schema.maxLength === undefined && (schema.minLength === undefined || schema.minLength === 1);
}

/** Narrowings that only make values look more like Jamf's: counts and ids not negative, names not empty. */
function plausible(out: Schema): void {
  if (out.enum !== undefined || out.const !== undefined) return;
  const below = (bound: unknown): boolean => typeof bound === 'number' && bound <= 0;
  if ((out.type === 'integer' || out.type === 'number') && out.minimum === undefined && out.exclusiveMinimum === undefined
    && !below(out.maximum) && !below(out.exclusiveMaximum)) out.minimum = 0;
  if (out.type === 'string' && out.minLength === undefined && out.format === undefined && out.pattern === undefined
    && out.maxLength !== 0) out.minLength = 1;
}

function exclusiveBounds(src: Schema, out: Schema): void {
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof src[flag] !== 'boolean') continue;
    delete out[flag];
    if (src[flag] === true && typeof src[bound] === 'number') {
      out[flag] = src[bound];
      delete out[bound];
    }
  }
}

/** JSON with object keys sorted, so key order does not make two schemas differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (!isObject(value)) return JSON.stringify(value);
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

function refsIn(node: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) refsIn(item, out);
  } else if (isObject(node)) {
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/$defs/')) out.add(node.$ref.slice(8));
    for (const value of Object.values(node)) if (typeof value === 'object') refsIn(value, out);
  }
  return out;
}
