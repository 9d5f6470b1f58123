/**
 * Classic API XML into the shape Jamf's Classic JSON uses, so one schema checks both. XML
 * cannot say whether an element is a list, so the response schema decides, place by place:
 * - where the schema wants an **array**, the element is a list. A wrapper element with one
 *   repeated child (`<buildings><size>2</size><building>…`) gives its children, a wrapper
 *   with only `<size>` or nothing gives `[]`, an element repeated in place
 *   (`<script>…</script><script>…</script>`) gives the repeats, and any other element is a
 *   list of one;
 * - where it wants an **object**, the element stays an object with all its children,
 *   `<size>` included (Jamf's policy `<scripts><size>0</size></scripts>`);
 * - where it says nothing (an undeclared child, a free-form object), the element stays as
 *   parsed.
 * The root element is unwrapped (schemas describe its content), attributes are dropped (as
 * in Jamf's JSON), and text stays text: the validator coerces `"1"` where a number is wanted.
 */
import type * as FastXml from 'fast-xml-parser';
import { lazyRequire } from '../lazy-require.ts';
import { resolvePointer } from '../load/spec.ts';

const fastXml = lazyRequire<typeof FastXml>('fast-xml-parser');
let parser: FastXml.XMLParser | undefined;
const xmlParser = (): FastXml.XMLParser =>
  (parser ??= new (fastXml().XMLParser)({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  }));

export function parseClassicXml(text: string): { ok: true; value: unknown; root?: string } | { ok: false; reason: string } {
  let parsed: unknown;
  try {
    parsed = xmlParser().parse(text, true);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const top = parsed && typeof parsed === 'object' ? Object.entries(parsed as Record<string, unknown>) : [];
  const first = top[0];
  if (!first) return { ok: false, reason: 'no root element' };
  return { ok: true, value: first[1], root: first[0] };
}

/** What the schema says at one place: the schemas there, with `$ref`s and `allOf`/`anyOf`/`oneOf` followed. */
interface SchemaView {
  kind: 'array' | 'object' | undefined;
  items: unknown[];
  properties: Map<string, unknown[]>;
  additional: unknown[];
}

const NOTHING: SchemaView = { kind: undefined, items: [], properties: new Map(), additional: [] };

/**
 * Shapes parsed Classic XML by one document's schemas. Views are cached per schema list,
 * and the lists a view hands out are themselves cached, so a steady run resolves nothing twice.
 */
export class XmlShaper {
  readonly #document: Record<string, unknown>;
  readonly #views = new WeakMap<unknown[], SchemaView>();
  readonly #roots = new WeakMap<object, unknown[]>();

  constructor(document: Record<string, unknown>) {
    this.#document = document;
  }

  /** `value` is the root element's content from `parseClassicXml`; `schema` the raw response schema. */
  shape(value: unknown, schema: unknown): unknown {
    if (!schema || typeof schema !== 'object') return value;
    let root = this.#roots.get(schema);
    if (!root) {
      root = [schema];
      this.#roots.set(schema, root);
    }
    return this.#shape(value, root);
  }

  #shape(node: unknown, schemas: unknown[]): unknown {
    const view = this.#view(schemas);
    if (view.kind === 'array') return this.#list(node).map((item) => this.#shape(item, view.items));
    // Repeated where the schema wants one: kept as repeated, so the validator says so.
    if (Array.isArray(node)) return node.map((item) => this.#shape(item, schemas));
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      out[key] = this.#shape(child, view.properties.get(key) ?? view.additional);
    }
    return out;
  }

  /** The elements that make up a list, before each is shaped by the item schema. */
  #list(node: unknown): unknown[] {
    if (node === '' || node === undefined) return [];
    if (Array.isArray(node)) return node;
    if (!node || typeof node !== 'object') return [node];
    const keys = Object.keys(node).filter((key) => key !== 'size');
    // Jamf's list wrapper: `<size>` and one repeated child name (one child is a list of one).
    if (keys.length === 0) return [];
    if (keys.length === 1) {
      const children = (node as Record<string, unknown>)[keys[0]!];
      if (children === '') return [];
      return Array.isArray(children) ? children : [children];
    }
    return [node];
  }

  #view(schemas: unknown[]): SchemaView {
    if (schemas.length === 0) return NOTHING;
    let view = this.#views.get(schemas);
    if (!view) {
      view = this.#build(schemas);
      this.#views.set(schemas, view);
    }
    return view;
  }

  #build(schemas: unknown[]): SchemaView {
    let array = false;
    let object = false;
    const items: unknown[] = [];
    const properties = new Map<string, unknown[]>();
    const additional: unknown[] = [];
    for (const schema of this.#flatten(schemas)) {
      const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
      if (types.includes('array') || schema.items !== undefined) {
        array = true;
        if (schema.items && typeof schema.items === 'object') items.push(...(Array.isArray(schema.items) ? schema.items : [schema.items]));
      }
      if (types.includes('object') || schema.properties !== undefined) object = true;
      for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
        const list = properties.get(name) ?? [];
        list.push(sub);
        properties.set(name, list);
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') additional.push(schema.additionalProperties);
    }
    // A place that may be either (`type: [array, object]`) is left as parsed.
    const kind = array && !object ? 'array' : object && !array ? 'object' : undefined;
    return { kind, items, properties, additional };
  }

  /** The schemas that apply at one place: `$ref`s followed, composition keywords opened. Bounded for cycles. */
  #flatten(schemas: unknown[]): Array<Record<string, unknown>> {
    const out: Array<Record<string, unknown>> = [];
    const seen = new Set<unknown>();
    const stack = [...schemas];
    while (stack.length > 0 && seen.size < 200) {
      let schema = stack.pop();
      for (let hops = 0; hops < 20 && isRef(schema); hops++) {
        schema = resolvePointer(this.#document, schema.$ref.slice(1), { uriFragment: true });
      }
      if (!schema || typeof schema !== 'object' || seen.has(schema)) continue;
      seen.add(schema);
      const record = schema as Record<string, unknown>;
      out.push(record);
      for (const key of ['allOf', 'anyOf', 'oneOf']) {
        if (Array.isArray(record[key])) stack.push(...(record[key] as unknown[]));
      }
    }
    return out;
  }
}

function isRef(value: unknown): value is { $ref: string } {
  return !!value && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string' && (value as { $ref: string }).$ref.startsWith('#');
}

/** Classic JSON wraps the body in its root name (`{"building": {...}}`); the schema describes the inside. */
export function unwrapClassicJson(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const keys = Object.keys(body);
  if (keys.length !== 1) return body;
  const inner = (body as Record<string, unknown>)[keys[0]!];
  return inner && typeof inner === 'object' ? inner : body;
}
