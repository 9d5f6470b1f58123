/**
 * Schema drift on JSON bodies: remove a field, change its type, or null it, at every
 * place a JSON-pointer-like path reaches (e.g. `/general/name`; a `*` segment stands for
 * every array element or object key).
 */
import type { DriftChange } from './config.ts';

type Container = Record<string, unknown> | unknown[];

export function splitPointer(pointer: string): string[] {
  return pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Changes `document` in place; returns how many fields were changed. */
export function applyDrift(document: unknown, segments: readonly string[], change: DriftChange): number {
  const [head, ...rest] = segments;
  if (head === undefined || document === null || typeof document !== 'object') return 0;
  const container = document as Container;
  const keys = head === '*' ? ownKeys(container) : hasKey(container, head) ? [head] : [];
  let changed = 0;
  // Walk backwards so removing array elements does not shift the ones still to visit.
  for (const key of [...keys].reverse()) {
    if (rest.length > 0) changed += applyDrift(read(container, key), rest, change);
    else changed += alter(container, key, change);
  }
  return changed;
}

function ownKeys(container: Container): string[] {
  return Array.isArray(container) ? container.map((_, index) => String(index)) : Object.keys(container);
}

function hasKey(container: Container, key: string): boolean {
  if (Array.isArray(container)) return /^\d+$/.test(key) && Number(key) < container.length;
  return Object.prototype.hasOwnProperty.call(container, key);
}

function read(container: Container, key: string): unknown {
  return Array.isArray(container) ? container[Number(key)] : container[key];
}

function write(container: Container, key: string, value: unknown): void {
  if (Array.isArray(container)) container[Number(key)] = value;
  else container[key] = value;
}

function alter(container: Container, key: string, change: DriftChange): number {
  if (change === 'remove') {
    if (Array.isArray(container)) container.splice(Number(key), 1);
    else delete container[key];
  } else if (change === 'null') {
    write(container, key, null);
  } else {
    write(container, key, otherType(read(container, key)));
  }
  return 1;
}

/** A value of a different JSON type that still looks plausible. */
export function otherType(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value.length;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 0;
  return JSON.stringify(value);
}

/** Re-serialises in the style of the original body (Jamf pretty-prints as `"key" : value`). */
export function serializeLike(original: string, document: unknown): string {
  if (!original.includes('\n')) return JSON.stringify(document);
  const pretty = JSON.stringify(document, null, 2);
  return /"\s:\s/.test(original) ? pretty.replace(/^(\s*"(?:[^"\\]|\\.)*"): /gm, '$1 : ') : pretty;
}
