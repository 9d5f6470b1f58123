/**
 * The generated objects and their ids. Every collection starts with `ITEMS` objects; an
 * object is generated from a seed made of its collection and id, so the same object comes
 * back for the list, the detail operation and every later request. A detail schema that
 * differs from the list item's still shows the item's values for every property both
 * declare alike, and the id itself. Created and deleted ids are remembered per collection
 * (bounded), so writes show up in later reads.
 */
import type { SchemaConverter } from './convert.ts';
import { sample, seedOf } from './generate.ts';
import type { Collection } from './model.ts';

type Json = Record<string, unknown>;
export type Id = string | number;

/** Objects in every generated collection before any write. */
export const ITEMS = 3;
/** Generated values kept (objects of a few kB on average; the answers cache holds the hot ones). */
const CACHED_VALUES = 2048;
const REMEMBERED_IDS = 10_000;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export class GeneratedObjects {
  private readonly prepared = new WeakMap<object, Json>();
  private readonly values = new Map<string, unknown>();
  private readonly baseIds = new Map<string, Id[]>();
  private readonly schemaIds = new WeakMap<object, number>();
  /** Created ids per collection, by their text (what a path parameter carries), in creation order. */
  private created = new Map<string, Map<string, Id>>();
  private deleted = new Map<string, Set<string>>();
  /** How many ids each collection has handed out, created ones included. */
  private counters = new Map<string, number>();

  constructor(private readonly converter: SchemaConverter) {}

  /** Changes with every write, so answers cached before it are not served after it. */
  version = 0;

  /** Forgets every write (the simulator's reset). */
  reset(): void {
    this.version++;
    this.created = new Map();
    this.deleted = new Map();
    this.counters = new Map();
  }

  /** A value of `schema` for `seedText`, the same every time. */
  value(schema: unknown, seedText: string): unknown {
    if (!isObject(schema)) return undefined;
    const cacheKey = `${seedText}\u0000${this.preparedKey(schema)}`;
    if (this.values.has(cacheKey)) {
      const hit = this.values.get(cacheKey);
      this.values.delete(cacheKey);
      this.values.set(cacheKey, hit);
      return hit;
    }
    const made = sample(this.prepare(schema), seedOf(seedText));
    this.values.set(cacheKey, made);
    if (this.values.size > CACHED_VALUES) this.values.delete(this.values.keys().next().value as string);
    return made;
  }

  /** The ids a collection holds now: the starting ones and created ones, minus deleted ones. */
  ids(collection: Collection): Id[] {
    const gone = this.deleted.get(collection.path);
    const all = [...this.base(collection), ...(this.created.get(collection.path)?.values() ?? [])];
    return gone ? all.filter((id) => !gone.has(String(id))) : all;
  }

  /** The id in `collection` that a path parameter names, or undefined when there is none. */
  find(collection: Collection, raw: string): Id | undefined {
    if (this.deleted.get(collection.path)?.has(raw)) return undefined;
    return this.base(collection).find((id) => String(id) === raw) ?? this.created.get(collection.path)?.get(raw);
  }

  create(collection: Collection): Id {
    const n = (this.counters.get(collection.path) ?? ITEMS) + 1;
    this.counters.set(collection.path, n);
    const id = this.idValue(collection, n, (candidate) => this.find(collection, String(candidate)) !== undefined);
    this.version++;
    const created = this.created.get(collection.path) ?? new Map<string, Id>();
    created.set(String(id), id);
    if (created.size > REMEMBERED_IDS) created.delete(created.keys().next().value as string);
    this.created.set(collection.path, created);
    return id;
  }

  remove(collection: Collection, id: Id): void {
    this.version++;
    const gone = this.deleted.get(collection.path) ?? new Set<string>();
    gone.add(String(id));
    if (gone.size > REMEMBERED_IDS) gone.delete(gone.values().next().value as string);
    this.deleted.set(collection.path, gone);
  }

  /** One object of a collection: generated from its item schema, with its key set. */
  item(collection: Collection, id: Id): unknown {
    const value = this.value(collection.item, `${collection.path}#${id}`);
    return isObject(value) && collection.key ? { ...value, [collection.key]: id } : value;
  }

  /**
   * The body a detail operation (GET/PUT/PATCH `…/{id}`) answers for `id`: generated from
   * its own schema with the object's seed, carrying the item's id and the values of every
   * property the item schema declares alike.
   */
  detail(collection: Collection, id: Id, schema: unknown): unknown {
    const value = this.value(schema, `${collection.path}#${id}`);
    if (!isObject(value)) return value;
    const item = this.item(collection, id);
    const out: Json = { ...value };
    if (isObject(item) && isObject(schema)) for (const name of this.shared(schema, collection.item)) if (name in item) out[name] = item[name];
    const mine = this.converter.properties(schema);
    if (collection.key && collection.key in mine) this.setId(out, collection.key, mine[collection.key], id);
    return out;
  }

  /** Properties two object schemas declare alike (computed once per pair). */
  private shared(schema: Json, item: unknown): string[] {
    const pairKey = `${this.preparedKey(schema)} ${isObject(item) ? this.preparedKey(item) : '-'}`;
    let names = this.sharedNames.get(pairKey);
    if (!names) {
      const mine = this.converter.properties(schema);
      const theirs = this.converter.properties(item);
      names = Object.keys(mine).filter((n) => theirs[n] !== undefined && this.converter.alike(mine[n], theirs[n]));
      this.sharedNames.set(pairKey, names);
    }
    return names;
  }

  private readonly sharedNames = new Map<string, string[]>();

  /** Sets `object[name]` to `id` when the property's schema takes it as it is. */
  setId(object: Json, name: string, property: unknown, id: Id): void {
    const schema = this.converter.resolve(property);
    if (!plain(schema)) return;
    if (schema.type === 'integer' || schema.type === 'number') {
      if (typeof id === 'number' || /^\d+$/.test(id)) object[name] = Number(id);
    } else {
      object[name] = String(id);
    }
  }

  private base(collection: Collection): Id[] {
    const known = this.baseIds.get(collection.path);
    if (known) return known;
    const ids: Id[] = [];
    for (let i = 1; i <= ITEMS; i++) ids.push(this.idValue(collection, i, (candidate) => ids.includes(candidate)));
    this.baseIds.set(collection.path, ids);
    return ids;
  }

  /** The `n`th id of a collection, in the type and shape its key property declares. */
  private idValue(collection: Collection, n: number, taken: (id: Id) => boolean): Id {
    const key = collection.key ? this.converter.properties(collection.item)[collection.key] : undefined;
    const schema = this.converter.resolve(key);
    if (key === undefined) return String(n);
    if (plain(schema)) return schema.type === 'string' ? String(n) : n;
    if (schema.format === 'uuid') return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    if (Array.isArray(schema.enum) && schema.enum.length >= n && typeof schema.enum[n - 1] === 'string') return schema.enum[n - 1] as string;
    for (let attempt = 0; attempt < 10; attempt++) {
      const made = this.value(schema, `${collection.path}#id#${n}#${attempt}`);
      if ((typeof made === 'string' || typeof made === 'number') && !taken(made)) return made;
    }
    return String(n);
  }

  private prepare(schema: Json): Json {
    let prepared = this.prepared.get(schema);
    if (!prepared) {
      prepared = this.converter.prepare(schema);
      this.prepared.set(schema, prepared);
    }
    return prepared;
  }

  /**
   * A key per schema, to key cached values without serialising schemas: a bare `$ref` is
   * keyed by its target, so a list item and a detail response naming the same component
   * share one generated object; any other schema by its identity.
   */
  private preparedKey(schema: Json): string {
    if (typeof schema.$ref === 'string' && Object.keys(schema).length === 1) return schema.$ref;
    let key = this.schemaIds.get(schema);
    if (key === undefined) {
      key = this.nextSchemaId++;
      this.schemaIds.set(schema, key);
    }
    return `#${key}`;
  }

  private nextSchemaId = 0;
}

/** A string or integer schema that takes any small positive whole number (as text for a string). */
function plain(schema: Json): boolean {
  if (schema.enum !== undefined || schema.const !== undefined || schema.pattern !== undefined || schema.multipleOf !== undefined) return false;
  const num = (v: unknown, ok: (n: number) => boolean): boolean => v === undefined || (typeof v === 'number' && ok(v));
  if (schema.type === 'string') {
    return (schema.format === undefined || schema.format === 'int32' || schema.format === 'int64')
      && num(schema.minLength, (n) => n <= 1) && num(schema.maxLength, (n) => n >= 9);
  }
  if (schema.type !== 'integer' && schema.type !== 'number') return false;
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum.
  const exclusiveLow = schema.exclusiveMinimum === true ? num(schema.minimum, (n) => n < 1) : num(schema.exclusiveMinimum, (n) => n < 1);
  return num(schema.minimum, (n) => n <= 1) && (schema.exclusiveMinimum === false || exclusiveLow)
    && num(schema.maximum, (n) => n >= 1e9) && (typeof schema.exclusiveMaximum !== 'number' || schema.exclusiveMaximum >= 1e9);
}
