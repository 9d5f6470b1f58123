/**
 * The 401 replay, through the engine's own auth-replay mechanism: postman-runtime replays
 * a request when an auth handler's `post` hook reports failure. We wrap the oauth2 handler
 * so that, for our auth only (its `id` is ours and the run's refresh function carries a
 * handler), a 401 invalidates the token and asks for one replay; the engine then calls the
 * refresh hook again and resends. Other oauth2 auths behave exactly as before.
 */
import type { AuthHandler, EngineModules } from './load-engine.ts';

export const ON_UNAUTHORIZED = Symbol.for('jamf-contract.onUnauthorized');

/** `done(true)` asks for a replay; `done(false)` keeps the 401 as the answer. */
export type UnauthorizedHandler = (token: string | undefined, done: (replay: boolean) => void) => void;

const WRAPPED = Symbol.for('jamf-contract.wrapped');

export function installReplayHook(engine: EngineModules): void {
  const original = engine.AuthLoader.getHandler('oauth2') as AuthHandler & { [WRAPPED]?: true };
  if (original[WRAPPED]) return;
  const wrapped: AuthHandler & { [WRAPPED]: true } = {
    ...original,
    [WRAPPED]: true,
    post(auth, response, done) {
      const refresh = auth.get('refreshOAuth2Token') as { [ON_UNAUTHORIZED]?: UnauthorizedHandler } | undefined;
      const onUnauthorized = refresh?.[ON_UNAUTHORIZED];
      if (response.code !== 401 || !onUnauthorized) return original.post(auth, response, done);
      onUnauthorized(auth.get('accessToken') as string | undefined, (replay) => done(null, !replay));
    },
  };
  engine.AuthLoader.addHandler(wrapped, 'oauth2');
}
