/**
 * A run's gate at the wire (see wire-hook.ts): every request is judged by the read-only
 * guard as it is about to be sent, an item whose token could not be had is not sent, and
 * once the run is stopping (a signal, the client refused) nothing more goes out. What is
 * held back is recorded here, with the method, URL and the flags that would allow it.
 */
import { JamfContractError } from '../errors.ts';
import type { HeldBack, Notice } from '../result.ts';
import { unresolvedIn } from '../resolve/unresolved.ts';
import type { Redactor } from '../secrets.ts';
import { carriedElsewhere, originOf } from '../wire/credential-scope.ts';
import { describeHeld, judge, type GuardPolicy } from '../wire/guard/index.ts';
import type { Admission, Flight, Gate, WireRequest } from './wire-hook.ts';

/** What a held-back request's sender gets: scripts can catch it in their `pm.sendRequest` callback. */
export class HeldBackError extends Error {
  override readonly name = 'HeldBackError';
  constructor(readonly record: HeldBack, message: string) {
    super(message);
  }
}

export function isHeldBack(error: unknown): error is HeldBackError {
  return error instanceof HeldBackError;
}

/** A collection request that still holds `{{variables}}` nothing defined: skipped (`--unresolved skip`). */
export class UnresolvedError extends Error {
  override readonly name = 'UnresolvedError';
  constructor(readonly names: string[]) {
    super(`not sent: it still uses ${names.map((n) => `{{${n}}}`).join(', ')}, which nothing defined by the time it was sent`);
  }
}

export function isUnresolved(error: unknown): error is UnresolvedError {
  return error instanceof UnresolvedError;
}

/** What a collection request with `{{variables}}` nothing defined gets: skipped (safe on staging), sent as written (Postman's way), or skipped in a run that refuses them up front. */
export type UnresolvedMode = 'skip' | 'send' | 'fail';

/** A request the run chose not to send (no token, run stopping): an error of the run, not a held-back write. */
export class NotSentError extends Error {
  override readonly name = 'NotSentError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export function isNotSent(error: unknown): error is NotSentError {
  return error instanceof NotSentError;
}

/**
 * The run's gate: one read-only policy, one `--unresolved` decision and one stop for every
 * engine run of the run. Each engine run passes it through its own lane (`lane()`), which
 * keeps what belongs to the request that engine run is sending: its method, what was held
 * back while it ran, whether its token could be had.
 */
export class RunGate {
  private stopping: NotSentError | undefined;
  /** The server's origin: its credentials go nowhere else (wire/credential-scope.ts). */
  private readonly serverOrigin: string | undefined;
  /** Per other origin: requests sent without the headers that held the server's credentials, and requests not sent. */
  private readonly keptFrom = new Map<string, { stripped: number; headers: Set<string>; notSent: number }>();
  /** While the run is not ready to send (see `hold`): the requests waiting, in arrival order. */
  private waiters: Array<() => void> | undefined;

  constructor(
    private readonly policy: GuardPolicy,
    private readonly redactor: Redactor,
    private readonly unresolved: UnresolvedMode = 'skip',
    /** The run's pacing: every admitted request goes out through it. */
    readonly flight?: Flight,
    /** How long a whole answer may take once it has begun (wire-hook.ts). */
    readonly answerMs?: number,
    /** The Jamf server's URL. */
    server?: string,
  ) {
    this.serverOrigin = server === undefined ? undefined : originOf(server);
  }

  /** A gate for one engine run (parallel runs each have their own); `onFirst` hears when its first request reaches it. */
  lane(onFirst?: () => void): GateLane {
    return new GateLane(this, onFirst);
  }

  /** From now on nothing is sent (the run is stopping); requests waiting for the run to be ready are refused. */
  stop(code: string, message: string): void {
    this.stopping ??= new NotSentError(code, message);
    this.release();
  }

  /**
   * Requests that reach the gate wait, unjudged and unsent, until the returned function is
   * called or the run stops: the engine is set up while the run is not ready to send yet
   * (the version call, the preflight and the contract still being answered).
   */
  hold(): () => void {
    this.waiters ??= [];
    return () => this.release();
  }

  /** @internal While requests must wait: a promise of when this one may go on. */
  waiting(): Promise<void> | undefined {
    const waiters = this.waiters;
    return waiters && new Promise<void>((resolve) => waiters.push(resolve));
  }

  /**
   * Lets the waiting requests go on, one per turn of the event loop (as a run's first units
   * start): the first is on the wire while the next is being made, not after all of them.
   */
  private release(): void {
    const queue = this.waiters;
    this.waiters = undefined;
    const next = (): void => {
      queue?.shift()?.();
      if (queue?.length) setImmediate(next);
    };
    next();
  }

  /** @internal The judgement of one request for `lane`. */
  judgeFor(request: WireRequest, lane: GateLane): Admission {
    if (this.stopping) return { allow: false, error: this.stopping };
    const fromItem = request.source === 'item' && !request.redirectedFrom;
    if (fromItem) {
      const cause = lane.takeWithheld();
      if (cause) return { allow: false, error: new NotSentError(cause.code, `not sent: ${cause.message}`) };
    }
    const missing = fromItem ? unresolvedIn(request) : [];
    if (missing.length > 0 && this.unresolved !== 'send') return { allow: false, error: new UnresolvedError(missing) };
    const judged = judge(this.policy, request);
    if (!judged.allowed) {
      const url = this.redactor.redact(request.url);
      const record: HeldBack = {
        source: request.source === 'script' ? 'script' : 'item',
        method: judged.verdict.method,
        url,
        class: judged.verdict.class === 'destructive' ? 'destructive' : 'write',
        why: judged.verdict.why ?? judged.verdict.class,
        needs: judged.needs ?? '--allow-writes',
      };
      lane.hold(record);
      const where = request.redirectedFrom ? ` (a redirect from ${this.redactor.redact(request.redirectedFrom)})` : '';
      return { allow: false, error: new HeldBackError(record, `jamf-contract held back ${describeHeld(judged, url)}${where} (the run is read-only unless told otherwise)`) };
    }
    const carried = this.serverOrigin === undefined ? undefined : carriedElsewhere(this.serverOrigin, this.redactor, request);
    if (carried) {
      const kept = this.keptFrom.get(carried.origin) ?? { stripped: 0, headers: new Set<string>(), notSent: 0 };
      this.keptFrom.set(carried.origin, kept);
      if (carried.inUrlOrBody) {
        kept.notSent += 1;
        return { allow: false, error: new NotSentError('CREDENTIALS_ELSEWHERE', `not sent: its URL or body holds the Jamf server's credentials, and it goes to ${carried.origin}, another host`) };
      }
      kept.stripped += 1;
      for (const name of carried.headers) kept.headers.add(name.toLowerCase());
    }
    lane.admitted += 1;
    if (fromItem) {
      lane.lastItemMethod = judged.verdict.method;
      lane.lastItemUnresolved = missing;
    }
    return carried ? { allow: true, strip: carried.headers } : { allow: true };
  }

  /** What the run kept from other hosts, for the report; undefined when nothing was. */
  credentialsNotice(): Notice | undefined {
    if (this.keptFrom.size === 0) return undefined;
    const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
    const parts = [...this.keptFrom].map(([origin, k]) => {
      const said = [
        ...(k.stripped ? [`${[...k.headers].sort().join(', ')} taken off ${plural(k.stripped, 'request')}`] : []),
        ...(k.notSent ? [`${plural(k.notSent, 'request')} not sent (the URL or body held them)`] : []),
      ];
      return `${origin}: ${said.join(', ')}`;
    });
    return {
      level: 'warning',
      code: 'CREDENTIALS_KEPT',
      message: `The Jamf server's token and credentials were kept from other hosts — ${parts.join('; ')}. Give those requests their own auth (or "No Auth") if they need one.`,
    };
  }
}

/** One engine run's side of the gate: what the wire hook finds by the run's `systemHeaders`. */
export class GateLane implements Gate {
  /** Requests let through, every hop counted. */
  admitted = 0;
  /** The method the last collection request went out with (retries follow what was sent). */
  lastItemMethod: string | undefined;
  /** Variables the last collection request went out with unresolved (`--unresolved send`). */
  lastItemUnresolved: string[] = [];
  private held: HeldBack[] = [];
  private noToken: JamfContractError | undefined;
  readonly flight: Flight | undefined;
  readonly answerMs: number | undefined;

  constructor(private readonly run: RunGate, private onFirst?: () => void) {
    this.flight = run.flight;
    this.answerMs = run.answerMs;
  }

  arrive(): Promise<void> | undefined {
    return this.run.waiting();
  }

  admit(request: WireRequest): Admission {
    const first = this.onFirst;
    this.onFirst = undefined;
    first?.();
    return this.run.judgeFor(request, this);
  }

  /** The next collection request is not sent: its token could not be had. */
  withholdNextItem(cause: JamfContractError): void {
    this.noToken = cause;
  }

  /** Held-back records since the last call. */
  drainHeld(): HeldBack[] {
    return this.held.splice(0);
  }

  /** @internal */
  takeWithheld(): JamfContractError | undefined {
    const cause = this.noToken;
    this.noToken = undefined;
    return cause;
  }

  /** @internal */
  hold(record: HeldBack): void {
    this.held.push(record);
  }
}
