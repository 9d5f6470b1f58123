/**
 * Dispatch of one Jamf Pro API request: route lookup, authentication, privileges,
 * content type and JSON parsing, then the route's handler.
 */
import type { SimRequest, SimResponse } from './http.ts';
import { apiError, badRequest, forbidden, unauthorized } from './json.ts';
import { openApiDocument } from './openapi.ts';
import type { Caller, RouteContext, Router } from './routes.ts';
import type { SimNode, SimulatorState } from './state.ts';

export interface ProApi {
  handle(req: SimRequest, node: SimNode, origin: string): Promise<SimResponse> | SimResponse;
}

function deprecationHeader(date: string): string {
  return `@${Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000)}`;
}

/** `schemaText`: the document `/api/schema` serves (schema mode); else one is generated from the native routes. */
export function createProApi(router: Router, state: SimulatorState, schemaText?: string): ProApi {
  let schemaBody = schemaText;
  const schema = (): SimResponse => {
    schemaBody ??= JSON.stringify(openApiDocument(router.routes, state.info.profile), null, 2);
    return { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: schemaBody };
  };

  return {
    handle(req, node, origin) {
      if (req.path === '/api/schema' || req.path === '/api/schema/') return req.method === 'GET' ? schema() : methodNotAllowed();
      const match = router.match(req.method, req.path);
      if (match === undefined) return apiError(404, [{ code: 'NOT_FOUND', description: 'Not Found' }]);
      if (match === 'method') return methodNotAllowed();
      const { route, params } = match;
      let caller: Caller | undefined;
      const auth = state.auth;
      if (route.authenticated !== false) {
        const bearer = auth.bearer(req.headers.authorization);
        if (!bearer) return unauthorized();
        const privileges = auth.privilegesOf(bearer.record);
        caller = { privileges, subject: bearer.record.subject, token: bearer.token, record: bearer.record };
        const need = route.privileges;
        if (need.length > 0 && !(route.anyPrivilege ? need.some((p) => privileges.has(p)) : need.every((p) => privileges.has(p)))) {
          return forbidden();
        }
      }
      let body: unknown;
      if (route.request?.contentType === 'application/json') {
        const type = String(req.headers['content-type'] ?? '').toLowerCase();
        if (!type.startsWith('application/json') && !type.includes('+json')) {
          return apiError(415, [{ code: 'UNSUPPORTED_MEDIA_TYPE', description: `Content type '${type || 'none'}' not supported` }]);
        }
        try {
          body = JSON.parse(req.body.toString('utf8'));
        } catch {
          return badRequest('INVALID_JSON', 'Unable to parse the request body as JSON');
        }
      }
      const ctx: RouteContext = { req, params, body, caller, store: node.store, auth, info: state.info, origin };
      const date = route.deprecated?.[state.info.profile];
      if (!date) return route.handler(ctx);
      return Promise.resolve(route.handler(ctx)).then((res) => {
        res.headers.deprecation = deprecationHeader(date);
        return res;
      });
    },
  };
}

function methodNotAllowed(): SimResponse {
  return apiError(405, [{ code: 'METHOD_NOT_ALLOWED', description: 'Method Not Allowed' }]);
}

