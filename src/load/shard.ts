/**
 * `--shard K/N`: one part of a run's requests, for CI job matrices. Like `--folder`, a
 * selection over loaded collections.
 *
 * The parts are made of whole units, never split: each top-level folder of each collection
 * is a unit, and so are a collection's requests outside any folder (all of them together:
 * nothing tells their chains apart). Units that chain through variables — one unit reads a
 * variable (`{{name}}`, `pm.*.get("name")`) that it never sets and another sets it — are
 * joined, so a write and the requests that follow it up stay in one shard, in order. The
 * units are then dealt largest first to the lightest shard (ties to the earlier unit and
 * the lower shard), weighed by request count or by the times an earlier report measured.
 * Everything is a function of the collections (and the timings): the same inputs give the
 * same split on every machine, and every request lands in exactly one shard.
 */
import { createHash } from 'node:crypto';
import { JamfContractError } from '../errors.ts';
import type { Notice, ShardInfo } from '../result.ts';
import type { LoadedCollection } from './collection.ts';
import { scriptText, walkItems, type PostmanItem } from './postman-types.ts';
import { readText } from './text.ts';

export interface ShardSpec {
  /** From 1. */
  index: number;
  total: number;
  /** Milliseconds per request key (`requestKey`), from an earlier report: balance by time. */
  timings?: Map<string, number>;
}

export interface ShardSelection {
  collections: LoadedCollection[];
  /** Fingerprint of the whole suite (every shard of it shares this). */
  suite: string;
  shard?: ShardInfo;
  notices: Notice[];
}

/** A part of the suite that is never split. */
interface Unit {
  /** Position in run order, for ties. */
  order: number;
  /** `collection index → top-level item indexes`. */
  members: Array<[number, number]>;
  requests: number;
  weight: number;
}

/** Parses `K/N` (`2/3`): 1 ≤ K ≤ N. */
export function parseShard(text: string): { index: number; total: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || total < 1 || index < 1 || index > total || total > 10_000) {
    throw new JamfContractError('USAGE', `--shard takes K/N with 1 ≤ K ≤ N, e.g. --shard 2/3 (got "${text}").`);
  }
  return { index, total };
}

/** The key a request's timing is kept under: collection, folder path and name. */
export function requestKey(collection: string, folders: readonly string[], itemName: string): string {
  return [collection, ...folders, itemName].join('\u0000');
}

/** Narrows the collections to shard `spec` (all of them without one) and fingerprints the suite. */
export function selectShard(collections: LoadedCollection[], spec?: ShardSpec): ShardSelection {
  const suite = suiteFingerprint(collections);
  if (!spec) return { collections, suite, notices: [] };
  const units = unitsOf(collections, spec.timings);
  const owner = assign(units, spec.total);
  const mine = new Set<string>();
  units.forEach((u, i) => {
    if (owner[i] === spec.index - 1) for (const [c, t] of u.members) mine.add(`${c}:${t}`);
  });
  const selected: LoadedCollection[] = [];
  collections.forEach((c, ci) => {
    const item = c.json.item.filter((_, ti) => mine.has(`${ci}:${ti}`));
    if (item.length > 0) selected.push({ ...c, json: { ...c.json, item } });
  });
  const requests = units.reduce((n, u, i) => n + (owner[i] === spec.index - 1 ? u.requests : 0), 0);
  const suiteRequests = units.reduce((n, u) => n + u.requests, 0);
  const by = spec.timings ? 'time' : 'requests';
  const shard: ShardInfo = { index: spec.index, total: spec.total, by, requests, suiteRequests };
  return { collections: selected, suite, shard, notices: [shardNotice(shard, units, owner)] };
}

function shardNotice(shard: ShardInfo, units: Unit[], owner: number[]): Notice {
  const mine = units.filter((_, i) => owner[i] === shard.index - 1).length;
  const how = shard.by === 'time' ? 'balanced by the times of an earlier report' : 'balanced by request count';
  if (shard.requests === 0) {
    return {
      level: 'warning',
      code: 'SHARD_EMPTY',
      message: `Shard ${shard.index}/${shard.total} has no requests: the suite has ${units.length} part(s) that cannot be split (top-level folders, joined where they share variables) for ${shard.total} shards. Use fewer shards.`,
    };
  }
  return {
    level: 'info',
    code: 'SHARD',
    message: `Shard ${shard.index}/${shard.total}: ${shard.requests} of ${shard.suiteRequests} requests, ${mine} of ${units.length} parts (whole top-level folders), ${how}.`,
  };
}

/** Largest unit first, to the shard with the least weight so far (ties: earlier unit, lower shard). */
function assign(units: Unit[], total: number): number[] {
  const load = new Array<number>(total).fill(0);
  const owner = new Array<number>(units.length).fill(0);
  const order = units.map((_, i) => i).sort((a, b) => units[b]!.weight - units[a]!.weight || units[a]!.order - units[b]!.order);
  for (const i of order) {
    let best = 0;
    for (let s = 1; s < total; s++) if (load[s]! < load[best]!) best = s;
    owner[i] = best;
    load[best]! += units[i]!.weight;
  }
  return owner;
}

/** A top-level folder, or a collection's requests outside folders, before chains join them. */
interface RawUnit {
  /** `[collection index, top-level item index]`. */
  members: Array<[number, number]>;
  items: Array<{ item: PostmanItem; folders: string[]; collection: string }>;
  text: string[];
}

/** The suite's units: top-level folders, each collection's loose requests, joined along variable chains. */
function unitsOf(collections: LoadedCollection[], timings?: Map<string, number>): Unit[] {
  const raw = rawUnits(collections);
  const root = chainRoots(raw, collections);
  const weigh = weigher(timings);
  const joined = new Map<number, Unit>();
  raw.forEach((u, i) => {
    const r = root(i);
    const unit = joined.get(r) ?? { order: r, members: [], requests: 0, weight: 0 };
    unit.members.push(...u.members);
    unit.requests += u.items.length;
    unit.weight += u.items.reduce((w, it) => w + weigh(it.collection, it.folders, it.item.name ?? ''), 0);
    joined.set(r, unit);
  });
  return [...joined.values()].sort((a, b) => a.order - b.order);
}

function rawUnits(collections: LoadedCollection[]): RawUnit[] {
  const raw: RawUnit[] = [];
  collections.forEach((c, ci) => {
    let loose: RawUnit | undefined;
    c.json.item.forEach((top, ti) => {
      const items = [...walkItems([top])].map((w) => ({ ...w, collection: c.name }));
      if (Array.isArray(top.item)) {
        raw.push({ members: [[ci, ti]], items, text: [JSON.stringify(top)] });
      } else if (!loose) {
        loose = { members: [[ci, ti]], items, text: [JSON.stringify(top)] };
        raw.push(loose);
      } else {
        loose.members.push([ci, ti]);
        loose.items.push(...items);
        loose.text.push(JSON.stringify(top));
      }
    });
  });
  return raw;
}

/**
 * Joins units along variable chains (union-find): a unit that reads a name it never sets
 * joins every unit that sets it. Returns each unit's root, the earliest unit of its group.
 */
function chainRoots(raw: RawUnit[], collections: LoadedCollection[]): (i: number) => number {
  const sets = raw.map((u) => variablesSet(u.members, collections));
  // Variables in auth settings (a bearer {{token}} a login folder sets) chain nothing: a run replaces every auth setting with its own session.
  const auth = authVariables(collections);
  const uses = raw.map((u) => [...variablesUsed(u.text.join('\n'))].filter((n) => !auth.has(n)));
  const parent = raw.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const setters = new Map<string, number[]>();
  sets.forEach((names, i) => names.forEach((n) => setters.set(n, [...(setters.get(n) ?? []), i])));
  uses.forEach((names, b) => {
    for (const name of names) {
      if (sets[b]!.has(name)) continue;
      for (const a of setters.get(name) ?? []) {
        const [ra, rb] = [find(a), find(b)];
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
  });
  return find;
}

/** One request's weight: 1, or its measured time (the median of the measured ones when it was not measured). */
function weigher(timings?: Map<string, number>): (collection: string, folders: string[], name: string) => number {
  if (!timings) return () => 1;
  const known = [...timings.values()].sort((a, b) => a - b);
  const fallback = known.length > 0 ? known[Math.floor(known.length / 2)]! : 1;
  return (collection, folders, name) => Math.max(1, timings.get(requestKey(collection, folders, name)) ?? fallback);
}

const SET = /(?:\.set|setEnvironmentVariable|setGlobalVariable)\(\s*["'`]([^"'`]+)["'`]/g;
const GET = /(?:\.get|\.has|getEnvironmentVariable|getGlobalVariable)\(\s*["'`]([^"'`]+)["'`]/g;
const REF = /\{\{\s*([^{}$][^{}]*?)\s*\}\}/g;

/** Names the unit's scripts set (item and folder scripts; collection scripts belong to every shard). */
function variablesSet(members: Array<[number, number]>, collections: LoadedCollection[]): Set<string> {
  const names = new Set<string>();
  const scripts = (item: PostmanItem): void => {
    for (const e of item.event ?? []) for (const m of scriptText(e.script).matchAll(SET)) names.add(m[1]!);
    for (const child of item.item ?? []) scripts(child);
  };
  for (const [ci, ti] of members) scripts(collections[ci]!.json.item[ti]!);
  return names;
}

/** Names referred to inside any `auth` setting of the collections. */
function authVariables(collections: LoadedCollection[]): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown, inAuth: boolean): void => {
    if (typeof node === 'string') {
      if (inAuth) for (const m of node.matchAll(REF)) names.add(m[1]!);
    } else if (Array.isArray(node)) {
      for (const n of node) visit(n, inAuth);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) visit(value, inAuth || key === 'auth');
    }
  };
  for (const c of collections) visit(c.json, false);
  return names;
}

/** Names a unit reads: `{{name}}` anywhere in it, and `pm.*.get("name")` in its scripts. */
function variablesUsed(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(REF)) names.add(m[1]!);
  for (const m of text.matchAll(GET)) names.add(m[1]!);
  return names;
}

/** What the run was asked for: each collection's name and its requests (folders, name, method, URL as written). */
export function suiteFingerprint(collections: LoadedCollection[]): string {
  const hash = createHash('sha256');
  for (const c of collections) {
    hash.update(`${c.name}\u0001`);
    for (const { item, folders } of walkItems(c.json.item)) {
      const request = typeof item.request === 'string' ? { url: item.request } : item.request;
      const url = typeof request?.url === 'string' ? request.url : (request?.url?.raw ?? '');
      hash.update(`${folders.join('\u0000')}\u0000${item.name ?? ''}\u0000${request?.method ?? 'GET'}\u0000${url}\u0002`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Timings from an earlier `report.json` (`--shard-timings`): per request key, the mean of
 * its measured response times over every iteration. Requests it does not know weigh the
 * median of those it does.
 */
export async function loadShardTimings(file: string): Promise<Map<string, number>> {
  let json: unknown;
  try {
    json = JSON.parse(await readText(file));
  } catch (cause) {
    throw new JamfContractError('REPORT_READ', `Cannot read --shard-timings ${file}: ${(cause as Error).message}. Pass a report.json an earlier run wrote.`, { cause });
  }
  const requests = (json as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) {
    throw new JamfContractError('REPORT_READ', `--shard-timings ${file} is not a jamf-contract report.json (it has no "requests" list).`);
  }
  return timingsFromRequests(requests as Array<Record<string, unknown>>);
}

export function timingsFromRequests(requests: Array<Record<string, unknown>>): Map<string, number> {
  const sums = new Map<string, { ms: number; n: number }>();
  for (const r of requests) {
    // Timings only balance the shards: an entry that is not a request is passed over.
    if (!r || typeof r !== 'object') continue;
    const ms = (r.response as { timeMs?: unknown } | null | undefined)?.timeMs;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) continue;
    const folders = Array.isArray(r.folders) ? r.folders.map(String) : [];
    const key = requestKey(String(r.collection ?? ''), folders, String(r.itemName ?? ''));
    const s = sums.get(key) ?? { ms: 0, n: 0 };
    s.ms += ms;
    s.n += 1;
    sums.set(key, s);
  }
  return new Map([...sums].map(([k, s]) => [k, s.ms / s.n]));
}
