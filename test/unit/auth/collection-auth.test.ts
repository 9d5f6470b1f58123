import { describe, expect, it } from 'vitest';
import { HOOK_ID, isTokenScript, rewriteAuth } from '../../../src/auth/collection-auth.ts';
import type { AuthScheme, AuthSession } from '../../../src/auth/session.ts';
import type { PostmanAuth, PostmanCollection, PostmanItem, PostmanRequest } from '../../../src/load/postman-types.ts';
import { scriptText } from '../../../src/load/postman-types.ts';
import { collection, folder, request } from '../../helpers/collections.ts';

function session(scheme: AuthScheme): AuthSession {
  return { scheme, ...(scheme === 'basic' ? { basic: { username: 'u', password: 'p' } } : {}), tokenRequests: () => 0, close: async () => undefined };
}

const bearer = (token: string): PostmanAuth => ({ type: 'bearer', bearer: [{ key: 'token', value: token, type: 'string' }] });
const oauth2v20 = (token: string): PostmanAuth => ({ type: 'oauth2', oauth2: { accessToken: token, addTokenTo: 'header' } });
const basic: PostmanAuth = { type: 'basic', basic: [{ key: 'username', value: '{{user}}' }, { key: 'password', value: '{{pw}}' }] };
const noauth: PostmanAuth = { type: 'noauth' };

/** A token script written for these tests, in the style admins use: login with pm.sendRequest, store the token. */
const OUR_TOKEN_SCRIPT = [
  "const base = pm.environment.get('server');",
  'const creds = btoa(pm.environment.get("user") + ":" + pm.environment.get("pw"));',
  'pm.sendRequest({ url: base + "/api/v1/auth/token", method: "POST", header: { Authorization: "Basic " + creds } }, function (err, res) {',
  '  pm.environment.set("bearer", res.json().token);',
  '  console.log("got token", res.json().token);',
  '});',
];

function build(): PostmanCollection {
  return collection(
    'C',
    [
      folder('Bearer folder', [request('inherits', '{{url}}/JSSResource/a'), request('own bearer', '{{url}}/JSSResource/b', { auth: bearer('{{other}}') })], { auth: bearer('{{folderToken}}') }),
      folder('Open', [request('public', '{{url}}/api/v1/health-check', { auth: noauth })], { auth: noauth }),
      request('basic', '{{url}}/JSSResource/c', { auth: basic }),
      request('oauth2 v2.0', '{{url}}/JSSResource/d', { auth: oauth2v20('{{oauthToken}}') }),
      request('login', '{{url}}/api/v1/auth/token', { method: 'POST', auth: basic }),
      request('client login', '{{url}}/api/oauth/token', { method: 'POST', auth: bearer('{{x}}') }),
      request('with token script', '{{url}}/JSSResource/e', { prerequest: OUR_TOKEN_SCRIPT }),
      request('harmless script', '{{url}}/JSSResource/f', { prerequest: ['pm.variables.set("when", Date.now());'] }),
    ],
    { auth: bearer('{{bearer}}'), event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: OUR_TOKEN_SCRIPT } }] },
  );
}

const find = (c: PostmanCollection, name: string): PostmanItem => {
  const walk = (items: PostmanItem[]): PostmanItem | undefined => {
    for (const i of items) {
      if (i.name === name) return i;
      const inner = i.item ? walk(i.item) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(c.item)!;
};
const authOf = (item: PostmanItem): PostmanAuth | null | undefined => (Array.isArray(item.item) ? item.auth : (item.request as PostmanRequest).auth);

describe('rewriteAuth with managed tokens', () => {
  const c = build();
  const out = rewriteAuth(c, session('client-credentials'), 'C');

  it('puts our oauth2 (with the hook id) at the collection', () => {
    expect(c.auth?.type).toBe('oauth2');
    expect(c.auth?.oauth2).toEqual(expect.arrayContaining([{ key: 'id', value: HOOK_ID }]));
  });

  const table: Array<{ item: string; want: string | undefined }> = [
    { item: 'Bearer folder', want: undefined },
    { item: 'own bearer', want: undefined },
    { item: 'basic', want: undefined },
    { item: 'oauth2 v2.0', want: undefined },
    { item: 'Open', want: 'noauth' },
    { item: 'public', want: 'noauth' },
    // Token endpoints keep their own auth: they are the login.
    { item: 'login', want: 'basic' },
    { item: 'client login', want: 'bearer' },
  ];
  for (const { item, want } of table) {
    it(`${item}: ${want ?? 'inherits ours'}`, () => expect(authOf(find(c, item))?.type).toBe(want));
  }

  it('keeps the token variables filled for scripts, v2.0 and v2.1 forms', () => {
    expect(out.tokenVariables.sort()).toEqual(['bearer', 'folderToken', 'oauthToken', 'other']);
  });

  it('neutralises token scripts and says so, keeps other scripts', () => {
    expect(scriptText(c.event?.[0]?.script)).not.toContain('sendRequest');
    expect(scriptText(find(c, 'with token script').event?.[0]?.script)).not.toContain('sendRequest');
    expect(scriptText(find(c, 'harmless script').event?.[0]?.script)).toContain('Date.now()');
    expect(out.notices.map((n) => n.code)).toEqual(['AUTH_MANAGED', 'TOKEN_SCRIPT_NEUTRALISED']);
    expect(out.notices[1]?.message).toContain('2 script(s)');
  });
});

describe('rewriteAuth with other schemes', () => {
  it('basic: the collection gets Basic with the run credentials', () => {
    const c = build();
    rewriteAuth(c, session('basic'), 'C');
    expect(c.auth).toEqual({ type: 'basic', basic: [{ key: 'username', value: 'u' }, { key: 'password', value: 'p' }] });
  });

  it('none: the collection authenticates itself, its token scripts run as written', () => {
    const c = build();
    const out = rewriteAuth(c, session('none'), 'C');
    expect(c.auth?.type).toBe('bearer');
    expect(scriptText(c.event?.[0]?.script)).toContain('sendRequest');
    expect(out.tokenVariables).toEqual([]);
    expect(out.notices).toEqual([]);
  });
});

describe('isTokenScript', () => {
  const table: Array<{ name: string; text: string; want: boolean }> = [
    { name: 'user token login', text: OUR_TOKEN_SCRIPT.join('\n'), want: true },
    { name: 'client credentials', text: 'pm.sendRequest({url: pm.variables.get("baseUrl") + "/v1/oauth/token", method: "POST"}, cb)', want: true },
    { name: 'documented client path', text: "pm.sendRequest({ url: `${u}/api/oauth/token` }, cb)", want: true },
    { name: 'keep-alive', text: 'pm.sendRequest(u + "/api/v1/auth/keep-alive", cb)', want: true },
    { name: 'older token path', text: 'pm.sendRequest(u + "/api/auth/tokens", cb)', want: true },
    { name: 'sendRequest elsewhere', text: 'pm.sendRequest(u + "/JSSResource/buildings", cb)', want: false },
    { name: 'mentions a token path without sending', text: '// see /api/v1/auth/token\npm.environment.set("x", 1)', want: false },
    { name: 'empty', text: '', want: false },
  ];
  for (const { name, text, want } of table) it(name, () => expect(isTokenScript(text)).toBe(want));
});
