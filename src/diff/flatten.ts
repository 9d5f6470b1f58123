/**
 * Flattens a schema into property paths (`/results/[]/id`) → what a client sees there,
 * resolving `$ref`, `allOf`, `oneOf` and `anyOf`. Each node remembers the component that
 * declared it, so a change deep in a shared component can be reported once, with every
 * operation it reaches. Recursive references stop at the first repeat.
 */
import { isObject, type JsonObject } from './load.ts';
import { resolvePointer } from './operations.ts';

export interface SchemaNode {
  /** Sorted JSON types; empty means any. */
  types: string[];
  nullable: boolean;
  /** JSON text of each allowed value, sorted. */
  enum?: string[];
  format?: string;
  /** Required in its parent object (always true for the root and array items). */
  required: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  /** The component that declared this node, if any. */
  origin?: string;
  /** The node's path inside `origin` (or inside the operation's schema). */
  originPath: string;
  /** Where the node's type facts (type, enum, format, nullable) were declared: for a `$ref`, the target. */
  typeOrigin?: string;
  typeOriginPath: string;
}

export type FlatSchema = Map<string, SchemaNode>;

interface Origin {
  component?: string;
  path: string;
}

interface Flat {
  map: FlatSchema;
  /** Stack depth of the shallowest reference a cycle was cut at (Infinity: none). */
  cutAt: number;
}

const maxDepth = 40;

export class SchemaFlattener {
  private readonly memo = new Map<string, FlatSchema>();

  constructor(private readonly doc: JsonObject) {}

  flatten(schema: unknown): FlatSchema {
    return this.flat(schema, { path: '' }, []).map;
  }

  private flat(schema: unknown, origin: Origin, stack: string[]): Flat {
    if (!isObject(schema) || depthOf(origin.path) > maxDepth) return { map: new Map([['', anyNode(origin)]]), cutAt: Infinity };
    if (typeof schema.$ref === 'string') return this.ref(schema.$ref, stack);
    const own: FlatSchema = new Map([['', ownNode(schema, origin)]]);
    let cutAt = Infinity;
    const required = new Set(strings(schema.required));
    const place = (segment: string, sub: unknown, isRequired: boolean): void => {
      const child = this.flat(sub, { component: origin.component, path: origin.path + segment }, stack);
      cutAt = Math.min(cutAt, child.cutAt);
      placeChild(own, segment, child.map, isRequired, origin);
    };
    if (isObject(schema.properties)) {
      for (const [name, sub] of Object.entries(schema.properties)) place(`/${escapeSegment(name)}`, sub, required.has(name));
    }
    if (schema.items !== undefined) place('/[]', schema.items, true);
    if (isObject(schema.additionalProperties)) place('/{*}', schema.additionalProperties, false);

    let result = own;
    if (Array.isArray(schema.allOf)) {
      for (const member of schema.allOf) {
        const part = this.flat(member, origin, stack);
        cutAt = Math.min(cutAt, part.cutAt);
        result = mergeAll(result, part.map);
        for (const name of strings(this.derefSchema(member).required)) required.add(name);
      }
      markRequired(result, required);
    }
    const variants = [...asArray(schema.oneOf), ...asArray(schema.anyOf)];
    if (variants.length > 0) {
      const parts = variants.map((variant) => this.flat(variant, origin, stack));
      for (const part of parts) cutAt = Math.min(cutAt, part.cutAt);
      result = mergeAll(result, mergeUnion(parts.map((p) => p.map)));
    }
    return { map: result, cutAt };
  }

  private ref(ref: string, stack: string[]): Flat {
    const seen = stack.indexOf(ref);
    const name = componentName(ref);
    if (seen >= 0) {
      const node: SchemaNode = { ...anyNode({ component: name, path: '' }), types: ['object'] };
      return { map: new Map([['', node]]), cutAt: seen };
    }
    const cached = this.memo.get(ref);
    if (cached) return { map: cached, cutAt: Infinity };
    const depth = stack.length;
    const result = this.flat(resolvePointer(this.doc, ref), { component: name, path: '' }, [...stack, ref]);
    // A cut at this reference itself is the same wherever it is used: safe to reuse.
    if (result.cutAt >= depth) {
      this.memo.set(ref, result.map);
      return { map: result.map, cutAt: Infinity };
    }
    return result;
  }

  private derefSchema(schema: unknown): JsonObject {
    let current = schema;
    for (let hops = 0; hops < 20 && isObject(current) && typeof current.$ref === 'string'; hops += 1) {
      current = resolvePointer(this.doc, current.$ref);
    }
    return isObject(current) ? current : {};
  }
}

function placeChild(target: FlatSchema, segment: string, child: FlatSchema, required: boolean, origin: Origin): void {
  for (const [rel, node] of child) {
    if (rel === '') {
      // The property itself (its presence, its being required) belongs to the parent.
      target.set(segment, { ...node, required, origin: origin.component, originPath: origin.path + segment });
    } else {
      target.set(segment + rel, node);
    }
  }
}

function ownNode(schema: JsonObject, origin: Origin): SchemaNode {
  const declared = Array.isArray(schema.type) ? strings(schema.type) : typeof schema.type === 'string' ? [schema.type] : [];
  let types = declared.filter((t) => t !== 'null');
  if (types.length === 0 && isObject(schema.properties)) types = ['object'];
  if (types.length === 0 && schema.items !== undefined) types = ['array'];
  const node: SchemaNode = {
    types: [...new Set(types)].sort(),
    nullable: schema.nullable === true || declared.includes('null'),
    required: true,
    readOnly: schema.readOnly === true,
    writeOnly: schema.writeOnly === true,
    origin: origin.component,
    originPath: origin.path,
    typeOrigin: origin.component,
    typeOriginPath: origin.path,
  };
  if (Array.isArray(schema.enum)) node.enum = [...new Set(schema.enum.map((v) => JSON.stringify(v)))].sort();
  if (typeof schema.format === 'string') node.format = schema.format;
  return node;
}

function anyNode(origin: Origin): SchemaNode {
  return {
    types: [],
    nullable: false,
    required: true,
    readOnly: false,
    writeOnly: false,
    origin: origin.component,
    originPath: origin.path,
    typeOrigin: origin.component,
    typeOriginPath: origin.path,
  };
}

/** `allOf`: every member applies, so the narrower facts win. */
function mergeAll(a: FlatSchema, b: FlatSchema): FlatSchema {
  const result = new Map(a);
  for (const [path, node] of b) {
    const existing = result.get(path);
    result.set(path, existing ? combineAll(existing, node) : node);
  }
  return result;
}

function combineAll(a: SchemaNode, b: SchemaNode): SchemaNode {
  const node: SchemaNode = {
    ...a,
    ...(a.types.length > 0 ? {} : { typeOrigin: b.typeOrigin, typeOriginPath: b.typeOriginPath }),
    types: a.types.length > 0 ? a.types : b.types,
    nullable: a.nullable || b.nullable,
    required: a.required || b.required,
    readOnly: a.readOnly || b.readOnly,
    writeOnly: a.writeOnly || b.writeOnly,
  };
  const values = a.enum ?? b.enum;
  if (values) node.enum = values;
  const format = a.format ?? b.format;
  if (format) node.format = format;
  return node;
}

/** `oneOf`/`anyOf`: any variant may come, so facts widen and only shared properties stay required. */
function mergeUnion(maps: FlatSchema[]): FlatSchema {
  const result: FlatSchema = new Map();
  for (const map of maps) {
    for (const [path, node] of map) {
      const existing = result.get(path);
      result.set(path, existing ? combineUnion(existing, node) : node);
    }
  }
  for (const [path, node] of result) {
    if (path !== '' && node.required && !maps.every((m) => m.get(path)?.required)) result.set(path, { ...node, required: false });
  }
  return result;
}

function combineUnion(a: SchemaNode, b: SchemaNode): SchemaNode {
  const node: SchemaNode = {
    ...a,
    types: a.types.length === 0 || b.types.length === 0 ? [] : [...new Set([...a.types, ...b.types])].sort(),
    nullable: a.nullable || b.nullable,
    required: a.required && b.required,
  };
  if (a.enum && b.enum) node.enum = [...new Set([...a.enum, ...b.enum])].sort();
  else delete node.enum;
  if (a.format !== b.format) delete node.format;
  return node;
}

function markRequired(map: FlatSchema, names: Set<string>): void {
  for (const name of names) {
    const path = `/${escapeSegment(name)}`;
    const node = map.get(path);
    if (node && !node.required) map.set(path, { ...node, required: true });
  }
}

export function componentName(ref: string): string {
  return (ref.split('/').pop() ?? ref).replace(/~1/g, '/').replace(/~0/g, '~');
}

export function escapeSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function depthOf(path: string): number {
  let depth = 0;
  for (const ch of path) if (ch === '/') depth += 1;
  return depth;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
