/**
 * Token endpoints and the caller-facing system endpoints: client credentials on both
 * token paths, user tokens (token, keep-alive, invalidate), `/v1/auth`, version, health.
 */
import type { SimResponse } from '../http.ts';
import { apiError, empty, json, notFound, unauthorized } from '../json.ts';
import type { RouteContext, RouteDef } from '../routes.ts';

const FORM = 'application/x-www-form-urlencoded';
const BUILD = '-t1784555528405';

function oauthError(status: number, error: string, description: string): SimResponse {
  return json(status, { error, error_description: description });
}

async function clientCredentials(ctx: RouteContext): Promise<SimResponse> {
  if (!ctx.info.clientCredentials) return notFound();
  const type = String(ctx.req.headers['content-type'] ?? '');
  if (!type.toLowerCase().startsWith(FORM)) {
    return oauthError(400, 'invalid_request', 'The token request must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(ctx.req.body.toString('utf8'));
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'OAuth 2.0 Parameter: grant_type');
  if (grantType !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'OAuth 2.0 Parameter: grant_type');
  const client = ctx.auth.clientByClientId(form.get('client_id') ?? '');
  if (!client || client.secret === undefined || client.secret !== form.get('client_secret')) {
    return oauthError(401, 'invalid_client', 'Client authentication failed');
  }
  if (!client.enabled) return oauthError(401, 'invalid_client', 'Client is disabled');
  let roleIds = client.secretRoleIds;
  const scope = form.get('scope');
  if (scope !== null && scope.trim() !== '') {
    const asked = scope.trim().split(/\s+/).map((s) => s.replace(/^api-role:/, ''));
    if (asked.some((id) => !client.secretRoleIds.includes(id))) return oauthError(400, 'invalid_scope', 'OAuth 2.0 Parameter: scope');
    roleIds = asked;
  }
  const { token, expiresIn } = await ctx.auth.issueClientToken(client, roleIds);
  return json(200, { access_token: token, scope: roleIds.map((id) => `api-role:${id}`).join(' '), token_type: 'Bearer', expires_in: expiresIn });
}

async function userToken(ctx: RouteContext): Promise<SimResponse> {
  if (!ctx.info.userTokens) return notFound();
  const user = ctx.auth.basicUser(ctx.req.headers.authorization);
  if (!user) return apiError(401, [{ code: 'INVALID_CREDENTIALS', description: 'Unauthorized' }]);
  return json(200, await ctx.auth.issueUserToken(user));
}

async function keepAlive(ctx: RouteContext): Promise<SimResponse> {
  const record = ctx.caller?.record;
  const user = record?.kind === 'user' ? ctx.auth.users.get(record.subject) : undefined;
  if (!user || !ctx.caller?.token) return unauthorized();
  ctx.auth.tokens.delete(ctx.caller.token);
  return json(200, await ctx.auth.issueUserToken(user));
}

function describeCaller(ctx: RouteContext): SimResponse {
  const record = ctx.caller?.record;
  const user = record?.kind === 'user' ? ctx.auth.users.get(record.subject) : undefined;
  const isClient = record?.kind === 'client';
  return json(200, {
    account: {
      id: user?.id ?? '-1',
      username: user?.username ?? ctx.caller?.subject ?? '',
      realName: user?.realName ?? '',
      email: user?.email ?? '',
      preferences: { language: 'en', dateFormat: 'MM/dd/yyyy', region: 'America/Chicago', timezone: 'America/Chicago', disableRelativeDates: false },
      multiSiteAdmin: true,
      accessLevel: 'FullAccess',
      privilegeSet: user?.privileges.includes('*') ? 'ADMINISTRATOR' : 'CUSTOM',
      privilegesBySite: {},
      groupIds: [],
      currentSiteId: '-1',
    },
    accountGroups: [],
    sites: [],
    authenticationType: isClient ? 'CLIENT_CREDENTIALS' : 'JSS',
  });
}

const tokenResponses = {
  200: { description: 'Access token', schema: 'OAuthTokenResponse' },
  400: { description: 'Token request refused', schema: 'OAuthTokenEndpointErrorResponse' },
};

export function authRoutes(): RouteDef[] {
  const oauth = {
    method: 'POST' as const, tag: 'oauth', summary: 'Request an access token with client credentials', privileges: [],
    authenticated: false, request: { contentType: FORM, schema: 'OAuthTokenRequest', required: true },
    responses: tokenResponses, handler: clientCredentials,
  };
  return [
    { ...oauth, path: '/v1/oauth/token' },
    { ...oauth, path: '/oauth/token', inSchema: false },
    {
      method: 'POST', path: '/v1/auth/token', tag: 'authentication', summary: 'Create a token based on user credentials',
      privileges: [], authenticated: false,
      responses: { 200: { description: 'Token', schema: 'AuthTokenV1' }, 401: { description: 'Bad credentials', schema: 'ApiError' } },
      handler: userToken,
    },
    {
      method: 'POST', path: '/v1/auth/keep-alive', tag: 'authentication', summary: 'Refresh a user token', privileges: [],
      responses: { 200: { description: 'New token', schema: 'AuthTokenV1' } }, handler: keepAlive,
    },
    {
      method: 'POST', path: '/v1/auth/invalidate-token', tag: 'authentication', summary: 'Invalidate the token', privileges: [],
      responses: { 204: { description: 'Token invalidated' } },
      handler: (ctx) => {
        if (ctx.caller?.token) ctx.auth.tokens.delete(ctx.caller.token);
        return empty(204);
      },
    },
    {
      method: 'GET', path: '/v1/auth', tag: 'authentication', summary: 'Get the authorization details of the token', privileges: [],
      responses: { 200: { description: 'Authorization details', schema: 'AuthorizationV1' } }, handler: describeCaller,
    },
    {
      method: 'GET', path: '/v1/jamf-pro-version', tag: 'jamf-pro-version', summary: 'Return the Jamf Pro version', privileges: [],
      responses: { 200: { description: 'Version', schema: 'JamfProVersion' } },
      handler: (ctx) => json(200, { version: `${ctx.info.version}${BUILD}` }),
    },
    {
      method: 'GET', path: '/v1/health-check', tag: 'health-check', summary: 'Return information about application health',
      privileges: [], authenticated: false, responses: { 204: { description: 'Healthy' } }, handler: () => empty(204),
    },
  ];
}
