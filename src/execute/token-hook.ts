/**
 * The run's token, handed to the engine through its own oauth2 hooks: `refreshOAuth2Token`
 * before each collection request, and the auth-replay `post` hook (replay-hook.ts) after
 * each answer. A 401 invalidates the token and replays once; a transient answer to a read
 * is retried after a pause — decided on the method that was really sent. When no token can
 * be had, the request is not sent at all (the gate withholds it) and the reason is the
 * token endpoint's own; a refusal of the client itself stops the run.
 */
import { HOOK_ID } from '../auth/collection-auth.ts';
import type { AuthSession } from '../auth/session.ts';
import { isJamfContractError, JamfContractError } from '../errors.ts';
import { retryDelay } from '../wire/retry.ts';
import type { GateLane } from './gate.ts';
import type { Pending } from './item-result.ts';
import { ON_RESPONSE, type ResponseHandler } from './replay-hook.ts';

/** Token errors about the client itself: asking again will not help, the run stops. */
const REFUSALS = new Set(['AUTH_INVALID_CLIENT', 'AUTH_CLIENT_DISABLED', 'AUTH_INVALID_SCOPE', 'AUTH_BAD_CREDENTIALS']);

export interface TokenHookOptions {
  session: AuthSession;
  gate: GateLane;
  /** The item being executed (undefined between items). */
  pending(): Pending | undefined;
  /** Fills `{{accessToken}}`-style variables for scripts when the token changes. */
  onToken(token: string): void;
  /** The client was refused: the run stops with this error. */
  onRefused(error: JamfContractError): void;
  maxRetries: number;
}

export type RefreshHook = ((id: string, cb: (err: Error | null, token?: string) => void) => void) & { [ON_RESPONSE]: ResponseHandler };

export function createTokenHook(options: TokenHookOptions): RefreshHook {
  const { session, gate } = options;
  const refresh = (id: string, cb: (err: Error | null, token?: string) => void): void => {
    if (id !== HOOK_ID) return cb(null);
    const give = (): void => {
      if (!session.tokens) return cb(null);
      session.tokens.token().then(
        (token) => {
          options.onToken(token);
          cb(null, token);
        },
        (error: unknown) => {
          const failure = isJamfContractError(error)
            ? error
            : new JamfContractError('AUTH_TOKEN_ENDPOINT', `Could not get a token: ${error instanceof Error ? error.message : String(error)}`);
          gate.withholdNextItem(failure);
          if (REFUSALS.has(failure.code)) options.onRefused(failure);
          // The engine goes on to send; the gate stops the request at the wire.
          cb(null);
        },
      );
    };
    const p = options.pending();
    const pause = p?.pauseMs ?? 0;
    if (p) p.pauseMs = 0;
    if (pause > 0) setTimeout(give, pause);
    else give();
  };

  const onResponse: ResponseHandler = (response, token, done) => {
    const p = options.pending();
    if (!p) return done(false);
    if (response.code === 401) {
      if (!session.tokens || p.replayed) {
        // The fresh token was refused too: find out why before the result is written.
        if (session.tokens) p.classification ??= session.tokens.classifyRefusal();
        return done(false);
      }
      p.replaying = true;
      p.replayed = true;
      if (token) session.tokens.invalidate(token);
      return done(true);
    }
    // Retries follow what was sent: a request that went out as a write is never resent,
    // whatever the file said (a script may have changed the method).
    const sent = gate.lastItemMethod ?? p.method;
    const delay = retryDelay(sent, response.code, response.header('retry-after'), p.retries, options.maxRetries);
    if (delay === undefined || retryDelay(p.method, response.code, response.header('retry-after'), p.retries, options.maxRetries) === undefined) {
      return done(false);
    }
    p.retries += 1;
    p.replaying = true;
    // The engine wants the verdict before the body arrives; the pause happens in the
    // refresh hook, which the replay calls before it resends.
    p.pauseMs = delay;
    done(true);
  };

  return Object.assign(refresh, { [ON_RESPONSE]: onResponse });
}
