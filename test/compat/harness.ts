/**
 * Runs one compatibility case with newman (in this process, through its library API) and
 * with jamf-contract (`runCollections`, the library the CLI is a shell over) against the
 * same echo server, and reduces each run to what the two must agree on: the requests as
 * the server received them (method, URL, chosen headers, body), the assertions in order
 * with their outcome, script errors, and console lines.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunOptions } from '../../src/execute/run.ts';
import type { RequestResult } from '../../src/result.ts';
import { runCaptured } from '../helpers/run.ts';
import type { EchoServer, Received } from './echo-server.ts';

const require = createRequire(import.meta.url);
const newman = require('newman') as { run(options: Record<string, unknown>, cb: (err: Error | null, summary: unknown) => void): NodeJS.EventEmitter };

export const COLLECTIONS = join(dirname(fileURLToPath(import.meta.url)), 'collections');

/** A file in `test/compat/collections`. */
export const fixture = (name: string): string => join(COLLECTIONS, name);

export interface CompatCase {
  collection: string;
  environment?: string;
  globals?: string;
  data?: string;
  iterations?: number;
  /** Options for both tools, in newman's terms. */
  workingDir?: string;
  insecureFileRead?: boolean;
  ignoreRedirects?: boolean;
  timeoutScript?: number;
  /** jamf-contract only: its read-only and unresolved defaults, left as they are. */
  jamfDefaults?: boolean;
  /** jamf-contract only: more run options. */
  jamf?: Partial<RunOptions>;
  /** newman only: more run options (its own spelling). */
  newman?: Record<string, unknown>;
  /** Sees the requests exactly as received, before they are reduced to what is compared. */
  onReceived?: (received: Received[]) => void;
}

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface RunView {
  requests: SentRequest[];
  /** `item › assertion → outcome`, in the order the scripts ran them. */
  assertions: string[];
  /** `item: ErrorName` of each script error. */
  scriptErrors: string[];
  /** `level: text` of each console line. */
  console: string[];
  /** newman only: the error its run ended with, when it did not finish. */
  runError?: string;
}

/** Headers that name the tool or a random value per request: not part of what a collection sends. */
const TOOL_HEADERS = new Set(['user-agent', 'postman-token', 'host', 'connection', 'content-length']);

export async function viaNewman(server: EchoServer, c: CompatCase): Promise<RunView> {
  server.take();
  const view: RunView = { requests: [], assertions: [], scriptErrors: [], console: [] };
  let lastEvent = Date.now();
  await new Promise<void>((resolve) => {
    const emitter = newman.run(
      {
        collection: c.collection,
        ...(c.environment ? { environment: c.environment } : {}),
        ...(c.globals ? { globals: c.globals } : {}),
        ...(c.data ? { iterationData: c.data } : {}),
        ...(c.iterations ? { iterationCount: c.iterations } : {}),
        ...(c.workingDir ? { workingDir: c.workingDir } : {}),
        // newman's own default reads files anywhere; the cases say so when they need it.
        insecureFileRead: c.insecureFileRead ?? false,
        ...(c.ignoreRedirects ? { ignoreRedirects: true } : {}),
        ...(c.timeoutScript ? { timeoutScript: c.timeoutScript } : {}),
        envVar: [{ key: 'url', value: server.url }],
        reporters: [],
        ...c.newman,
      },
      (err) => {
        if (!err) return resolve();
        view.runError = err.message;
        // newman calls back with a run error while its engine goes on with the next items: wait for them.
        void quiet(() => lastEvent).then(resolve);
      },
    );
    emitter.on('item', () => (lastEvent = Date.now()));
    emitter.on('request', () => (lastEvent = Date.now()));
    emitter.on('assertion', (_err: unknown, a: { assertion: string; skipped?: boolean; error?: { message?: string }; item: { name: string } }) => {
      view.assertions.push(assertionLine(a.item.name, a.assertion, a.skipped ? 'skipped' : a.error ? 'failed' : 'passed', a.error?.message));
    });
    emitter.on('exception', (_err: unknown, e: { cursor: { ref: string }; error: { name?: string } }) => {
      view.scriptErrors.push(String(e.error?.name ?? 'Error'));
    });
    emitter.on('console', (_err: unknown, line: { level: string; messages: unknown[] }) => {
      view.console.push(`${line.level}: ${line.messages.map(formatArg).join(' ')}`);
    });
  });
  view.requests = received(server, c).map(normalise);
  view.console = view.console.filter(fromCollection);
  return view;
}

export async function viaJamfContract(server: EchoServer, c: CompatCase): Promise<RunView & { results: RequestResult[] }> {
  server.take();
  const { results, console } = await runCaptured({
    collections: [c.collection],
    serverUrl: server.url,
    credentials: {},
    auth: 'none',
    vars: { url: server.url },
    ...(c.jamfDefaults ? {} : { unresolved: 'send' as const, allowWrites: true, allowDestructive: true }),
    ...(c.environment ? { envFile: c.environment } : {}),
    ...(c.globals ? { globalsFile: c.globals } : {}),
    ...(c.data ? { iterationDataFile: c.data } : {}),
    ...(c.iterations ? { iterations: c.iterations } : {}),
    ...(c.workingDir ? { workingDir: c.workingDir } : {}),
    ...(c.insecureFileRead ? { insecureFileRead: true } : {}),
    ...(c.ignoreRedirects ? { followRedirects: false } : {}),
    ...(c.timeoutScript ? { scriptTimeoutMs: c.timeoutScript } : {}),
    ...c.jamf,
  });
  return {
    requests: received(server, c).map(normalise),
    assertions: results.flatMap((r) => r.tests.map((t) => assertionLine(r.itemName, t.name, t.skipped ? 'skipped' : t.passed ? 'passed' : 'failed', t.error))),
    scriptErrors: results.flatMap((r) => r.scriptErrors.map((e) => e.slice(0, e.indexOf(':')))),
    console: console.map((l) => `${l.level}: ${l.message}`).filter(fromCollection),
    results,
  };
}

function received(server: EchoServer, c: CompatCase): Received[] {
  const taken = server.take();
  c.onReceived?.(taken);
  return taken;
}

/** Resolves once no newman event came for a second (at most 15 s). */
async function quiet(last: () => number): Promise<void> {
  const started = Date.now();
  while (Date.now() - last() < 1_000 && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 100));
}

/** The engine's own deprecation notes for `tests[]`, `environment.x`… are worded differently by each sandbox version. */
function fromCollection(line: string): boolean {
  return !/^warn: Using "[^"]+" is deprecated/.test(line);
}

function assertionLine(item: string, name: string, outcome: Outcome, error?: string): string {
  // A failure message may quote a multipart body: its boundary is random.
  const why = error?.replace(/-{20,}\d+/g, '<boundary>');
  return `${item} › ${name} → ${outcome}${outcome === 'failed' && why ? ` (${why})` : ''}`;
}

/** The request as a collection author wrote it: the tool's own headers out, multipart boundaries and digest nonces fixed. */
export function normalise(r: Received): SentRequest {
  const type = r.headers['content-type'] ?? '';
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  const fixed = (text: string): string => (boundary ? text.split(boundary).join('BOUNDARY') : text).replace(UUID, '<uuid>').replace(ISSUED, '<issued token>');
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(r.headers)) {
    if (TOOL_HEADERS.has(key)) continue;
    let v = fixed(value);
    // A digest answer carries the client's random nonce; the server checked it (401 otherwise).
    if (key === 'authorization' && v.startsWith('Digest ')) v = v.replace(/(cnonce|response)="[^"]*"/g, '$1="…"');
    headers[key] = v;
  }
  return { method: r.method, url: fixed(r.url), headers, body: bodyText(r.body, fixed) };
}

/** Text bodies as text; anything that is not UTF-8 as base64 (every byte still compared). */
function bodyText(body: Buffer, fixed: (text: string) => string): string {
  try {
    return fixed(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return `base64:${Buffer.from(fixed(body.toString('latin1')), 'latin1').toString('base64')}`;
  }
}

/** `{{$guid}}`, `uuid.v4()`: random per run. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Tokens the echo server's `/api/oauth/token` issued (it refuses any other). */
const ISSUED = /issued-\d+-[a-z0-9]+/g;

function formatArg(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(arg);
  } catch {
    return String(arg);
  }
}
