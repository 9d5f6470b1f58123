/**
 * Making every request of a collection authenticate through the run's auth session,
 * without editing the user's file: auth definitions are rewritten in memory to Postman's
 * own `oauth2` auth with an `id`, which makes the engine ask our token hook before each
 * request; scripts that fetch their own token are neutralised. The report says what changed.
 */
import type { PostmanAuth, PostmanCollection, PostmanEvent, PostmanItem } from '../load/postman-types.ts';
import { scriptText } from '../load/postman-types.ts';
import { rawUrl } from '../resolve/url-text.ts';
import type { Notice } from '../result.ts';
import type { AuthSession } from './session.ts';

/** The `id` our oauth2 auth carries; the engine passes it to the refresh hook. */
export const HOOK_ID = 'jamf-contract';

const REPLACED_TYPES = new Set(['bearer', 'oauth2', 'basic', 'apikey', 'inherit']);
const TOKEN_ENDPOINT = /\/(api\/)?(v1\/)?(oauth\/token|auth\/token|auth\/tokens|auth\/keep-alive|auth\/invalidate-token)\b/i;
const NEUTRALISED = '// jamf-contract: this script fetched its own Jamf token; the run authenticates every request instead.';

export interface AuthRewrite {
  notices: Notice[];
  /** Variables collection auth used for its token (`{{accessToken}}`): kept filled for scripts. */
  tokenVariables: string[];
}

/** Rewrites `collection` in place (it is the run's private copy). */
export function rewriteAuth(collection: PostmanCollection, session: AuthSession, name: string): AuthRewrite {
  const notices: Notice[] = [];
  const tokenVariables = new Set<string>();
  const neutralised: string[] = [];

  // `--auth none`: the collection authenticates itself, its own token scripts included.
  if (session.scheme === 'none') return { notices, tokenVariables: [] };
  neutraliseTokenScripts(collection.event, 'collection-level', neutralised);

  collectTokenVariable(collection.auth, tokenVariables);
  const target = targetAuth(session);
  collection.auth = target;
  let replaced = 0;
  const walk = (items: PostmanItem[], path: string[]): void => {
    for (const item of items) {
      const where = [...path, item.name ?? ''].join(' / ');
      neutraliseTokenScripts(item.event, `"${where}"`, neutralised);
      if (Array.isArray(item.item)) {
        if (item.auth && REPLACED_TYPES.has(item.auth.type)) {
          collectTokenVariable(item.auth, tokenVariables);
          delete item.auth;
          replaced += 1;
        }
        walk(item.item, [...path, item.name ?? '']);
        continue;
      }
      const request = item.request;
      if (!request || typeof request === 'string' || !request.auth) continue;
      // Requests to the token endpoints keep their own auth: they *are* the login.
      if (TOKEN_ENDPOINT.test(rawUrl(request))) continue;
      if (REPLACED_TYPES.has(request.auth.type)) {
        collectTokenVariable(request.auth, tokenVariables);
        delete request.auth;
        replaced += 1;
      }
    }
  };
  walk(collection.item, []);

  const schemeName = session.scheme === 'client-credentials' ? 'client-credentials tokens' : session.scheme === 'user' ? 'a user bearer token' : 'HTTP Basic';
  notices.push({
    level: 'info',
    code: 'AUTH_MANAGED',
    message: `${name}: every request is authenticated with ${schemeName} managed by jamf-contract${replaced ? ` (${replaced} folder/request auth settings overridden)` : ''}.`,
  });
  if (neutralised.length > 0) {
    notices.push({
      level: 'warning',
      code: 'TOKEN_SCRIPT_NEUTRALISED',
      message: `${name}: ${neutralised.length} script(s) that fetched their own token were not run (${summarise(neutralised)}); jamf-contract's token manager authenticates instead.`,
    });
  }
  return { notices, tokenVariables: [...tokenVariables] };
}

function targetAuth(session: AuthSession): PostmanAuth {
  if (session.scheme === 'basic' && session.basic) {
    return {
      type: 'basic',
      basic: [
        { key: 'username', value: session.basic.username },
        { key: 'password', value: session.basic.password },
      ],
    };
  }
  return {
    type: 'oauth2',
    oauth2: [
      { key: 'id', value: HOOK_ID },
      { key: 'addTokenTo', value: 'header' },
      { key: 'headerPrefix', value: 'Bearer' },
      // postman-runtime 7.56 throws when its hook sets a parameter that does not exist yet.
      { key: 'accessToken', value: '' },
    ],
  };
}

/** True for a script that asks a Jamf token endpoint for a token with `pm.sendRequest`. */
export function isTokenScript(text: string): boolean {
  return /sendRequest/.test(text) && TOKEN_ENDPOINT.test(text);
}

function neutraliseTokenScripts(events: PostmanEvent[] | undefined, where: string, out: string[]): void {
  for (const event of events ?? []) {
    if (event.listen !== 'prerequest' || !event.script) continue;
    if (!isTokenScript(scriptText(event.script))) continue;
    event.script.exec = [NEUTRALISED];
    out.push(`${where} pre-request`);
  }
}

function collectTokenVariable(auth: PostmanAuth | null | undefined, into: Set<string>): void {
  if (!auth || (auth.type !== 'bearer' && auth.type !== 'oauth2')) return;
  const params = auth[auth.type];
  const key = auth.type === 'bearer' ? 'token' : 'accessToken';
  const value = Array.isArray(params) ? params.find((p) => p.key === key)?.value : params && typeof params === 'object' ? params[key] : undefined;
  const m = typeof value === 'string' ? /^\{\{\s*([^{}\s]+)\s*\}\}$/.exec(value) : null;
  if (m?.[1]) into.add(m[1]);
}

function summarise(list: string[]): string {
  return list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`;
}
