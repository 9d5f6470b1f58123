/**
 * A Classic document described once, as a skeleton in Jamf's element order: scalars are
 * defaults (their type is the element's type), nested objects are sections, `ListOf` is a
 * repeated element and `Ref` a link to another stored object (`<category><id/><name/>`).
 * The same skeleton renders stored data and reads request bodies back into stored data.
 */
import { List, type Fields, type Node, type Scalar } from './document.ts';
import { text, type Data, type ReadContext } from './read.ts';

export class ListOf {
  constructor(
    readonly item: string,
    readonly of: Template,
    readonly sized = true,
  ) {}
}

/** How a linked object's name is read, for the kinds whose name is not a top-level `name`. */
const NAME_PATHS: Readonly<Record<string, readonly string[]>> = {
  computers: ['general.name', 'name'],
  'mobile-devices': ['name', 'general.name'],
  accounts: ['username', 'name'],
  packages: ['packageName', 'name'],
  'mac-applications': ['general.name'],
  'mobile-device-applications': ['general.name'],
};

export function nameIn(kind: string, record: unknown): string {
  return text(record, ...(NAME_PATHS[kind] ?? ['name']));
}

/** A link to a stored object; `extra` adds elements read from it (Classic element → path in the record). */
export class Ref {
  constructor(
    readonly kind: string,
    readonly none: string = 'None',
    readonly extra: Readonly<Record<string, string>> = {},
  ) {}
}

/** Elements that vary per object (an advanced search's display fields): stored `{element: value}` rendered as-is. */
export class Free {}
export const FREE = new Free();

export type Template = Scalar | ListOf | Ref | Free | TemplateFields;
export interface TemplateFields {
  readonly [key: string]: Template;
}

const isObject = (value: unknown): value is Data => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Stored data (Classic element names) through the skeleton: missing values take the defaults. */
export function render(template: Template, value: unknown, ctx: ReadContext): Node {
  if (template instanceof ListOf) {
    const items = Array.isArray(value) ? value : [];
    const out: Node[] = [];
    for (const item of items) {
      const node = template.of instanceof Ref ? linked(template.of, item, ctx) : render(template.of, item, ctx);
      if (node !== undefined) out.push(node);
    }
    return new List(template.item, out, template.sized);
  }
  if (template instanceof Ref) return linked(template, value, ctx) ?? { id: -1, name: template.none, ...blankExtra(template) };
  if (template instanceof Free) return free(value);
  if (typeof template === 'object') {
    const data = isObject(value) ? value : undefined;
    const out: Record<string, Node> = {};
    for (const key in template) out[key] = render(template[key] as Template, data?.[key], ctx);
    return out;
  }
  return scalar(template, value);
}

function free(value: unknown): Fields {
  if (!isObject(value)) return {};
  const out: Record<string, Scalar> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') out[key] = item;
  }
  return out;
}

function scalar(template: Scalar, value: unknown): Scalar {
  if (value === undefined || value === null || typeof value === 'object') return template;
  if (typeof template === 'number') {
    const number = typeof value === 'number' ? value : Number(value);
    return value === '' || !Number.isFinite(number) ? template : number;
  }
  if (typeof template === 'boolean') return value === true || String(value).toLowerCase() === 'true';
  return String(value);
}

/** Undefined when the linked object does not exist (lists drop it; a single link shows the `none` form). */
function linked(ref: Ref, value: unknown, ctx: ReadContext): Fields | undefined {
  const id = isObject(value) ? value['id'] : value;
  const key = id === undefined || id === null || id === '' ? undefined : String(id);
  const record = key === undefined || key === '-1' ? undefined : ctx.store.get(ref.kind, key);
  if (record === undefined) return undefined;
  const out: Record<string, Node> = { id: Number(record['id']), name: nameIn(ref.kind, record) };
  for (const [element, path] of Object.entries(ref.extra)) out[element] = text(record, path);
  return out;
}

function blankExtra(ref: Ref): Record<string, string> {
  return Object.fromEntries(Object.keys(ref.extra).map((key) => [key, '']));
}

/**
 * A parsed request body (every leaf a string) back into stored data: only the elements the
 * skeleton knows, typed like their defaults; lists from their repeated items; links by id,
 * or by name when only a name is given. Undefined where the body says nothing.
 */
export function fromBody(template: Template, value: unknown, ctx: ReadContext): unknown {
  if (value === undefined) return undefined;
  if (template instanceof ListOf) {
    const inner = isObject(value) ? value[template.item] : undefined;
    const items = inner === undefined ? [] : Array.isArray(inner) ? inner : [inner];
    return items.map((item) => fromBody(template.of, item, ctx)).filter((item) => item !== undefined);
  }
  if (template instanceof Ref) return linkFromBody(template, value, ctx);
  if (template instanceof Free) return undefined;
  if (typeof template === 'object') {
    if (!isObject(value)) return value === '' ? {} : undefined;
    const out: Data = {};
    for (const key in template) {
      const read = fromBody(template[key] as Template, value[key], ctx);
      if (read !== undefined) out[key] = read;
    }
    return out;
  }
  if (typeof value === 'object') return undefined;
  return scalar(template, value);
}

function linkFromBody(ref: Ref, value: unknown, ctx: ReadContext): Data | undefined {
  if (!isObject(value)) return value === '' ? undefined : { id: String(value) };
  const id = value['id'];
  if (typeof id === 'string' && id !== '' && id !== '-1' && ctx.store.get(ref.kind, id) !== undefined) return { id };
  const name = typeof value['name'] === 'string' ? value['name'] : undefined;
  if (name === undefined || name === '') return typeof id === 'string' ? { id } : undefined;
  const found = ctx.store.list(ref.kind).find((record) => nameIn(ref.kind, record) === name);
  return { id: found === undefined ? '-1' : String(found['id']) };
}

/** `base` with `patch` laid over it: sections merge, lists and scalars are replaced. */
export function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch === undefined ? base : patch;
  const out: Data = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = merge(base[key], value);
  return out;
}

/** Reads `a.b.c` from stored data. */
export function at(data: unknown, path: string): unknown {
  let value = data;
  for (const key of path.split('.')) value = isObject(value) ? value[key] : undefined;
  return value;
}

/** A copy of `data` with `value` at `a.b.c`, copying only the objects on the way. */
export function withValue(data: Data, path: string, value: unknown): Data {
  const [key = '', ...rest] = path.split('.');
  if (rest.length === 0) return { ...data, [key]: value };
  const inner = isObject(data[key]) ? (data[key] as Data) : {};
  return { ...data, [key]: withValue(inner, rest.join('.'), value) };
}
