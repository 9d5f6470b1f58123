/**
 * One planned request per GET operation of a Jamf Pro API document: which are left out
 * (privileges the grants lack, deprecated ones on request, secret reads), where each path
 * parameter comes from, the query, the folder (the operation's tag; deprecated ones in
 * their own folder), and which lists must publish an id for which detail requests.
 */
import { planPath, VariableNames, type ChainContext, type Given } from './chain.ts';
import { readGetOperations, type GetOperation } from './operations.ts';
import { missingFor } from './privileges.ts';
import { planQuery } from './query.ts';
import type { Json } from './schema.ts';
import type { GenerateInput, GenerateSummary, PlannedRequest } from './types.ts';

export const DEPRECATED_FOLDER = 'Deprecated';

export interface ProPlan {
  operations: number;
  requests: PlannedRequest[];
  leftOut: GenerateSummary['leftOut'];
  /** `--var` names some request used. */
  usedVars: Set<string>;
}

/** Reading a local admin password is audited and starts Jamf's rotation of it: not a smoke test's business. */
const SECRET_READ = /\/local-admin-password\/.*\/password$/;

export function planPro(document: Json, input: GenerateInput): ProPlan {
  const ops = readGetOperations(document);
  const leftOut = new Map<string, GenerateSummary['leftOut'][number]>();
  for (const op of ops) {
    const reason = leftOutReason(op, input);
    if (reason) leftOut.set(op.key, { operation: op.key, ...reason });
  }
  const lists = new Map(ops.filter((o) => o.list?.key).map((o) => [o.path, o]));
  const ctx: ChainContext = { lists, leftOut: (o) => leftOut.get(o.key)?.reason, vars: input.vars ?? {}, names: new VariableNames() };
  const usedVars = new Set<string>();
  const replacements = successors(ops);
  const requests = new Map<string, PlannedRequest>();
  for (const op of ops) {
    if (leftOut.has(op.key)) continue;
    const path = planPath(op, ctx);
    const query = planQuery(op, ctx.vars);
    const given: Given[] = [...path.given, ...query.given];
    for (const g of given) usedVars.add(g.from);
    const sources = [...new Map(path.uses.map((u) => [u.list.key, u.list])).values()];
    requests.set(op.key, {
      api: 'pro',
      operation: op.key,
      folders: op.deprecated && (input.deprecated ?? 'folder') === 'folder' ? [DEPRECATED_FOLDER, op.tag] : [op.tag],
      base: 'baseUrl',
      segments: path.segments,
      query: query.query,
      ...(op.media ? { accept: op.media, media: op.media } : {}),
      statuses: op.statuses,
      sets: [],
      dependsOn: sources.map((s) => s.key),
      needs: [...path.needs, ...query.needs],
      given: Object.fromEntries(given.map((g) => [g.variable, g.value])),
      description: describe(op, replacements.get(op.key), sources),
      deprecated: op.deprecated,
    });
    for (const use of path.uses) publish(requests.get(use.list.key), use.variable, use.list);
  }
  return { operations: ops.length, requests: [...requests.values()], leftOut: [...leftOut.values()], usedVars };
}

function leftOutReason(op: GetOperation, input: GenerateInput): { reason: GenerateSummary['leftOut'][number]['reason']; detail: string } | undefined {
  if (op.deprecated && input.deprecated === 'exclude') return { reason: 'deprecated', detail: `deprecated${op.deprecationDate ? ` since ${op.deprecationDate}` : ''} (--exclude-deprecated)` };
  if (SECRET_READ.test(op.path) && !input.includeSecrets) {
    return { reason: 'secret', detail: 'reads a local admin password, which Jamf audits and then rotates (--include-secrets)' };
  }
  const missing = input.grants && op.authenticated ? missingFor(op.privileges, input.grants) : undefined;
  if (missing) return { reason: 'privileges', detail: `needs ${missing}, not held by ${input.grants!.label}` };
  return undefined;
}

/** The list publishes the first item's id under `variable` from its test script. */
function publish(list: PlannedRequest | undefined, variable: string, op: GetOperation): void {
  if (!list || !op.list?.key || list.sets.some((s) => s.variable === variable)) return;
  list.sets.push({ variable, property: op.list.key, from: op.list.paged ? 'paged' : 'array' });
}

function describe(op: GetOperation, successor: string | undefined, sources: GetOperation[]): string[] {
  const lines: string[] = [];
  if (op.summary) lines.push(op.summary.replace(/\s+/g, ' '));
  if (!op.authenticated) lines.push('No authentication needed.');
  else if (op.privileges.length > 0) lines.push(`Privileges: ${op.privileges.join(', ')}.`);
  for (const source of sources) lines.push(`Ids from the first item of ${source.key}.`);
  if (op.deprecated) {
    lines.push(`Deprecated${op.deprecationDate ? ` since ${op.deprecationDate}` : ''}${successor ? `; use ${successor} instead` : ''}.`);
  }
  return lines;
}

/**
 * Jamf deprecates `/v3/x` in favour of `/v4/x`: for each deprecated operation, the nearest
 * higher version of the same path that is not deprecated.
 */
export function successors(all: GetOperation[]): Map<string, string> {
  const versioned = (path: string): { v: number; rest: string } | undefined => {
    const m = /^\/v(\d+)(\/.*)?$/.exec(path);
    return m ? { v: Number(m[1]), rest: (m[2] ?? '').replace(/\{[^}]*\}/g, '{}') } : undefined;
  };
  const current = new Map<string, Array<{ v: number; key: string }>>();
  for (const op of all) {
    const at = op.deprecated ? undefined : versioned(op.path);
    if (at) current.set(at.rest, [...(current.get(at.rest) ?? []), { v: at.v, key: op.key }]);
  }
  const out = new Map<string, string>();
  for (const op of all) {
    const at = op.deprecated ? versioned(op.path) : undefined;
    const next = at ? (current.get(at.rest) ?? []).filter((c) => c.v > at.v).sort((a, b) => a.v - b.v)[0] : undefined;
    if (next) out.set(op.key, next.key);
  }
  return out;
}
