/**
 * A run's gate at the wire (see wire-hook.ts): every request is judged by the read-only
 * guard as it is about to be sent, an item whose token could not be had is not sent, and
 * once the run is stopping (a signal, the client refused) nothing more goes out. What is
 * held back is recorded here, with the method, URL and the flags that would allow it.
 */
import { JamfContractError } from '../errors.ts';
import type { HeldBack } from '../result.ts';
import { unresolvedIn } from '../resolve/unresolved.ts';
import type { Redactor } from '../secrets.ts';
import { describeHeld, judge, type GuardPolicy } from '../wire/guard/index.ts';
import type { Admission, Gate, WireRequest } from './wire-hook.ts';

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

export class RunGate implements Gate {
  /** Requests let through, every hop counted. */
  admitted = 0;
  /** The method the last collection request went out with (retries follow what was sent). */
  lastItemMethod: string | undefined;
  /** Variables the last collection request went out with unresolved (`--unresolved send`). */
  lastItemUnresolved: string[] = [];
  private held: HeldBack[] = [];
  private noToken: JamfContractError | undefined;
  private stopping: NotSentError | undefined;

  constructor(
    private readonly policy: GuardPolicy,
    private readonly redactor: Redactor,
    private readonly unresolved: UnresolvedMode = 'skip',
  ) {}

  admit(request: WireRequest): Admission {
    if (this.stopping) return { allow: false, error: this.stopping };
    if (request.source === 'item' && !request.redirectedFrom && this.noToken) {
      const cause = this.noToken;
      this.noToken = undefined;
      return { allow: false, error: new NotSentError(cause.code, `not sent: ${cause.message}`) };
    }
    const fromItem = request.source === 'item' && !request.redirectedFrom;
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
      this.held.push(record);
      const where = request.redirectedFrom ? ` (a redirect from ${this.redactor.redact(request.redirectedFrom)})` : '';
      return { allow: false, error: new HeldBackError(record, `jamf-contract held back ${describeHeld(judged, url)}${where} (the run is read-only unless told otherwise)`) };
    }
    this.admitted += 1;
    if (fromItem) {
      this.lastItemMethod = judged.verdict.method;
      this.lastItemUnresolved = missing;
    }
    return { allow: true };
  }

  /** The next collection request is not sent: its token could not be had. */
  withholdNextItem(cause: JamfContractError): void {
    this.noToken = cause;
  }

  /** From now on nothing is sent (the run is stopping). */
  stop(code: string, message: string): void {
    this.stopping ??= new NotSentError(code, message);
  }

  /** Held-back records since the last call. */
  drainHeld(): HeldBack[] {
    return this.held.splice(0);
  }
}
