/**
 * The doctor's one result type: a list of checks, each with a status, what was found and
 * what to do about it. The text and JSON outputs are both functions of a `DoctorReport`.
 */
import type { AuthMode, AuthScheme, AuthSession, Credentials } from '../auth/session.ts';
import type { HttpClient, TlsOptions } from '../wire/http.ts';
import type { LoadedCollection } from '../load/collection.ts';
import type { Redactor } from '../secrets.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export type CheckId =
  | 'connect'
  | 'schemes'
  | 'token'
  | 'claims'
  | 'scope-drift'
  | 'privileges'
  | 'affinity'
  | 'clock';

export interface DoctorCheck {
  id: CheckId;
  status: CheckStatus;
  title: string;
  /** What was found, in a sentence or two. Never a token or a secret. */
  detail: string;
  /** What to do about a `warn` or `fail`. */
  remedy?: string;
  /** Facts for scripts (`--json`), e.g. the requests that will 403 grouped by privilege. */
  data?: Record<string, unknown>;
}

export interface DoctorReport {
  server: string;
  /** The embedded simulator was checked (no server was configured). */
  embedded?: boolean;
  jamfVersion?: string;
  /** The scheme a run would use. */
  scheme?: AuthScheme;
  /** True when nothing failed: a run could proceed. */
  canRun: boolean;
  checks: DoctorCheck[];
  generatedAt: string;
}

export interface DoctorOptions {
  serverUrl: string;
  credentials: Credentials;
  auth?: AuthMode;
  tls?: TlsOptions;
  /** Collection files or folders whose requests the privilege preflight checks. */
  collections?: string[];
  /** Collections already loaded (the runner's), used instead of `collections`. */
  loadedCollections?: LoadedCollection[];
  redactor?: Redactor;
  /** An HttpClient to share (the run's, with its cookie jar); one is made when absent. */
  http?: HttpClient;
  /** The run's open auth session: its token is checked instead of asking for another (`run --preflight`). */
  session?: AuthSession;
  /** Cache folder for the server's `/api/schema` (real servers); without it the schema is fetched fresh. */
  specCacheDir?: string;
  embedded?: boolean;
  /** As the run's flags: without them writes and destructive requests are not sent, so not checked. */
  allowWrites?: boolean;
  allowDestructive?: boolean;
  /** Checks to leave out (reported as `skip`), e.g. `['affinity']` for a preflight that should not ask for extra tokens. */
  leaveOut?: CheckId[];
  /** Local clock, for the clock-skew check (tests). */
  now?: () => number;
}

/** What the checks learn and hand on to the next ones. */
export interface DoctorContext {
  options: DoctorOptions;
  serverUrl: string;
  http: HttpClient;
  redactor: Redactor;
  now: () => number;
  checks: DoctorCheck[];
  jamfVersion?: string;
  scheme?: AuthScheme;
}

export function add(ctx: DoctorContext, check: DoctorCheck): DoctorCheck {
  ctx.checks.push(check);
  return check;
}

export function skip(ctx: DoctorContext, id: CheckId, title: string, detail: string): void {
  add(ctx, { id, status: 'skip', title, detail });
}
