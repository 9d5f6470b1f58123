/**
 * `run --dry-run`: what a run would do with each request, worked out without sending any.
 * The collection is prepared exactly as a run prepares it (server variables, auth, the
 * read-only guard's first pass, unresolved variables); each URL is resolved with Postman's
 * own variable substitution from the scopes known before the run (globals, collection
 * variables, environment and `--var`s, the first data row). Scripts do not run, so what they
 * would change is flagged, not guessed: at run time the guard judges what they really send.
 */
import { createRequire } from 'node:module';
import type { AuthScheme, Credentials, AuthMode } from '../auth/session.ts';
import { loadCollections } from '../load/collection.ts';
import { loadEnvironment } from '../load/environment.ts';
import { loadIterationData } from '../load/iteration-data.ts';
import { selectFolders } from '../load/select.ts';
import { selectShard, type ShardSpec } from '../load/shard.ts';
import { serverFromEnvironment, stripSlash } from '../resolve/conventions.ts';
import { splitServerCredentials } from '../resolve/server-url.ts';
import { variablesSetByScripts } from '../resolve/variables.ts';
import { prepareEngine } from '../engine-patches/index.ts';
import { Redactor } from '../secrets.ts';
import { originOf } from '../wire/credential-scope.ts';
import { judge, type GuardPolicy } from '../wire/guard/index.ts';
import { prepareCollection, type PlannedItem } from './prepare.ts';

const require = createRequire(import.meta.url);

export type DryRunAction = 'send' | 'hold back' | 'skip';

export interface DryRunEntry {
  collection: string;
  folders: string[];
  itemName: string;
  method: string;
  /** Resolved as far as it can be before the run, redacted. */
  url: string;
  action: DryRunAction;
  /** Why it is held back or skipped, or what may change it. */
  reason?: string;
}

export interface DryRunPlan {
  server: string;
  collections: string[];
  iterations: number;
  policy: GuardPolicy;
  entries: DryRunEntry[];
}

export interface DryRunOptions {
  collections: string[];
  folders?: string[];
  excludeFolders?: string[];
  shard?: ShardSpec;
  /** When absent, worked out from the environment file as a run does. */
  serverUrl?: string;
  envFile?: string;
  vars?: Record<string, string>;
  credentials: Credentials;
  auth?: AuthMode;
  iterations?: number;
  iterationDataFile?: string;
  allowWrites?: boolean;
  allowDestructive?: boolean;
  redactor?: Redactor;
}

export async function planRun(options: DryRunOptions): Promise<DryRunPlan> {
  const redactor = options.redactor ?? new Redactor();
  const loaded = selectShard(selectFolders(await loadCollections(options.collections), { include: options.folders ?? [], exclude: options.excludeFolders ?? [] }), options.shard).collections;
  const env = options.envFile ? await loadEnvironment(options.envFile) : undefined;
  for (const key of env?.secretKeys ?? []) redactor.add(env?.values[key]);
  const data = options.iterationDataFile ? await loadIterationData(options.iterationDataFile) : undefined;
  const split = splitServerCredentials(options.serverUrl ?? serverFromEnvironment(loaded, { ...env?.values, ...options.vars }));
  redactor.add(split.password).addBasic(split.username, split.password);
  const serverUrl = stripSlash(split.url);
  const serverOrigin = originOf(serverUrl);
  const policy: GuardPolicy = { allowWrites: options.allowWrites ?? false, allowDestructive: options.allowDestructive ?? false };
  const session = { scheme: plannedScheme(options.auth ?? 'auto', { ...options.credentials, ...(split.username ? { username: split.username } : {}) }), tokenRequests: () => 0, close: async () => undefined };
  prepareEngine('postman-collection');
  const { VariableScope, Url } = require('postman-collection') as {
    VariableScope: new (d: { values: Array<{ key: string; value: unknown }> }) => { replaceIn(text: string): string };
    Url: new (source: unknown) => { toString(): string };
  };
  // Postman's own URL model: path variables (`:id`) are filled from the request's `url.variable`.
  const written = (item: PlannedItem): string => new Url(item.urlSource).toString();
  const entries: DryRunEntry[] = [];
  for (const c of loaded) {
    const prepared = prepareCollection(c, {
      serverUrl,
      session,
      environment: env?.values ?? {},
      vars: options.vars ?? {},
      allowWrites: policy.allowWrites,
      allowDestructive: policy.allowDestructive,
      unresolved: 'skip',
      ...(data ? { dataVariables: [...new Set(data.flatMap((row) => Object.keys(row)))] } : {}),
    });
    // Postman's precedence, lowest first: collection variables, environment, data.
    const values = { ...prepared.collectionVariables, ...prepared.environment, ...(data?.[0] ?? {}) };
    const scope = new VariableScope({ values: Object.entries(values).map(([key, value]) => ({ key, value })) });
    const setByScripts = variablesSetByScripts(c.json);
    for (const item of prepared.plan) entries.push(elsewhere(entryFor(prepared.name, { ...item, url: written(item) }, scope, policy, redactor, setByScripts), scope.replaceIn(written(item)), serverOrigin));
  }
  return { server: serverUrl, collections: loaded.map((c) => c.name), iterations: options.iterations ?? data?.length ?? 1, policy, entries };
}

/** A request sent to another host goes without the server's token (wire/credential-scope.ts): the dry run says so. */
function elsewhere(entry: DryRunEntry, url: string, serverOrigin: string | undefined): DryRunEntry {
  if (entry.action !== 'send' || serverOrigin === undefined) return entry;
  const origin = originOf(url);
  if (origin === undefined || origin === serverOrigin) return entry;
  const note = `another host (${origin}): the Jamf server's token and credentials are not sent there`;
  return { ...entry, reason: entry.reason ? `${entry.reason}; ${note}` : note };
}

function entryFor(
  collection: string,
  item: PlannedItem,
  scope: { replaceIn(text: string): string },
  policy: GuardPolicy,
  redactor: Redactor,
  setByScripts: ReadonlySet<string>,
): DryRunEntry {
  const url = scope.replaceIn(item.url);
  const headers = item.headers.map((h) => ({ key: h.key, value: scope.replaceIn(String(h.value ?? '')) }));
  const base = { collection, folders: item.folders, itemName: item.itemName, method: item.method, url: redactor.redact(url) };
  if (item.held) return { ...base, action: 'hold back', reason: item.held.detail };
  // Judged again with the variables filled in: `DELETE {{url}}/JSSResource/{{kind}}/id/1` may only now show what it deletes.
  const judged = judge(policy, { method: item.method, url, headers });
  if (!judged.allowed) return { ...base, action: 'hold back', reason: `${judged.verdict.why ?? judged.verdict.class}; needs ${judged.needs}` };
  const still = (item.unknown ?? []).filter((name) => url.includes(`{{${name}}}`) || headers.some((h) => h.value.includes(`{{${name}}}`)));
  const names = still.map((n) => `{{${n}}}`).join(', ');
  if (still.length > 0 && still.every((n) => setByScripts.has(n))) {
    return { ...base, action: 'send', reason: `uses ${names}, which a script sets earlier in the run (skipped if it has not by then)` };
  }
  if (still.length > 0) return { ...base, action: 'skip', reason: `needs ${names}: nothing defines it (--var ${still[0]}=… or an environment file)` };
  return { ...base, action: 'send', ...(item.scripted ? { reason: 'its pre-request scripts may change it; the guard judges what they send' } : {}) };
}

function plannedScheme(mode: AuthMode, c: Credentials): AuthScheme {
  if (mode !== 'auto') return mode;
  if (c.clientId) return 'client-credentials';
  if (c.username) return 'user';
  return 'none';
}
