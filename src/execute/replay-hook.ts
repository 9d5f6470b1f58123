/**
 * Replays through the engine's own auth-replay mechanism: postman-runtime resends a request
 * when an auth handler's `post` hook reports failure. We wrap the oauth2 handler so that,
 * for our auth only (the run's refresh function carries a handler), the run decides on
 * error answers: a 401 invalidates the token and asks for one replay (the engine then calls
 * the refresh hook again), and a transient answer to a read is retried after a pause.
 * Other oauth2 auths behave exactly as before.
 *
 * The engine hands the authorizer options (our refresh function) to `pre` only; `post`
 * gets a bare auth interface. So `pre` leaves a key in the auth's parameters and `post`
 * finds the run's handler by that key.
 */
import type { AuthHandler, EngineModules } from './load-engine.ts';

export const ON_RESPONSE = Symbol.for('jamf-contract.onResponse');

/** What the handler learns of a response; `done(true)` asks for a replay, `done(false)` keeps it. */
export interface ReplayableResponse {
  code: number;
  header(name: string): string | undefined;
}
export type ResponseHandler = (response: ReplayableResponse, token: string | undefined, done: (replay: boolean) => void) => void;

const WRAPPED = Symbol.for('jamf-contract.wrapped');
/** The auth parameter that carries the run's handler key from `pre` to `post`. */
const KEY_PARAM = 'jamfContractReplay';

const keys = new WeakMap<ResponseHandler, string>();
const handlers = new Map<string, WeakRef<ResponseHandler>>();
let nextKey = 0;

function keyFor(handler: ResponseHandler): string {
  let key = keys.get(handler);
  if (!key) {
    key = `run-${++nextKey}`;
    keys.set(handler, key);
    handlers.set(key, new WeakRef(handler));
    // Forget runs whose handlers are gone, so a process running many runs stays flat.
    for (const [k, ref] of handlers) if (!ref.deref()) handlers.delete(k);
  }
  return key;
}

export function installReplayHook(engine: EngineModules): void {
  const original = engine.AuthLoader.getHandler('oauth2') as AuthHandler & { [WRAPPED]?: true };
  if (original[WRAPPED]) return;
  const wrapped: AuthHandler & { [WRAPPED]: true } = {
    ...original,
    [WRAPPED]: true,
    pre(...args: unknown[]) {
      const auth = args[0] as { get(key: string): unknown; set(key: string, value: unknown): unknown };
      const refresh = auth.get('refreshOAuth2Token') as { [ON_RESPONSE]?: ResponseHandler } | undefined;
      const handler = refresh?.[ON_RESPONSE];
      if (handler) auth.set(KEY_PARAM, keyFor(handler));
      return original.pre(...args);
    },
    post(auth, response, done) {
      const key = auth.get(KEY_PARAM);
      const onResponse = typeof key === 'string' ? handlers.get(key)?.deref() : undefined;
      if (!onResponse || response.code < 400) return original.post(auth, response, done);
      const headers = (response as { headers?: { get(name: string): unknown } }).headers;
      const header = (name: string): string | undefined => {
        const value = headers?.get(name);
        return value === undefined || value === null ? undefined : String(value);
      };
      onResponse({ code: response.code, header }, auth.get('accessToken') as string | undefined, (replay) => done(null, !replay));
    },
  };
  engine.AuthLoader.addHandler(wrapped, 'oauth2');
}
