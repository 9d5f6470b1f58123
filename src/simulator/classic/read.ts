/**
 * Reading store records (Pro API JSON shape) for Classic output. The store's records may
 * be flat or nested by section, so each Classic field names the places it may come from.
 */
import type { SimStore } from '../http.ts';
import type { Fields, Scalar } from './document.ts';

export type Data = Record<string, unknown>;

export interface ReadContext {
  store: SimStore;
}

/** Paths are a fixed set of literals, so their split form is kept (bounded, in case one is not). */
const splitPaths = new Map<string, readonly string[]>();

function keysOf(path: string): readonly string[] {
  let keys = splitPaths.get(path);
  if (keys === undefined) {
    if (splitPaths.size > 5_000) splitPaths.clear();
    keys = path.split('.');
    splitPaths.set(path, keys);
  }
  return keys;
}

export function pick(record: unknown, ...paths: string[]): unknown {
  for (const path of paths) {
    let value: unknown = record;
    for (const key of keysOf(path)) {
      value = value !== null && typeof value === 'object' ? (value as Data)[key] : undefined;
    }
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

export function text(record: unknown, ...paths: string[]): string {
  const value = pick(record, ...paths);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

export function num(record: unknown, ...paths: string[]): number {
  const value = Number(pick(record, ...paths));
  return Number.isFinite(value) ? value : 0;
}

export function bool(record: unknown, ...paths: string[]): boolean {
  const value = pick(record, ...paths);
  return value === true || value === 'true';
}

export function array(record: unknown, ...paths: string[]): Data[] {
  const value = pick(record, ...paths);
  return Array.isArray(value) ? value.filter((item): item is Data => item !== null && typeof item === 'object') : [];
}

/** Classic ids are integers; the store keeps Pro API string ids. */
export function classicId(id: unknown): Scalar {
  const value = typeof id === 'number' ? id : Number(id);
  return Number.isInteger(value) ? value : String(id ?? '');
}

/** `<site><id>-1</id><name>None</name></site>` when nothing is linked, as Jamf writes it. */
export function reference(ctx: ReadContext, kind: string, id: unknown, noneName = 'None'): Fields {
  const key = id === undefined || id === null || id === '' || id === '-1' || id === -1 ? undefined : String(id);
  const record = key === undefined ? undefined : ctx.store.get(kind, key);
  if (record === undefined) return { id: -1, name: noneName };
  return { id: classicId(record['id']), name: text(record, 'name') };
}

/** The name of a linked object, or '' (Classic location fields hold names, not ids). */
export function nameOf(ctx: ReadContext, kind: string, id: unknown): string {
  if (id === undefined || id === null || id === '' || id === '-1') return '';
  return text(ctx.store.get(kind, String(id)), 'name');
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

type Rendered = { plain: string; epoch: number; utc: string; long: string };
const EMPTY_DATE: Rendered = { plain: '', epoch: 0, utc: '', long: '' };
/** The same stored instants are rendered on every read, so their renderings are kept (bounded). */
const rendered = new Map<string | number, Rendered>();

/** Jamf's three renderings of one instant: plain, `_epoch` (ms) and `_utc`; empty when unknown. */
export function dates(value: unknown): Rendered {
  if (typeof value !== 'string' && typeof value !== 'number') return EMPTY_DATE;
  let out = rendered.get(value);
  if (out === undefined) {
    out = render(value);
    if (rendered.size > 10_000) rendered.clear();
    rendered.set(value, out);
  }
  return out;
}

function render(value: string | number): Rendered {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return EMPTY_DATE;
  const iso = time.toISOString();
  const hours = time.getUTCHours();
  const long = `${DAYS[time.getUTCDay()]}, ${MONTHS[time.getUTCMonth()]} ${time.getUTCDate()} ${time.getUTCFullYear()} at ${hours % 12 || 12}:${iso.slice(14, 16)} ${hours < 12 ? 'AM' : 'PM'}`;
  return { plain: `${iso.slice(0, 10)} ${iso.slice(11, 19)}`, epoch: time.getTime(), utc: `${iso.slice(0, 23)}+0000`, long };
}

export function strings(record: unknown, ...paths: string[]): string[] {
  const value = pick(record, ...paths);
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string' || typeof item === 'number').map(String) : [];
}
