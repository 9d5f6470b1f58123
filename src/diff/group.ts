/**
 * Turns per-operation changes into report entries: a change inside a shared component is
 * one entry listing every operation it reaches, not one line per operation.
 */
import type { RawChange } from './compare-operations.ts';
import { levels, type ChangeKind, type DiffEntry } from './types.ts';

export function groupChanges(changes: RawChange[]): DiffEntry[] {
  const groups = new Map<string, { entry: DiffEntry; operations: Set<string>; wheres: Set<string> }>();
  for (const change of changes) {
    const key = groupKey(change);
    let group = groups.get(key);
    if (!group) {
      group = { entry: toEntry(change), operations: new Set(), wheres: new Set() };
      groups.set(key, group);
    }
    group.operations.add(change.operation);
    if (change.where) group.wheres.add(change.where);
  }
  const entries: DiffEntry[] = [];
  for (const { entry, operations, wheres } of groups.values()) {
    entry.operations = [...operations].sort(compareOperations);
    if (entry.component) {
      entry.where = [...wheres].sort().join(', ');
      if (wheres.size > 3) entry.where = `${entry.component} in ${wheres.size} places`;
    }
    entries.push(entry);
  }
  return entries.sort(compareEntries);
}

function groupKey(change: RawChange): string {
  const values = `${JSON.stringify(change.from ?? null)}|${JSON.stringify(change.to ?? null)}`;
  if (change.component !== undefined) {
    return ['c', change.kind, change.level, change.direction, change.component, change.componentPath, values].join('|');
  }
  return ['o', change.kind, change.level, change.operation, change.where, change.path, values].join('|');
}

function toEntry(change: RawChange): DiffEntry {
  const entry: DiffEntry = { level: change.level, kind: change.kind, message: '', operations: [] };
  if (change.component !== undefined) entry.component = change.component;
  if (change.where !== undefined) entry.where = change.component ? change.where : whereWithPath(change);
  if (change.from !== undefined) entry.from = change.from;
  if (change.to !== undefined) entry.to = change.to;
  if (change.deprecationDate !== undefined) entry.deprecationDate = change.deprecationDate;
  if (change.replacement !== undefined) entry.replacement = change.replacement;
  entry.message = messageFor(change);
  return entry;
}

function whereWithPath(change: RawChange): string {
  const path = change.path ? readablePath(change.path) : '';
  return path ? `${change.where} ${path}` : (change.where ?? '');
}

/** `/results/[]/id` → `results[].id`. */
export function readablePath(path: string): string {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.')
    .replace(/\.\[\]/g, '[]')
    .replace(/^\[\]/, '[]');
}

function subject(change: RawChange): string {
  if (change.component !== undefined) {
    const inner = readablePath(change.componentPath ?? '');
    const side = change.direction === 'request' ? 'request' : 'response';
    return `${change.component}${inner ? `.${inner}` : ''} (${side})`;
  }
  if (change.where === undefined) return change.operation;
  return `${change.operation} ${whereWithPath(change)}`;
}

const verbs: Record<ChangeKind, string> = {
  'operation-added': 'operation added',
  'operation-removed': 'operation removed',
  'operation-deprecated': 'operation deprecated',
  'operation-undeprecated': 'operation no longer deprecated',
  'deprecation-date-changed': 'deprecation date changed',
  'privileges-changed': 'required privileges changed',
  'authentication-changed': 'authentication requirement changed',
  'parameter-added': 'parameter added',
  'parameter-removed': 'parameter removed',
  'parameter-required': 'parameter now required',
  'parameter-optional': 'parameter now optional',
  'request-body-added': 'request body added',
  'request-body-removed': 'request body removed',
  'request-body-required': 'request body now required',
  'request-body-optional': 'request body now optional',
  'status-added': 'status code added',
  'status-removed': 'status code removed',
  'media-type-added': 'media type added',
  'media-type-removed': 'media type removed',
  'property-added': 'property added',
  'property-removed': 'property removed',
  'property-required': 'property now required',
  'property-optional': 'property now optional',
  'type-changed': 'type changed',
  'format-changed': 'format changed',
  'nullable-added': 'now nullable',
  'nullable-removed': 'no longer nullable',
  'enum-value-added': 'enum values added',
  'enum-value-removed': 'enum values removed',
};

function messageFor(change: RawChange): string {
  let text = `${subject(change)}: ${verbs[change.kind]}`;
  if (change.kind === 'operation-deprecated') {
    if (change.deprecationDate) text += ` (deprecation date ${change.deprecationDate})`;
    if (change.replacement) text += `; use ${change.replacement}`;
  } else if (change.kind === 'operation-removed' && change.from === 'deprecated') text += ' (was deprecated)';
  else if (change.kind === 'property-added' || change.kind === 'parameter-added') text += ` (${String(change.to)})`;
  else if (change.kind === 'enum-value-added') text += `: ${list(change.to)}`;
  else if (change.kind === 'enum-value-removed') text += `: ${list(change.from)}`;
  else if (change.from !== undefined && change.to !== undefined) text += `: ${list(change.from)} → ${list(change.to)}`;
  return text;
}

function list(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(String).join(', ');
  return String(value);
}

function compareEntries(a: DiffEntry, b: DiffEntry): number {
  return (
    levels.indexOf(a.level) - levels.indexOf(b.level) ||
    a.kind.localeCompare(b.kind) ||
    compareOperations(a.operations[0] ?? '', b.operations[0] ?? '') ||
    a.message.localeCompare(b.message)
  );
}

/** By path first, then method, so an endpoint's operations sit together. */
export function compareOperations(a: string, b: string): number {
  const [ma = '', pa = ''] = a.split(' ');
  const [mb = '', pb = ''] = b.split(' ');
  return pa.localeCompare(pb) || ma.localeCompare(mb);
}
