/**
 * The one result type between stages. The runner produces these; the contract checker
 * adds findings to them; every reporter is a function of them. Nothing here holds a
 * response body: results stay small so long runs stay flat in memory.
 */

/** A kind of contract finding, each counted and tolerated separately. */
export type FindingKind =
  | 'undocumented-operation'
  | 'undocumented-status'
  | 'content-type'
  | 'schema'
  | 'null-in-non-nullable'
  | 'missing-header'
  | 'deprecated'
  | 'validator-unavailable';

/** `violation` fails a run (with `--fail-on violation`); `warning` and `info` never do by default. */
export type Severity = 'violation' | 'warning' | 'info';

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  message: string;
  /** JSON pointer into the response body, for body findings. */
  pointer?: string;
  expected?: unknown;
  actual?: unknown;
  /** For body findings: the part of the response schema that failed, shortened to a few hundred characters. */
  schema?: unknown;
  /** `GET /v1/computers-inventory`: the operation the response was matched to. */
  operation?: string;
  /** Set when `--tolerate` covers it: then its severity is `info` and it never fails a run. */
  tolerated?: true;
}

export interface AssertionResult {
  name: string;
  passed: boolean;
  skipped?: boolean;
  /** The assertion's error message (already redacted). */
  error?: string;
}

export type SkipReason =
  | 'read-only'
  | 'destructive'
  | 'unresolved-variables'
  | 'skipped-by-script';

export interface Skip {
  reason: SkipReason;
  detail: string;
  /** For `unresolved-variables`: every variable name the request still lacks. */
  variables?: string[];
}

/**
 * A request the read-only guard stopped at the wire: judged from the method and URL as they
 * were about to be sent (after variables, scripts and auth), it never left the process.
 */
export interface HeldBack {
  /** `item`: the collection request itself; `script`: a `pm.sendRequest` from one of its scripts. */
  source: 'item' | 'script';
  /** The method as it would have been sent (upper case). */
  method: string;
  /** The URL as it would have been sent, redacted. */
  url: string;
  class: 'write' | 'destructive';
  /** Why the guard judged it so, e.g. `deleting a computer`. */
  why: string;
  /** The flags that would let it through: `--allow-writes`, or `--allow-writes --allow-destructive`. */
  needs: string;
}

/** Why a 401 survived the one replay with a fresh token. */
export type AuthFailureKind =
  | 'secret-rotated'
  | 'client-disabled'
  | 'basic-auth-disabled'
  | 'basic-not-accepted'
  | 'token-rejected'
  | 'bad-credentials';

export interface RequestResult {
  /** Position in the run, from 0. */
  index: number;
  collection: string;
  iteration: number;
  /** Folder names from the collection root to the item. */
  folders: string[];
  itemId: string;
  itemName: string;
  method: string;
  /** The URL as sent (or as it would have been), redacted. */
  url: string;
  response?: {
    status: number;
    statusText: string;
    contentType?: string;
    timeMs: number;
    sizeBytes: number;
  };
  tests: AssertionResult[];
  findings: Finding[];
  /**
   * The request could not be made or was not answered (network, TLS, auth, timeout): an
   * error, not a failure. `sent` is true when the request reached the wire (a `TIMEOUT`, a
   * reset mid-answer): a write may then have been applied.
   */
  error?: { code: string; message: string; sent?: boolean };
  /** Why the item's test scripts did not run (e.g. no response), when they did not. */
  testsNotRun?: string;
  skipped?: Skip;
  /** `pm.sendRequest` calls from this item's scripts that the read-only guard stopped. */
  heldBack?: HeldBack[];
  /** Variables this request was sent with unresolved (`--unresolved send`): their `{{name}}` text went out as written. */
  unresolved?: string[];
  /** Times a read answered 429/502/503/504 was sent again (the response is the last attempt's). */
  retries?: number;
  /** Set when a 401 was replayed once with a fresh token. */
  authReplay?: { replayed: true; finalStatus: number; classification?: AuthFailureKind };
  /** Script errors (top-level throws) from pre-request or test scripts, redacted. */
  scriptErrors: string[];
  /** The OpenAPI operation the request matched, e.g. `GET /v1/buildings/{id}`. */
  operation?: string;
  /**
   * Shape signature of the response body, for baselines: path (`/results/[]/id`, array
   * elements as `[]`) → JSON type(s) joined by `|` (`string|null`). Values are never kept.
   */
  bodyShape?: Record<string, string>;
  /** In merged reports of several servers (`run --fleet`, `merge`): the server's name. */
  server?: string;
}

export type NoticeLevel = 'info' | 'warning';

/** Something the run did on the user's behalf that the report must say. */
export interface Notice {
  level: NoticeLevel;
  code: string;
  message: string;
}

export interface RunCounts {
  requests: number;
  sent: number;
  skipped: number;
  errored: number;
  testsPassed: number;
  testsFailed: number;
  /** Top-level throws in pre-request or test scripts: they fail the run like a failed test. */
  scriptErrors: number;
  violations: number;
  warnings: number;
  /** Requests the read-only guard stopped, items and `pm.sendRequest` calls alike. */
  heldBack: number;
}

export interface RunInfo {
  startedAt: string;
  /** Server base URL (no credentials). */
  server: string;
  jamfVersion?: string;
  authScheme?: string;
  collections: string[];
  iterations: number;
  /**
   * Results the run expects to report (items × iterations, skipped ones included), when the
   * runner knows it up front: progress shows a percentage and an ETA against it.
   */
  plannedRequests?: number;
  /**
   * Fingerprint of the requests the run was asked for (collections, folders, requests),
   * before `--shard` took its part: shards and fleet members of one suite share it, and
   * `merge` refuses reports whose fingerprints differ.
   */
  suite?: string;
  /** `run --shard K/N`: which part of the suite this run was. */
  shard?: ShardInfo;
  /** `run --fleet`: the server's name in the fleet file. */
  serverName?: string;
}

/** One part of a sharded run (`--shard K/N`). */
export interface ShardInfo {
  /** From 1. */
  index: number;
  total: number;
  /** Balanced by request count, or by the times an earlier report measured (`--shard-timings`). */
  by: 'requests' | 'time';
  /** Requests (per iteration) in this part, and in the whole suite. */
  requests: number;
  suiteRequests: number;
}

/**
 * Why a run ended before its last request: a signal (SIGINT/SIGTERM: `interrupted`) or a
 * tool failure mid-run (`error`, e.g. the token endpoint refusing the client in the second
 * collection). The summary then holds everything that did run.
 */
export interface RunStop {
  kind: 'interrupted' | 'error';
  code: string;
  message: string;
  signal?: 'SIGINT' | 'SIGTERM';
}

export interface RunSummary extends RunInfo {
  finishedAt: string;
  durationMs: number;
  counts: RunCounts;
  /** Per folder path (`Collection / Folder / Sub`), the same counts. */
  folders: Record<string, RunCounts>;
  notices: Notice[];
  /** Token endpoint calls made by the run, per server + client. */
  tokenRequests: number;
  /** Filled by the contract checker when it ran. */
  coverage?: unknown;
  /** Set when the run ended early; reporters must show it (JUnit `<error>`, JSON `interrupted`). */
  stopped?: RunStop;
  /** How the run paced itself (`--parallel`): present when it ran more than one request at a time or the server pushed back. */
  pacing?: PacingSummary;
  /** Set on a report made by merging others (`merge`, `run --fleet`). */
  merged?: MergeInfo;
}

/** Adaptive pacing over a run: how many requests it allowed in flight, and what made it send fewer. */
export interface PacingSummary {
  /** `--parallel`: the most requests in flight. */
  parallel: number;
  /** The fewest it came down to. */
  lowest: number;
  /** Times it sent fewer at once. */
  reductions: number;
  /** Answers 429 or 503. */
  throttled: number;
  /** Times answers were much slower than usual. */
  slow: number;
  /** Engine runs the collections were cut into (independent folders, requests, iterations). */
  parts?: number;
  /** Collections that ran in order all the same, and why (docs/parallel.md). */
  inOrder?: Array<{ collection: string; because: string }>;
}

/** What a merged report was made of. */
export interface MergeInfo {
  /** Each report merged, in the order merged. */
  reports: MergedReport[];
  /** The worst exit code of the reports merged (and 3 when shards are missing). */
  exitCode: number;
  /** Contract findings once per kind, operation and JSON pointer, with how often and where they occurred. */
  findings: UniqueFinding[];
  /** Shards of a sharded suite that no report covers, as `K/N` (per server when several). */
  missingShards: string[];
}

export interface MergedReport {
  /** The report file as given. */
  file: string;
  /** The server's name (fleet) or host. */
  server: string;
  shard?: { index: number; total: number };
  jamfVersion?: string;
  exitCode: number;
  counts: RunCounts;
  durationMs: number;
  stopped?: RunStop;
}

export interface UniqueFinding {
  kind: FindingKind;
  /** The worst severity it was reported with. */
  severity: Severity;
  operation: string;
  pointer?: string;
  /** The first message seen. */
  message: string;
  count: number;
  /** Servers it occurred on (names or hosts), sorted. */
  servers: string[];
}

export interface ConsoleLine {
  level: string;
  message: string;
  itemName?: string;
}

/** Reporters consume a run as it goes. `onRequest` may be called thousands of times. */
export interface Reporter {
  name: string;
  onStart?(info: RunInfo): void;
  onRequest?(result: RequestResult): void;
  /** A `console.*` line printed by a collection script, already redacted. */
  onConsole?(line: ConsoleLine): void;
  /** Writes the report; files are written atomically here, never half-written. */
  onEnd?(summary: RunSummary): Promise<void> | void;
  /** The run was aborted by a tool failure: remove or never create partial files. */
  onAbort?(error: Error): Promise<void> | void;
}

export function emptyCounts(): RunCounts {
  return { requests: 0, sent: 0, skipped: 0, errored: 0, testsPassed: 0, testsFailed: 0, scriptErrors: 0, violations: 0, warnings: 0, heldBack: 0 };
}

/** Adds one request's outcome to a counts object. */
export function addToCounts(counts: RunCounts, r: RequestResult): void {
  counts.requests += 1;
  if (r.skipped) counts.skipped += 1;
  else if (r.error) counts.errored += 1;
  else counts.sent += 1;
  for (const t of r.tests) {
    if (t.skipped) continue;
    if (t.passed) counts.testsPassed += 1;
    else counts.testsFailed += 1;
  }
  counts.scriptErrors += r.scriptErrors.length;
  if (r.skipped?.reason === 'read-only' || r.skipped?.reason === 'destructive') counts.heldBack += 1;
  counts.heldBack += r.heldBack?.length ?? 0;
  for (const f of r.findings) {
    if (f.severity === 'violation') counts.violations += 1;
    else if (f.severity === 'warning') counts.warnings += 1;
  }
}

/**
 * A run that had requests to make and sent none of them (every one skipped or held back)
 * checked nothing: it does not pass (exit 3, "could not run"), whatever else it counted. One
 * shard of a suite is not judged so (its part may hold only requests that skip); the merged
 * report judges the suite's counts.
 */
export function sentNothing(run: { counts: RunCounts; shard?: unknown }): boolean {
  return run.shard === undefined && run.counts.requests > 0 && run.counts.sent === 0;
}
