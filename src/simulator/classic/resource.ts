/** What the Classic handler needs to know about one `/JSSResource/{path}` resource. */
import { List, type Fields, type Node } from './document.ts';
import { text, type Data, type ReadContext } from './read.ts';
import type { ClassicMethod, Endpoint } from './routes.ts';

/** A rejected write: Jamf answers 409 with `Error: {message}`. */
export class WriteProblem {
  constructor(readonly message: string) {}
}

export interface UniqueKey {
  /** The text after `Error: ` in Jamf's 409, e.g. "Duplicate name". */
  message: string;
  of(record: Data): string;
}

/** `/{segment}/{key}`: how one single-object form finds its record, and what it answers. */
export interface LookupForm {
  segment: string;
  /** The path parameter's name in the swagger (`id`, `name`, `serialnumber`…). */
  param: string;
  methods: readonly ClassicMethod[];
  /** Whether `/{segment}/{key}/subset/{subset}` exists too. */
  subsets?: boolean;
  /** The value the key is compared with; absent: the key is the store id. */
  of?: (record: Data) => string;
}

export interface ClassicResource {
  /** URL segment after /JSSResource/. */
  path: string;
  listRoot: string;
  itemRoot: string;
  /** Store kind. */
  kind: string;
  /** The object part of Jamf's privilege names: "Read {noun}". */
  privilegeNoun: string;
  forms: readonly LookupForm[];
  /** One object without an id (`/activationcode`): GET and PUT on the resource path itself. */
  singleton?: boolean;
  /** Subset name (lowercase, no underscores) → top-level element of `detail`. */
  subsets?: Readonly<Record<string, string>>;
  nameOf(record: Data): string;
  /** Absent: the resource has no list form (the history resources). */
  list?(records: Data[], ctx: ReadContext): Node;
  detail(record: Data, ctx: ReadContext): Fields;
  /** Store fields from a parsed XML body; `existing` is set on PUT. */
  fromXml(body: Data, existing: Data | undefined, ctx: ReadContext): Data | WriteProblem;
  unique: readonly UniqueKey[];
  /** Further endpoints of the resource (`/computers/match/{match}`, `/policies/category/{category}`…). */
  extra?: readonly Endpoint[];
}

const ALL_METHODS: readonly ClassicMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];
const NO_POST: readonly ClassicMethod[] = ['GET', 'PUT', 'DELETE'];

/** Jamf's usual pair: `/id/{id}` (all methods) and `/name/{name}` (no POST), both with subsets when the resource has them. */
export function idAndName(nameOf: (record: Data) => string, options: { subsets?: boolean; idSegment?: string; nameSegment?: string } = {}): LookupForm[] {
  const subsets = options.subsets ?? false;
  return [
    { segment: options.idSegment ?? 'id', param: 'id', methods: ALL_METHODS, subsets },
    { segment: options.nameSegment ?? 'name', param: 'name', methods: NO_POST, subsets, of: nameOf },
  ];
}

/** Another lookup with the name form's methods, e.g. `/serialnumber/{serialnumber}`. */
export function lookup(segment: string, of: (record: Data) => string, options: { subsets?: boolean; methods?: readonly ClassicMethod[] } = {}): LookupForm {
  return { segment, param: segment, methods: options.methods ?? NO_POST, subsets: options.subsets ?? false, of };
}

export function idNameList(itemRoot: string, records: Data[], nameOf: (record: Data) => string): List {
  return new List(
    itemRoot,
    records.map((record) => ({ id: idOf(record), name: nameOf(record) })),
  );
}

export function idOf(record: Data): number | string {
  const id = Number(record['id']);
  return Number.isInteger(id) ? id : text(record, 'id');
}

/** Reads a leaf of a parsed XML body (all leaves are strings; empty elements are ''). */
export function xmlText(body: unknown, path: string): string | undefined {
  let value: unknown = body;
  for (const key of path.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Data)[key] : undefined;
  }
  if (value === undefined || value === null || typeof value === 'object') return undefined;
  return String(value);
}

export function xmlBool(body: unknown, path: string): boolean | undefined {
  const value = xmlText(body, path);
  return value === undefined ? undefined : value.trim().toLowerCase() === 'true';
}

/** Drops undefined entries so a PUT changes only what the body names. */
export function defined(fields: Record<string, unknown>): Data {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

export function requireName(name: string | undefined, existing: Data | undefined): string | WriteProblem | undefined {
  if (name === undefined) return existing === undefined ? new WriteProblem('Missing name') : undefined;
  if (name.trim() === '') return new WriteProblem('Missing name');
  return name.trim();
}
