/**
 * Walks two documents' operations side by side: operations added and removed, then per
 * shared operation its deprecation, privileges, parameters, request body and responses.
 */
import { diffFlat, type Direction } from './compare-schema.ts';
import { SchemaFlattener } from './flatten.ts';
import type { JsonObject } from './load.ts';
import type { Operation, Parameter } from './operations.ts';
import type { ChangeKind, Level } from './types.ts';

/** One change at one operation, before grouping. */
export interface RawChange {
  kind: ChangeKind;
  level: Level;
  operation: string;
  /** `response 200 application/json`, `parameter query:page`, `request application/json`. */
  where?: string;
  direction?: Direction;
  /** Path inside the schema at `where`. */
  path?: string;
  component?: string;
  componentPath?: string;
  from?: unknown;
  to?: unknown;
  deprecationDate?: string;
  replacement?: string;
}

export interface Side {
  doc: JsonObject;
  operations: Map<string, Operation>;
}

export function diffOperations(old: Side, cur: Side): RawChange[] {
  const ctx: Context = { old: new SchemaFlattener(old.doc), cur: new SchemaFlattener(cur.doc), out: [] };
  for (const [match, before] of old.operations) {
    const after = cur.operations.get(match);
    if (!after) {
      const change: RawChange = { kind: 'operation-removed', level: 'breaking', operation: before.key };
      if (before.deprecated) change.from = 'deprecated';
      ctx.out.push(change);
    } else {
      diffOperation(ctx, before, after);
    }
  }
  for (const change of ctx.out) {
    if (change.kind !== 'operation-deprecated') continue;
    const replacement = successorOf(change.operation, cur.operations);
    if (replacement) change.replacement = replacement;
  }
  for (const [match, after] of cur.operations) {
    if (old.operations.has(match)) continue;
    const change: RawChange = { kind: 'operation-added', level: 'info', operation: after.key };
    if (after.deprecated) change.to = 'deprecated';
    ctx.out.push(change);
  }
  return ctx.out;
}

/** Jamf deprecates `/v3/x` in favour of `/v4/x`: the nearest higher version of the same path. */
function successorOf(operation: string, operations: Map<string, Operation>): string | undefined {
  const match = /^(\S+) \/v(\d+)(\/.*)?$/.exec(operation);
  if (!match) return undefined;
  const [, method = '', version = '0'] = match;
  const rest = templateOf(match[3]);
  let best: { version: number; key: string } | undefined;
  for (const candidate of operations.values()) {
    const m = /^(\S+) \/v(\d+)(\/.*)?$/.exec(candidate.key);
    if (!m || m[1] !== method || templateOf(m[3]) !== rest || candidate.deprecated) continue;
    const v = Number(m[2]);
    if (v > Number(version) && (!best || v < best.version)) best = { version: v, key: candidate.key };
  }
  return best?.key;
}

function templateOf(path: string | undefined): string {
  return (path ?? '').replace(/\{[^}]*\}/g, '{}');
}

interface Context {
  old: SchemaFlattener;
  cur: SchemaFlattener;
  out: RawChange[];
}

function diffOperation(ctx: Context, a: Operation, b: Operation): void {
  const op = b.key;
  const push = (change: Omit<RawChange, 'operation'>): void => {
    ctx.out.push({ ...change, operation: op });
  };
  if (!a.deprecated && b.deprecated) {
    const change: Omit<RawChange, 'operation'> = { kind: 'operation-deprecated', level: 'warning' };
    if (b.deprecationDate) change.deprecationDate = b.deprecationDate;
    push(change);
  } else if (a.deprecated && !b.deprecated) {
    push({ kind: 'operation-undeprecated', level: 'info' });
  } else if (a.deprecated && a.deprecationDate !== b.deprecationDate) {
    push({ kind: 'deprecation-date-changed', level: 'info', from: a.deprecationDate ?? null, to: b.deprecationDate ?? null });
  }
  diffPrivileges(a, b, push);
  if (a.authenticationRequired !== b.authenticationRequired && (a.authenticationRequired === false || b.authenticationRequired === false)) {
    push({ kind: 'authentication-changed', level: b.authenticationRequired === false ? 'info' : 'breaking', from: a.authenticationRequired ?? true, to: b.authenticationRequired ?? true });
  }
  diffParameters(ctx, a, b, push);
  diffRequestBody(ctx, a, b, push);
  diffResponses(ctx, a, b, push);
}

type Push = (change: Omit<RawChange, 'operation'>) => void;

function diffPrivileges(a: Operation, b: Operation, push: Push): void {
  const before = new Set(a.privileges ?? []);
  const after = new Set(b.privileges ?? []);
  const gained = [...after].filter((p) => !before.has(p));
  const lost = [...before].filter((p) => !after.has(p));
  // A new privilege means an API role that worked yesterday gets 403 tomorrow.
  if (gained.length > 0) push({ kind: 'privileges-changed', level: 'breaking', from: [...before], to: [...after] });
  else if (lost.length > 0) push({ kind: 'privileges-changed', level: 'info', from: [...before], to: [...after] });
}

function diffParameters(ctx: Context, a: Operation, b: Operation, push: Push): void {
  for (const [key, before] of a.parameters) {
    const after = b.parameters.get(key);
    const where = `parameter ${paramLabel(after ?? before)}`;
    if (!after) {
      push({ kind: 'parameter-removed', level: 'warning', where });
      continue;
    }
    if (!before.required && after.required) push({ kind: 'parameter-required', level: 'breaking', where });
    if (before.required && !after.required) push({ kind: 'parameter-optional', level: 'info', where });
    schemaChanges(ctx, push, before.schema, after.schema, where, 'request');
  }
  for (const [key, after] of b.parameters) {
    if (a.parameters.has(key)) continue;
    push({ kind: 'parameter-added', level: after.required ? 'breaking' : 'info', where: `parameter ${paramLabel(after)}`, to: after.required ? 'required' : 'optional' });
  }
}

function paramLabel(p: Parameter): string {
  return `${p.in}:${p.name}`;
}

function diffRequestBody(ctx: Context, a: Operation, b: Operation, push: Push): void {
  const before = a.requestBody;
  const after = b.requestBody;
  if (!before && !after) return;
  if (!after) return push({ kind: 'request-body-removed', level: 'warning', where: 'request' });
  if (!before) return push({ kind: 'request-body-added', level: after.required ? 'breaking' : 'info', where: 'request' });
  if (!before.required && after.required) push({ kind: 'request-body-required', level: 'breaking', where: 'request' });
  if (before.required && !after.required) push({ kind: 'request-body-optional', level: 'info', where: 'request' });
  for (const [media, schema] of before.content) {
    const where = `request ${media}`;
    if (!after.content.has(media)) push({ kind: 'media-type-removed', level: 'breaking', where, from: media });
    else schemaChanges(ctx, push, schema, after.content.get(media), where, 'request');
  }
  for (const media of after.content.keys()) {
    if (!before.content.has(media)) push({ kind: 'media-type-added', level: 'info', where: `request ${media}`, to: media });
  }
}

function diffResponses(ctx: Context, a: Operation, b: Operation, push: Push): void {
  for (const [status, before] of a.responses) {
    const after = b.responses.get(status);
    if (!after) {
      // Losing the success status a client checks for breaks it; a documented error going away does not.
      push({ kind: 'status-removed', level: status.startsWith('2') ? 'breaking' : 'warning', where: `response ${status}`, from: status });
      continue;
    }
    for (const [media, schema] of before) {
      const where = `response ${status} ${media}`;
      if (!after.has(media)) push({ kind: 'media-type-removed', level: 'breaking', where, from: media });
      else schemaChanges(ctx, push, schema, after.get(media), where, 'response');
    }
    for (const media of after.keys()) {
      if (!before.has(media)) push({ kind: 'media-type-added', level: 'info', where: `response ${status} ${media}`, to: media });
    }
  }
  for (const status of b.responses.keys()) {
    if (!a.responses.has(status)) push({ kind: 'status-added', level: 'info', where: `response ${status}`, to: status });
  }
}

function schemaChanges(ctx: Context, push: Push, before: unknown, after: unknown, where: string, direction: Direction): void {
  if (before === undefined && after === undefined) return;
  const changes = diffFlat(ctx.old.flatten(before), ctx.cur.flatten(after), direction);
  for (const change of changes) {
    const raw: Omit<RawChange, 'operation'> = { kind: change.kind, level: change.level, where, direction, path: change.path };
    const component = change.typeFact ? change.node.typeOrigin : change.node.origin;
    if (component !== undefined) {
      raw.component = component;
      raw.componentPath = change.typeFact ? change.node.typeOriginPath : change.node.originPath;
    }
    if (change.from !== undefined) raw.from = change.from;
    if (change.to !== undefined) raw.to = change.to;
    push(raw);
  }
}
