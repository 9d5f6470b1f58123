/**
 * One table row per Classic resource instead of a module each: a skeleton of its document
 * (`template.ts`) plus where its id and name sit, which lookups and subsets Jamf has, and
 * its privilege. Stored data is the Classic document's own shape (element names), unless
 * the resource shares its store kind with the Jamf Pro API and converts (`toClassic`).
 */
import { List, type Fields } from './document.ts';
import type { Data, ReadContext } from './read.ts';
import { type ClassicResource, type LookupForm, type UniqueKey, WriteProblem, idAndName, lookup } from './resource.ts';
import type { ClassicMethod, Endpoint } from './routes.ts';
import { subsetKey } from './subsets.ts';
import { type TemplateFields, at, fromBody, merge, render, withValue } from './template.ts';

export interface ResourceDef {
  /** URL segment after /JSSResource/. */
  path: string;
  /** The object's element, e.g. `building`. */
  item: string;
  /** The list's element; default `{path}`. */
  list?: string;
  /** Store kind; default `path`. */
  kind?: string;
  /** Privilege noun: "Read {noun}". */
  noun: string;
  template: TemplateFields;
  /** Where the id and the name sit in the document; `name: null` for objects without one. */
  id?: string;
  name?: string | null;
  /** Elements of each list entry, as paths into the document (the element is the last part, or `[element, path]`); `'all'`: the whole object. */
  listItem?: ReadonlyArray<string | readonly [string, string]> | 'all';
  /** False for the lists Jamf writes without `<size>`. */
  listSized?: boolean;
  /** Lookups besides id and name: URL segment → path into the document. */
  lookups?: Readonly<Record<string, string>>;
  /** `true`: every top-level section is a subset; or subset name → section. */
  subsets?: true | Readonly<Record<string, string>>;
  /** Methods of the id and name forms when Jamf offers fewer than the usual. */
  idMethods?: readonly ClassicMethod[];
  nameMethods?: readonly ClassicMethod[];
  /** Lookup segments when Jamf does not use `id`/`name`. */
  idSegment?: string;
  nameSegment?: string;
  singleton?: boolean;
  /** Unique values besides the name (path → Jamf's 409 message). */
  unique?: Readonly<Record<string, string>>;
  /** The name as stored, when reading it through `toClassic` would be wasteful. */
  nameOf?(record: Data): string;
  /** For store kinds kept in the Jamf Pro API's shape. */
  toClassic?(record: Data, ctx: ReadContext): Data;
  fromClassic?(data: Data, existing: Data | undefined, ctx: ReadContext): Data | WriteProblem;
  /** Values worked out at read time (e.g. a group's members), laid over the stored ones. */
  derive?(data: Data, record: Data, ctx: ReadContext): Data;
  /** Adjusts a write's merged data (e.g. a static group's additions and deletions). */
  onWrite?(merged: Data, body: Data, ctx: ReadContext): Data | WriteProblem;
  extra?(resource: ClassicResource): Endpoint[];
}

export function defineResource(def: ResourceDef): ClassicResource {
  const idPath = def.id ?? 'id';
  const namePath = def.name === null || def.singleton === true ? undefined : (def.name ?? 'name');
  const classic = (record: Data, ctx: ReadContext): Data => (def.toClassic === undefined ? record : def.toClassic(record, ctx));
  // Lookups and uniqueness read stored data; for converted kinds, the converted form.
  const valueAt = (path: string) => (record: Data): string => scalarText(at(def.toClassic === undefined ? record : def.toClassic(record, NO_CTX), path));
  const nameOf = def.nameOf ?? (namePath === undefined ? (record: Data): string => scalarText(record['id']) : valueAt(namePath));

  const detail = (record: Data, ctx: ReadContext): Fields => {
    let data = withValue(classic(record, ctx), idPath, record['id']);
    if (def.derive !== undefined) data = def.derive(data, record, ctx);
    const out = render(def.template, data, ctx) as Fields;
    return def.singleton === true ? withoutId(out) : out;
  };

  const forms: LookupForm[] = [];
  if (def.singleton !== true) {
    const [idForm, nameForm] = idAndName(nameOf, { subsets: def.subsets !== undefined, idSegment: def.idSegment, nameSegment: def.nameSegment });
    forms.push({ ...idForm!, methods: def.idMethods ?? idForm!.methods });
    const param = def.nameSegment ?? 'name';
    if (namePath !== undefined) forms.push({ ...nameForm!, param, methods: def.nameMethods ?? nameForm!.methods });
    for (const [segment, path] of Object.entries(def.lookups ?? {})) {
      forms.push(lookup(segment, valueAt(path), { methods: def.nameMethods }));
    }
  }

  const unique: UniqueKey[] = namePath === undefined ? [] : [{ message: 'Duplicate name', of: nameOf }];
  for (const [path, message] of Object.entries(def.unique ?? {})) unique.push({ message, of: valueAt(path) });

  const resource: ClassicResource = {
    path: def.path,
    listRoot: def.list ?? def.path,
    itemRoot: def.item,
    kind: def.kind ?? def.path,
    privilegeNoun: def.noun,
    forms,
    ...(def.singleton === true ? { singleton: true } : {}),
    ...(def.subsets === undefined ? {} : { subsets: subsetTable(def.template, def.subsets) }),
    nameOf,
    list: (records, ctx) => new List(def.item, records.map((record) => listEntry(def, detail(record, ctx), idPath, namePath)), def.listSized ?? true),
    detail,
    fromXml(body, existing, ctx) {
      const read = (fromBody(def.template, body, ctx) ?? {}) as Data;
      let merged = merge(existing === undefined ? {} : classic(existing, ctx), withValue(read, idPath, undefined)) as Data;
      if (def.onWrite !== undefined) {
        const adjusted = def.onWrite(merged, body, ctx);
        if (adjusted instanceof WriteProblem) return adjusted;
        merged = adjusted;
      }
      if (namePath !== undefined && scalarText(at(merged, namePath)).trim() === '') return new WriteProblem('Missing name');
      const { id: _id, ...fields } = withValue(merged, idPath, undefined);
      return def.fromClassic === undefined ? fields : def.fromClassic(fields, existing, ctx);
    },
    unique,
  };
  const extra = def.extra?.(resource);
  return extra === undefined ? resource : { ...resource, extra };
}

function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** Lookups outside a request have no store to follow links in; none of them needs one. */
const NO_CTX: ReadContext = {
  store: { list: () => [], get: () => undefined, create: () => ({}), update: () => undefined, remove: () => false },
};

function listEntry(def: ResourceDef, detail: Fields, idPath: string, namePath: string | undefined): Fields {
  if (def.listItem === 'all') return detail;
  const entries = def.listItem ?? [idPath, ...(namePath === undefined ? [] : [namePath])];
  const out: Record<string, Fields[string]> = {};
  for (const entry of entries) {
    const [element, path] = typeof entry === 'string' ? [entry.split('.').pop() ?? entry, entry] : entry;
    const value = at(detail, path);
    out[element] = (value ?? '') as Fields[string];
  }
  return out;
}

function subsetTable(template: TemplateFields, subsets: true | Readonly<Record<string, string>>): Record<string, string> {
  if (subsets !== true) return { ...subsets };
  return Object.fromEntries(Object.keys(template).map((section) => [subsetKey(section), section]));
}

function withoutId(fields: Fields): Fields {
  const { id: _id, ...rest } = fields;
  return rest;
}
