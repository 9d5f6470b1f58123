/**
 * API roles, role privileges and API integrations (clients), managed through Jamf's own
 * endpoints. Role changes apply to live tokens at once; client role changes wait for a new
 * secret (`POST …/client-credentials`), which is the scope quirk.
 */
import type { Client, Role } from '../auth.ts';
import { badRequest, empty, json, notFound, apiError } from '../json.ts';
import { listQuery } from '../query.ts';
import { idParam, listParams, type RouteContext, type RouteDef } from '../routes.ts';
import { errorRef } from './crud.ts';
import { checkBody } from './validate.ts';

type Obj = Record<string, unknown>;

const roleView = (r: Role): Obj => ({ id: r.id, displayName: r.displayName, privileges: [...r.privileges] });
const clientView = (c: Client): Obj => ({
  id: c.id, authorizationScopes: [...c.authorizationScopes], displayName: c.displayName, enabled: c.enabled,
  accessTokenLifetimeSeconds: c.accessTokenLifetimeSeconds, appType: 'CLIENT_CREDENTIALS', clientId: c.clientId,
});

function checkRole(ctx: RouteContext, exceptId?: string): { displayName: string; privileges: string[] } | ReturnType<typeof badRequest> {
  const bad = checkBody(ctx.body, 'ApiRoleRequest');
  if (bad) return bad;
  const body = ctx.body as { displayName: string; privileges: string[] };
  const unknown = body.privileges.find((p) => !ctx.auth.allPrivileges.includes(p));
  if (unknown !== undefined) return badRequest('INVALID_FIELD', `Privilege ${unknown} does not exist`, 'privileges');
  for (const role of ctx.auth.roles.values()) {
    if (role.id !== exceptId && role.displayName === body.displayName) return badRequest('DUPLICATE_FIELD', 'duplicate displayName', 'displayName');
  }
  return { displayName: body.displayName, privileges: [...new Set(body.privileges)] };
}

function checkClient(ctx: RouteContext, exceptId?: number): { fields: Obj } | ReturnType<typeof badRequest> {
  const bad = checkBody(ctx.body, 'ApiIntegrationRequest');
  if (bad) return bad;
  const body = ctx.body as { displayName: string; authorizationScopes: string[]; accessTokenLifetimeSeconds?: number };
  const names = new Set([...ctx.auth.roles.values()].map((r) => r.displayName));
  const unknown = body.authorizationScopes.find((s) => !names.has(s));
  if (unknown !== undefined) return badRequest('INVALID_FIELD', `API role ${unknown} does not exist`, 'authorizationScopes');
  if (body.accessTokenLifetimeSeconds !== undefined && body.accessTokenLifetimeSeconds < 1) {
    return badRequest('INVALID_FIELD', 'must be greater than 0', 'accessTokenLifetimeSeconds');
  }
  for (const client of ctx.auth.clients.values()) {
    if (client.id !== exceptId && client.displayName === body.displayName) return badRequest('DUPLICATE_FIELD', 'duplicate displayName', 'displayName');
  }
  return { fields: body as Obj };
}

const clientById = (ctx: RouteContext): Client | undefined => ctx.auth.clients.get(Number(ctx.params.id));

function roleRoutes(): RouteDef[] {
  const tag = 'api-roles';
  return [
    {
      method: 'GET', path: '/v1/api-roles', tag, summary: 'Get the current API roles', privileges: ['Read API Roles'],
      parameters: listParams('id:asc'), responses: { 200: { description: 'API roles', schema: 'ApiRoleResult' } },
      handler: (ctx) => {
        const page = listQuery([...ctx.auth.roles.values()].map(roleView), ctx.req.query, { fields: ['id', 'displayName'], defaultSort: 'id:asc' });
        return 'status' in page ? page : json(200, page);
      },
    },
    {
      method: 'POST', path: '/v1/api-roles', tag, summary: 'Create a new API role', privileges: ['Create API Roles'],
      request: { contentType: 'application/json', schema: 'ApiRoleRequest', required: true },
      responses: { 200: { description: 'Created', schema: 'ApiRole' }, 400: errorRef },
      handler: (ctx) => {
        const fields = checkRole(ctx);
        return 'status' in fields ? fields : json(200, roleView(ctx.auth.createRole(fields.displayName, fields.privileges)));
      },
    },
    {
      method: 'GET', path: '/v1/api-roles/{id}', tag, summary: 'Get an API role', privileges: ['Read API Roles'], parameters: [idParam],
      responses: { 200: { description: 'API role', schema: 'ApiRole' }, 404: errorRef },
      handler: (ctx) => {
        const role = ctx.auth.roles.get(ctx.params.id ?? '');
        return role ? json(200, roleView(role)) : notFound();
      },
    },
    {
      method: 'PUT', path: '/v1/api-roles/{id}', tag, summary: 'Update an API role', privileges: ['Update API Roles'], parameters: [idParam],
      request: { contentType: 'application/json', schema: 'ApiRoleRequest', required: true },
      responses: { 200: { description: 'Updated', schema: 'ApiRole' }, 400: errorRef, 404: errorRef },
      handler: (ctx) => {
        const id = ctx.params.id ?? '';
        if (!ctx.auth.roles.has(id)) return notFound();
        const fields = checkRole(ctx, id);
        if ('status' in fields) return fields;
        const role = ctx.auth.updateRole(id, fields.displayName, fields.privileges);
        return role ? json(200, roleView(role)) : notFound();
      },
    },
    {
      method: 'DELETE', path: '/v1/api-roles/{id}', tag, summary: 'Delete an API role', privileges: ['Delete API Roles'], parameters: [idParam],
      responses: { 204: { description: 'Deleted' }, 404: errorRef, 409: errorRef },
      handler: (ctx) => {
        const outcome = ctx.auth.deleteRole(ctx.params.id ?? '');
        if (outcome === 'missing') return notFound();
        if (outcome === 'in-use') return apiError(409, [{ code: 'ROLE_IN_USE', description: 'API role is assigned to an API integration' }]);
        return empty(204);
      },
    },
    {
      method: 'GET', path: '/v1/api-role-privileges', tag: 'api-role-privileges', summary: 'Get the privileges an API role can hold',
      privileges: ['Read API Roles'], responses: { 200: { description: 'Privileges', schema: 'ApiRolePrivileges' } },
      handler: (ctx) => json(200, { privileges: [...ctx.auth.allPrivileges] }),
    },
    {
      method: 'GET', path: '/v1/api-role-privileges/search', tag: 'api-role-privileges', summary: 'Search privileges by name',
      privileges: ['Read API Roles'],
      parameters: [
        { name: 'name', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'limit', in: 'query', required: true, schema: { type: 'integer', default: 15 } },
      ],
      responses: { 200: { description: 'Privileges', schema: 'ApiRolePrivileges' } },
      handler: (ctx) => {
        const name = (ctx.req.query.get('name') ?? '').toLowerCase();
        const limit = Number(ctx.req.query.get('limit') ?? 15);
        if (!Number.isInteger(limit) || limit < 1) return badRequest('INVALID_PARAMETER', 'Invalid value for parameter limit', 'limit');
        return json(200, { privileges: ctx.auth.allPrivileges.filter((p) => p.toLowerCase().includes(name)).slice(0, limit) });
      },
    },
  ];
}

function integrationRoutes(): RouteDef[] {
  const tag = 'api-integrations';
  return [
    {
      method: 'GET', path: '/v1/api-integrations', tag, summary: 'Get API integrations', privileges: ['Read API Integrations'],
      parameters: listParams('id:asc'), responses: { 200: { description: 'API integrations', schema: 'ApiIntegrationSearchResult' } },
      handler: (ctx) => {
        const page = listQuery([...ctx.auth.clients.values()].map(clientView), ctx.req.query,
          { fields: ['id', 'displayName', 'enabled', 'clientId', 'accessTokenLifetimeSeconds'], defaultSort: 'id:asc' });
        return 'status' in page ? page : json(200, page);
      },
    },
    {
      method: 'POST', path: '/v1/api-integrations', tag, summary: 'Create an API integration', privileges: ['Create API Integrations'],
      request: { contentType: 'application/json', schema: 'ApiIntegrationRequest', required: true },
      responses: { 201: { description: 'Created', schema: 'ApiIntegrationResponse' } },
      handler: (ctx) => {
        const checked = checkClient(ctx);
        if ('status' in checked) return checked;
        const body = checked.fields;
        const client = ctx.auth.createClient({
          displayName: String(body.displayName), authorizationScopes: [...(body.authorizationScopes as string[])],
          enabled: body.enabled !== false, accessTokenLifetimeSeconds: Number(body.accessTokenLifetimeSeconds ?? 1800),
        });
        return json(201, clientView(client));
      },
    },
    {
      method: 'GET', path: '/v1/api-integrations/{id}', tag, summary: 'Get an API integration', privileges: ['Read API Integrations'],
      parameters: [idParam], responses: { 200: { description: 'API integration', schema: 'ApiIntegrationResponse' }, 404: errorRef },
      handler: (ctx) => {
        const client = clientById(ctx);
        return client ? json(200, clientView(client)) : notFound();
      },
    },
    {
      method: 'PUT', path: '/v1/api-integrations/{id}', tag, summary: 'Update an API integration', privileges: ['Update API Integrations'],
      parameters: [idParam], request: { contentType: 'application/json', schema: 'ApiIntegrationRequest', required: true },
      responses: { 200: { description: 'Updated', schema: 'ApiIntegrationResponse' }, 400: errorRef, 404: errorRef },
      handler: (ctx) => {
        const client = clientById(ctx);
        if (!client) return notFound();
        const checked = checkClient(ctx, client.id);
        if ('status' in checked) return checked;
        const body = checked.fields;
        client.displayName = String(body.displayName);
        client.authorizationScopes = [...(body.authorizationScopes as string[])];
        if (typeof body.enabled === 'boolean') client.enabled = body.enabled;
        if (typeof body.accessTokenLifetimeSeconds === 'number') client.accessTokenLifetimeSeconds = body.accessTokenLifetimeSeconds;
        return json(200, clientView(client));
      },
    },
    {
      method: 'DELETE', path: '/v1/api-integrations/{id}', tag, summary: 'Delete an API integration', privileges: ['Delete API Integrations'],
      parameters: [idParam], responses: { 204: { description: 'Deleted' }, 404: errorRef },
      handler: (ctx) => {
        const client = clientById(ctx);
        if (!client) return notFound();
        ctx.auth.clients.delete(client.id);
        return empty(204);
      },
    },
    {
      method: 'POST', path: '/v1/api-integrations/{id}/client-credentials', tag, summary: 'Generate new client credentials',
      privileges: ['Create API Integrations'], parameters: [idParam],
      responses: { 200: { description: 'New credentials', schema: 'OAuthClientCredentials' }, 400: errorRef, 404: errorRef },
      handler: (ctx) => {
        const client = clientById(ctx);
        if (!client) return notFound();
        return json(200, { clientId: client.clientId, clientSecret: ctx.auth.generateSecret(client) });
      },
    },
  ];
}

export function adminRoutes(): RouteDef[] {
  return [...roleRoutes(), ...integrationRoutes()];
}
