/**
 * Turning a loaded collection into the run's private copy: server variables filled,
 * auth routed through the session, writes held back, unresolved variables guarded.
 */
import { rewriteAuth } from '../auth/collection-auth.ts';
import type { AuthSession } from '../auth/session.ts';
import { JamfContractError } from '../errors.ts';
import { escapeRegExp } from '../regexp.ts';
import type { LoadedCollection } from '../load/collection.ts';
import type { PostmanItem, PostmanUrlObject } from '../load/postman-types.ts';
import { scriptText, walkItems } from '../load/postman-types.ts';
import type { Notice, Skip } from '../result.ts';
import { detectServerVariables, serverVariableValues } from '../resolve/conventions.ts';
import { methodOf, rawUrl } from '../resolve/url-text.ts';
import { findUnknownVariables, variablesSetByScripts } from '../resolve/variables.ts';
import type { UnresolvedMode } from './gate.ts';
import { describeHeld, judge, type GuardPolicy } from '../wire/guard/index.ts';

export interface StaticSkip {
  itemId: string;
  itemName: string;
  folders: string[];
  method: string;
  url: string;
  skip: Skip;
}

/** A request of the collection as written, in run order, with what the run will do with it (for `--dry-run`). */
export interface PlannedItem {
  itemId: string;
  itemName: string;
  folders: string[];
  method: string;
  /** The URL as written, variables in place. */
  url: string;
  /** The URL as the collection stores it (string or object, path variables included). */
  urlSource: string | PostmanUrlObject;
  headers: Array<{ key: string; value?: unknown }>;
  /** Held back before the run starts (its method and URL as written are a write). */
  held?: StaticSkip['skip'];
  /** Variables nothing defines before the run; scripts may still set them. */
  unknown?: string[];
  /** It has pre-request scripts of its own or inherited: they may change what is sent. */
  scripted: boolean;
}

export interface PreparedCollection {
  name: string;
  file: string;
  json: LoadedCollection['json'];
  environment: Record<string, string>;
  tokenVariables: string[];
  /** Held-back requests, keyed by the id of the next request that does run ('' = at the end). */
  skipsBefore: Map<string, StaticSkip[]>;
  runnable: number;
  notices: Notice[];
  /** Every request as written, in order, with the run's decision (before scripts run). */
  plan: PlannedItem[];
  /** Collection variables, for resolving URLs in a plan. */
  collectionVariables: Record<string, string>;
}

export interface PrepareOptions {
  serverUrl: string;
  session: AuthSession;
  /** The user's environment file values, then `--var`s (which win). */
  environment: Record<string, string>;
  vars: Record<string, string>;
  globals?: Record<string, string>;
  /** Names of the iteration data columns: defined in every iteration. */
  dataVariables?: string[];
  allowWrites: boolean;
  allowDestructive: boolean;
  /** `fail`: refuse the run when requests use variables that nothing defines and no script sets. */
  unresolved: UnresolvedMode;
}

export function prepareCollection(loaded: LoadedCollection, options: PrepareOptions): PreparedCollection {
  const json = structuredClone(loaded.json);
  const notices: Notice[] = [];
  let n = 0;
  for (const { item } of walkItems(json.item)) item.id ??= `jc-item-${++n}`;

  const serverVars = detectServerVariables(json);
  const serverValues = serverVariableValues(serverVars, options.serverUrl);
  if (serverVars.length > 0) {
    notices.push({
      level: 'info',
      code: 'SERVER_VARIABLES',
      message: `${loaded.name}: ${serverVars.map((v) => `{{${v.name}}} = ${serverValues[v.name]}`).join(', ')}`,
    });
  }
  rewriteSchemes(json.item, serverVars, options.serverUrl, notices, loaded.name);
  const environment = { ...options.environment, ...serverValues, ...options.vars };
  const auth = rewriteAuth(json, options.session, loaded.name);
  notices.push(...auth.notices);

  const known = new Set([
    ...Object.keys(environment),
    ...Object.keys(options.globals ?? {}),
    ...(options.dataVariables ?? []),
    ...(json.variable ?? []).filter((v) => !v.disabled).map((v) => v.key),
    ...auth.tokenVariables,
  ]);
  const unknown = findUnknownVariables(json, known);
  if (options.unresolved === 'fail' && unknown.length > 0) {
    const setByScripts = variablesSetByScripts(json);
    const never = unknown.filter((u) => u.names.some((name) => !setByScripts.has(name)));
    if (never.length > 0) throw strictError(loaded.name, never, setByScripts);
  }
  // What is still unresolved when a request is about to be sent is decided at the wire (gate.ts).
  const plan = planOf(json, unknown);

  const { skipsBefore, runnable } = holdBackWrites(json.item, options);
  const held = new Map([...skipsBefore.values()].flat().map((s) => [s.itemId, s.skip]));
  for (const p of plan) if (held.has(p.itemId)) p.held = held.get(p.itemId);
  const collectionVariables = Object.fromEntries((json.variable ?? []).filter((v) => !v.disabled && v.enabled !== false).map((v) => [v.key, String(v.value ?? '')]));
  return { name: loaded.name, file: loaded.file, json, environment, tokenVariables: auth.tokenVariables, skipsBefore, runnable, notices, plan, collectionVariables };
}

function planOf(json: LoadedCollection['json'], unknown: ReturnType<typeof findUnknownVariables>): PlannedItem[] {
  const missing = new Map(unknown.map((u) => [u.item, u.names]));
  const collectionScripted = hasPrerequest(json.event);
  const out: PlannedItem[] = [];
  const walk = (items: PostmanItem[], folders: string[], scripted: boolean): void => {
    for (const item of items) {
      const own = scripted || hasPrerequest(item.event);
      if (Array.isArray(item.item)) {
        walk(item.item, [...folders, item.name ?? ''], own);
        continue;
      }
      if (!item.request) continue;
      const names = missing.get(item);
      out.push({
        itemId: item.id!,
        itemName: item.name ?? '',
        folders,
        method: methodOf(item.request),
        url: rawUrl(item.request),
        urlSource: (typeof item.request === 'string' ? item.request : item.request.url) ?? '',
        headers: headerList(item.request),
        ...(names ? { unknown: names } : {}),
        scripted: own,
      });
    }
  };
  walk(json.item, [], collectionScripted);
  return out;
}

/** Whether any script (collection, folder or request level) has code to run. */
export function hasScripts(json: LoadedCollection['json']): boolean {
  const some = (events: PostmanItem['event']): boolean => (events ?? []).some((e) => !e.disabled && scriptText(e.script).trim() !== '');
  if (some(json.event)) return true;
  const walk = (items: PostmanItem[]): boolean => items.some((item) => some(item.event) || (Array.isArray(item.item) && walk(item.item)));
  return walk(json.item);
}

function hasPrerequest(events: PostmanItem['event']): boolean {
  return (events ?? []).some((e) => e.listen === 'prerequest' && !e.disabled && scriptText(e.script).trim() !== '');
}

/** Removes requests the run may not send, remembering where they stood. */
function holdBackWrites(
  items: PostmanItem[],
  options: PrepareOptions,
): { skipsBefore: Map<string, StaticSkip[]>; runnable: number } {
  const policy: GuardPolicy = { allowWrites: options.allowWrites, allowDestructive: options.allowDestructive };
  const skipsBefore = new Map<string, StaticSkip[]>();
  let waiting: StaticSkip[] = [];
  let runnable = 0;
  const walk = (list: PostmanItem[], folders: string[]): PostmanItem[] =>
    list.flatMap((item) => {
      if (Array.isArray(item.item)) {
        const children = walk(item.item, [...folders, item.name ?? '']);
        return children.length > 0 ? [{ ...item, item: children }] : [];
      }
      if (!item.request) return [];
      const method = methodOf(item.request);
      const url = rawUrl(item.request);
      // The file's own method and URL: a first pass, so held-back items run none of their
      // scripts. The wire guard judges every request again as it is really sent.
      const judged = judge(policy, { method, url, headers: headerList(item.request) });
      if (!judged.allowed) {
        const destructiveSkip = judged.verdict.class === 'destructive';
        waiting.push({
          itemId: item.id!,
          itemName: item.name ?? '',
          folders,
          method: judged.verdict.method,
          url,
          skip: { reason: destructiveSkip ? 'destructive' : 'read-only', detail: describeHeld(judged, url) },
        });
        return [];
      }
      runnable += 1;
      if (waiting.length > 0) {
        skipsBefore.set(item.id!, waiting);
        waiting = [];
      }
      return [item];
    });
  const kept = walk(items, []);
  items.splice(0, items.length, ...kept);
  if (waiting.length > 0) skipsBefore.set('', waiting);
  return { skipsBefore, runnable };
}

function headerList(request: PostmanItem['request']): Array<{ key: string; value?: unknown }> {
  if (!request || typeof request === 'string' || !Array.isArray(request.header)) return [];
  return request.header.filter((h) => !h.disabled);
}

/** `https://{{url}}` against a plain-http server (the simulator): the scheme follows the server. */
function rewriteSchemes(items: PostmanItem[], vars: ReturnType<typeof detectServerVariables>, serverUrl: string, notices: Notice[], name: string): void {
  const scheme = new URL(serverUrl).protocol.replace(':', '');
  const mismatched = vars.filter((v) => v.form === 'host' && v.scheme && v.scheme !== scheme);
  if (mismatched.length === 0) return;
  const pattern = new RegExp(`^https?://(\\{\\{\\s*(?:${mismatched.map((v) => escapeRegExp(v.name)).join('|')})\\s*\\}\\})`, 'i');
  for (const { item } of walkItems(items)) {
    const request = item.request;
    if (!request || typeof request === 'string') continue;
    if (typeof request.url === 'string') request.url = request.url.replace(pattern, `${scheme}://$1`);
    else if (request.url) {
      if (request.url.raw) request.url.raw = request.url.raw.replace(pattern, `${scheme}://$1`);
      if (request.url.protocol) request.url.protocol = scheme;
    }
  }
  notices.push({ level: 'info', code: 'SCHEME_REWRITTEN', message: `${name}: requests written as https://{{…}} sent over ${scheme} to match ${serverUrl}.` });
}

function strictError(name: string, never: ReturnType<typeof findUnknownVariables>, setByScripts: Set<string>): JamfContractError {
  const byName = new Map<string, number>();
  for (const u of never) for (const v of u.names) if (!setByScripts.has(v)) byName.set(v, (byName.get(v) ?? 0) + 1);
  const list = [...byName.entries()].sort((a, b) => b[1] - a[1]).map(([v, c]) => `{{${v}}} (${c} request${c === 1 ? '' : 's'})`);
  return new JamfContractError(
    'VARIABLES_UNRESOLVED',
    `${name}: ${never.length} request(s) use variables nothing defines: ${list.join(', ')}. Define them with --var key=value or an environment file (--env), or drop --unresolved fail to skip those requests.`,
  );
}
