/**
 * Just enough of an OpenAPI document to plan requests: `$ref`s followed, an object schema's
 * declared properties through `allOf`, and whether a response is one of Jamf's collections
 * (`{totalCount, results}` or a JSON array of objects). The same reading the simulator's
 * schema mode does, so a chained id is the id the simulator (and Jamf) lists.
 */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface ListShape {
  /** `{totalCount, results}` (Jamf's paged lists) or a bare JSON array. */
  paged: boolean;
  /** The raw schema of one item. */
  item: unknown;
}

export class SchemaReader {
  readonly #document: Json;

  constructor(document: Json) {
    this.#document = document;
  }

  /** Follows `#/…` references (bounded) to what they name; `{}` when they name nothing. */
  resolve(raw: unknown): Json {
    let current = raw;
    for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === 'string'; i++) current = this.pointer(current.$ref);
    return isObject(current) ? current : {};
  }

  /** Declared properties through `$ref` and `allOf`, in declaration order (later members win). */
  properties(raw: unknown, depth = 0): Json {
    const schema = this.resolve(raw);
    const out: Json = {};
    if (depth > 20) return out;
    for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) Object.assign(out, this.properties(member, depth + 1));
    if (isObject(schema.properties)) Object.assign(out, schema.properties);
    return out;
  }

  /** The collection a JSON response schema describes, if it is one. */
  listShape(raw: unknown): ListShape | undefined {
    const schema = this.resolve(raw);
    const props = this.properties(schema);
    if (props.results !== undefined && props.totalCount !== undefined) {
      const results = this.resolve(props.results);
      return this.isObjectSchema(results.items) ? { paged: true, item: results.items } : undefined;
    }
    if (schema.type === 'array' && this.isObjectSchema(schema.items)) return { paged: false, item: schema.items };
    return undefined;
  }

  private isObjectSchema(raw: unknown): boolean {
    return this.resolve(raw).type === 'object' || Object.keys(this.properties(raw)).length > 0;
  }

  private pointer(ref: string): unknown {
    if (!ref.startsWith('#/')) return undefined;
    let node: unknown = this.#document;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObject(node)) return undefined;
      node = node[key];
    }
    return node;
  }
}

export { ID_LIKE, idProperty } from '../load/spec/id-property.ts';
