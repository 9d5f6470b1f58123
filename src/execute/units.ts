/**
 * What may run at the same time (`--parallel`), decided before the run from the collection
 * itself. The rule (docs/parallel.md):
 *
 * - The parts of a collection are its top-level folders and requests ("entries"). Two entries
 *   are independent when neither's scripts set a variable the other reads or sets; entries
 *   that are not are kept together, in order, in one unit. Variable names are read from the
 *   scripts (`pm.environment.set('id', …)`, `{{id}}`, `pm.variables.get('id')`…); a name
 *   a script computes counts as every name.
 * - The whole collection runs in order when a script uses `setNextRequest` (it may jump
 *   anywhere), when collection-level scripts set variables (they run before every request),
 *   or when its description says `jamf-contract: sequential` (or the collection variable
 *   `jamfContractParallel` is `false`).
 * - An entry that sends writes (with `--allow-writes`), or whose description says
 *   `jamf-contract: sequential`, runs alone: what comes before it finishes first, what comes
 *   after starts after it. `jamf-contract: parallel` on a folder's description overrides
 *   the variable analysis and the write rule for that folder.
 * - Iterations run side by side only when no script sets any variable and none reads the
 *   iteration number (`pm.info`); otherwise each unit runs its iterations in order.
 *
 * Results are reported in collection order whatever the completion order: every unit owns
 * "slots" (one per entry and iteration), and the run reports slot after slot.
 */
import type { PostmanCollection, PostmanEvent, PostmanItem } from '../load/postman-types.ts';
import { scriptText } from '../load/postman-types.ts';
import { methodOf } from '../resolve/url-text.ts';
import { referencedVariables } from '../resolve/variables.ts';

/** A part of one collection run by one engine run: some top-level entries, all iterations or one. */
export interface Unit {
  /** Indexes into the collection's top-level `item`, in order. */
  entries: number[];
  /** Set when the unit runs one iteration only (iterations side by side). */
  iteration?: number;
  /** Runs alone: everything before it has finished, nothing after it starts until it ends. */
  alone?: boolean;
}

export interface CollectionPlan {
  units: Unit[];
  /** Why the collection runs as one unit, when `parallel` > 1 could not split it. */
  sequentialBecause?: string;
}

const READS_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);
const TAG = /jamf-contract\s*:\s*(parallel|sequential)\b/i;
const ORDER = /\bsetNextRequest\s*\(|\brunRequest\s*\(/;
const SCOPE_SET = /\b(?:environment|globals|collectionVariables|variables)\s*\.\s*(set|unset|clear)\s*\(\s*([^,)]*)/g;
const LEGACY_SET = /\bpostman\s*\.\s*(?:set|clear)(?:Environment|Global)Variables?\s*\(\s*([^,)]*)/g;
const SCOPE_GET = /\b(?:environment|globals|collectionVariables|variables|iterationData)\s*\.\s*(get|has|toObject|replaceIn)\s*\(\s*([^,)]*)/g;
const LEGACY_GET = /\bpostman\s*\.\s*get(?:Environment|Global)Variable\s*\(\s*([^,)]*)/g;
const TEMPLATE = /\{\{\s*([^{}]+?)\s*\}\}/g;
const COOKIE_JAR = /\bcookies\s*\.\s*jar\s*\(/;
const ITERATION = /\bpm\s*\.\s*info\b|\biteration\b/;

/** Names a script sets or reads; `*` when it computes them. */
interface Facts {
  sets: Set<string>;
  reads: Set<string>;
  /** setNextRequest / runRequest. */
  order: boolean;
  /** Requests that are writes (kept in the run: `--allow-writes`), or a cookie jar changed by script. */
  writes: boolean;
  iteration: boolean;
  tag?: 'parallel' | 'sequential';
}

const ANY = '*';

export function planCollection(json: PostmanCollection, options: { parallel: number; iterations: number }): CollectionPlan {
  const entries = json.item;
  const all: Unit = { entries: entries.map((_, i) => i) };
  if (options.parallel <= 1) return { units: [all] };
  const top = eventFacts(json.event);
  const collectionTag = tagOf(json.info?.description) ?? (variableOff(json) ? 'sequential' : undefined);
  const facts = entries.map((e) => entryFacts(e));
  const sequential =
    collectionTag === 'sequential' ? 'its description or the variable jamfContractParallel asks for it'
      : top.order || facts.some((f) => f.order) ? 'a script uses setNextRequest'
        : top.sets.size > 0 ? 'collection-level scripts set variables'
          : top.writes ? 'collection-level scripts change cookies'
            : undefined;
  if (sequential) return { units: [all], sequentialBecause: sequential };
  if (entries.length <= 1 && options.iterations <= 1) return { units: [all] };
  if (collectionTag === 'parallel') for (const f of facts) f.tag ??= 'parallel';

  const segments = splitAlone(facts);
  const sideBySide = options.iterations > 1 && !top.iteration && !top.sets.size && facts.every((f) => f.sets.size === 0 && !f.iteration);
  // Units that span iterations cannot wait for a folder that runs alone in each of them.
  if (options.iterations > 1 && !sideBySide && segments.some((s) => s.alone)) {
    return { units: [all], sequentialBecause: 'its iterations depend on each other (scripts set variables) and a folder in it runs alone' };
  }
  const perSegment = segments.map((segment) =>
    segment.alone ? [{ entries: segment.entries, alone: true }] : chunk(groupEntries(segment.entries, facts, top.reads), entries, options).map((group) => ({ entries: group })),
  );
  const units: Unit[] = [];
  // Iteration by iteration, so a unit that runs alone does so in each iteration.
  if (sideBySide) for (let iteration = 0; iteration < options.iterations; iteration++) for (const list of perSegment) units.push(...list.map((u) => ({ ...u, iteration })));
  else for (const list of perSegment) units.push(...list);
  return units.length > 1 ? { units } : { units: [all] };
}

/** Entries that run alone split the collection; the others are grouped within each segment. */
function splitAlone(facts: Facts[]): Array<{ entries: number[]; alone: boolean }> {
  const out: Array<{ entries: number[]; alone: boolean }> = [];
  facts.forEach((f, i) => {
    const alone = f.tag === 'sequential' || (f.writes && f.tag !== 'parallel');
    const last = out[out.length - 1];
    if (alone || !last || last.alone) out.push({ entries: [i], alone });
    else last.entries.push(i);
  });
  return out;
}

/** Union of entries that share variables (one sets what the other reads or sets). */
function groupEntries(indexes: number[], facts: Facts[], readByCollection: Set<string>): number[][] {
  const parent = new Map(indexes.map((i) => [i, i]));
  const find = (i: number): number => {
    let r = i;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(i, r);
    return r;
  };
  const join = (a: number, b: number): void => {
    parent.set(find(a), find(b));
  };
  // Two entries conflict only when one of them sets a variable: only those are compared with
  // the rest (all pairs made planning quadratic: 2 s for 20,000 top-level requests).
  for (const a of indexes) {
    const fa = facts[a]!;
    if (fa.tag === 'parallel' || fa.sets.size === 0) continue;
    // Read by collection-level scripts (which run before every request): it affects them all.
    if ([...fa.sets].some((n) => n === ANY || readByCollection.has(n) || readByCollection.has(ANY))) {
      for (const b of indexes) join(a, b);
      continue;
    }
    for (const b of indexes) {
      if (b === a || facts[b]!.tag === 'parallel') continue;
      if (conflict(fa, facts[b]!)) join(a, b);
    }
  }
  const groups = new Map<number, number[]>();
  for (const i of indexes) {
    const r = find(i);
    const group = groups.get(r);
    if (group) group.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()].sort((x, y) => x[0]! - y[0]!);
}

function conflict(a: Facts, b: Facts): boolean {
  const touches = (sets: Set<string>, other: Facts): boolean =>
    sets.size > 0 && (sets.has(ANY) || other.reads.has(ANY) || other.sets.has(ANY) || [...sets].some((n) => other.reads.has(n) || other.sets.has(n)));
  return touches(a.sets, b) || touches(b.sets, a);
}

/**
 * Groups of one small entry (single requests at the top level) are packed together, so a
 * flat collection of hundreds of requests runs as a few dozen engine runs, not hundreds.
 */
function chunk(groups: number[][], entries: PostmanItem[], options: { parallel: number }): number[][] {
  const size = (g: number[]): number => g.reduce((n, i) => n + requestCount(entries[i]!), 0);
  const total = groups.reduce((n, g) => n + size(g), 0);
  const target = Math.max(1, Math.ceil(total / (options.parallel * 4)));
  const out: number[][] = [];
  let open: number[] | undefined;
  let openSize = 0;
  for (const g of groups) {
    const n = size(g);
    const packable = g.length === 1 && n < target;
    if (packable && open && openSize + n <= target && open[open.length - 1]! < g[0]!) {
      open.push(...g);
      openSize += n;
      continue;
    }
    out.push(g);
    open = packable ? g : undefined;
    openSize = packable ? n : 0;
  }
  return out;
}

function requestCount(item: PostmanItem): number {
  return Array.isArray(item.item) ? item.item.reduce((n, i) => n + requestCount(i), 0) : item.request ? 1 : 0;
}

function entryFacts(entry: PostmanItem): Facts {
  const facts = eventFacts([]);
  const visit = (item: PostmanItem): void => {
    merge(facts, eventFacts(item.event));
    if (Array.isArray(item.item)) item.item.forEach(visit);
    else if (item.request) {
      for (const name of referencedVariables(item.request)) facts.reads.add(name);
      if (!READS_ONLY.has(methodOf(item.request))) facts.writes = true;
    }
  };
  visit(entry);
  const tag = Array.isArray(entry.item) ? tagOf(entry.description) : undefined;
  return { ...facts, ...(tag ? { tag } : {}) };
}

function eventFacts(events: PostmanEvent[] | undefined): Facts {
  const facts: Facts = { sets: new Set(), reads: new Set(), order: false, writes: false, iteration: false };
  for (const e of events ?? []) {
    if (e.disabled) continue;
    const code = scriptText(e.script);
    if (!code.trim()) continue;
    // Collections repeat their scripts (the same test on every request): each text is read once.
    let known = scriptFactsSeen.get(code);
    if (!known) {
      known = scriptFacts(code);
      if (scriptFactsSeen.size >= 1000) scriptFactsSeen.clear();
      scriptFactsSeen.set(code, known);
    }
    merge(facts, known);
  }
  return facts;
}

/** Facts by script text, for the life of the process (cleared past 1,000 texts). */
const scriptFactsSeen = new Map<string, Facts>();

function scriptFacts(code: string): Facts {
  const facts: Facts = { sets: new Set(), reads: new Set(), order: false, writes: false, iteration: false };
  if (ORDER.test(code)) facts.order = true;
  if (COOKIE_JAR.test(code)) facts.writes = true;
  if (ITERATION.test(code)) facts.iteration = true;
  for (const m of code.matchAll(SCOPE_SET)) facts.sets.add(m[1] === 'clear' ? ANY : literal(m[2]!));
  for (const m of code.matchAll(LEGACY_SET)) facts.sets.add(literal(m[1]!));
  for (const m of code.matchAll(SCOPE_GET)) {
    if (m[1] === 'toObject') facts.reads.add(ANY);
    else if (m[1] !== 'replaceIn') facts.reads.add(literal(m[2]!));
  }
  for (const m of code.matchAll(LEGACY_GET)) facts.reads.add(literal(m[1]!));
  for (const m of code.matchAll(TEMPLATE)) facts.reads.add(m[1]!);
  return facts;
}

/** A quoted name, or `*` for a name the script computes. */
function literal(argument: string): string {
  const m = /^\s*(["'`])([^"'`$]*)\1\s*$/.exec(argument);
  return m ? m[2]! : ANY;
}

function merge(into: Facts, from: Facts): void {
  for (const n of from.sets) into.sets.add(n);
  for (const n of from.reads) into.reads.add(n);
  into.order ||= from.order;
  into.writes ||= from.writes;
  into.iteration ||= from.iteration;
}

function tagOf(description: unknown): 'parallel' | 'sequential' | undefined {
  const text = typeof description === 'string' ? description : (description as { content?: unknown } | undefined)?.content;
  if (typeof text !== 'string') return undefined;
  return TAG.exec(text)?.[1]?.toLowerCase() as 'parallel' | 'sequential' | undefined;
}

function variableOff(json: PostmanCollection): boolean {
  return (json.variable ?? []).some((v) => v.key === 'jamfContractParallel' && !v.disabled && String(v.value).trim().toLowerCase() === 'false');
}
