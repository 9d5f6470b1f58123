/**
 * Compares two flattened schemas and classifies each difference for the side of the
 * exchange it is on: what a client *sends* (request) or *receives* (response).
 * The rules are documented in docs/diff-rules.md.
 */
import type { FlatSchema, SchemaNode } from './flatten.ts';
import type { ChangeKind, Level } from './types.ts';

export type Direction = 'request' | 'response';

export interface SchemaChange {
  kind: ChangeKind;
  level: Level;
  /** Path in the operation's schema. */
  path: string;
  /** The node the change is attributed to (its component and path inside it). */
  node: SchemaNode;
  /** Type facts changed (not presence): attribute to where the type was declared. */
  typeFact?: boolean;
  from?: unknown;
  to?: unknown;
}

export function diffFlat(old: FlatSchema, cur: FlatSchema, direction: Direction): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const hidden = (node: SchemaNode): boolean => (direction === 'request' ? node.readOnly : node.writeOnly);
  for (const [path, before] of old) {
    if (hidden(before)) continue;
    const after = cur.get(path);
    if (after && !hidden(after)) changes.push(...compareNodes(path, before, after, direction));
    else if (isTopmost(path, old, cur)) changes.push(removed(path, before, direction));
  }
  for (const [path, after] of cur) {
    if (hidden(after) || (old.has(path) && !hidden(old.get(path) as SchemaNode))) continue;
    if (isTopmost(path, cur, old)) changes.push(added(path, after, direction));
  }
  return changes;
}

/** Report a removed subtree once, at its root, and nothing under a node whose type changed. */
function isTopmost(path: string, from: FlatSchema, to: FlatSchema): boolean {
  const cut = path.lastIndexOf('/');
  if (cut < 0) return true;
  const parent = path.slice(0, cut);
  const a = from.get(parent);
  const b = to.get(parent);
  if (!a || !b) return !a;
  return sameTypes(a.types, b.types);
}

function removed(path: string, node: SchemaNode, direction: Direction): SchemaChange {
  // A client that sends a dropped property may be refused; one that reads it finds nothing.
  return { kind: 'property-removed', level: direction === 'response' ? 'breaking' : 'warning', path, node };
}

function added(path: string, node: SchemaNode, direction: Direction): SchemaChange {
  const level: Level = direction === 'request' && node.required ? 'breaking' : 'info';
  return { kind: 'property-added', level, path, node, to: node.required ? 'required' : 'optional' };
}

function compareNodes(path: string, a: SchemaNode, b: SchemaNode, direction: Direction): SchemaChange[] {
  const out: SchemaChange[] = [];
  const push = (kind: ChangeKind, level: Level, from?: unknown, to?: unknown): void => {
    const change: SchemaChange = { kind, level, path, node: b, typeFact: kind !== 'property-required' && kind !== 'property-optional' };
    if (from !== undefined) change.from = from;
    if (to !== undefined) change.to = to;
    out.push(change);
  };
  const request = direction === 'request';
  if (!sameTypes(a.types, b.types)) {
    // Requests may widen (the server accepts more); responses may narrow (the client gets less variety).
    const compatible = request ? accepts(b.types, a.types) : accepts(a.types, b.types);
    push('type-changed', compatible ? 'info' : 'breaking', typeText(a.types), typeText(b.types));
  }
  if (a.format !== b.format && a.types.join() === b.types.join()) push('format-changed', 'warning', a.format ?? null, b.format ?? null);
  if (a.nullable !== b.nullable) {
    if (b.nullable) push('nullable-added', request ? 'info' : 'warning');
    else push('nullable-removed', request ? 'breaking' : 'info');
  }
  if (path !== '' && a.required !== b.required) {
    if (b.required) push('property-required', request ? 'breaking' : 'info');
    else push('property-optional', request ? 'info' : 'warning');
  }
  out.push(...compareEnums(path, a, b, direction));
  return out;
}

function compareEnums(path: string, a: SchemaNode, b: SchemaNode, direction: Direction): SchemaChange[] {
  if (!a.enum && !b.enum) return [];
  const request = direction === 'request';
  const before = a.enum ? new Set(a.enum) : undefined;
  const after = b.enum ? new Set(b.enum) : undefined;
  const addedValues = after ? (before ? [...after].filter((v) => !before.has(v)) : []) : ['(any value)'];
  const removedValues = before ? (after ? [...before].filter((v) => !after.has(v)) : []) : ['(any value)'];
  const out: SchemaChange[] = [];
  if (addedValues.length > 0 && before) {
    // A client switching over the values it knows meets one it does not.
    out.push({ kind: 'enum-value-added', level: request ? 'info' : 'warning', path, node: b, typeFact: true, to: addedValues });
  }
  if (removedValues.length > 0 && after) {
    out.push({ kind: 'enum-value-removed', level: request ? 'breaking' : 'info', path, node: b, typeFact: true, from: removedValues });
  }
  return out;
}

export function sameTypes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** Does a value of any type in `inner` fit `outer`? Empty means any; integer fits number. */
function accepts(outer: string[], inner: string[]): boolean {
  if (outer.length === 0) return true;
  if (inner.length === 0) return false;
  return inner.every((t) => outer.includes(t) || (t === 'integer' && outer.includes('number')));
}

function typeText(types: string[]): string {
  return types.length === 0 ? 'any' : types.join('|');
}
