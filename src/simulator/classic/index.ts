/**
 * Jamf's Classic API under `/JSSResource`: XML by default, JSON reads on
 * `Accept: application/json`, XML-only writes, HTML status pages for errors.
 */
import type { ClassicDeps, SimRequest, SimResponse } from '../http.ts';
import { classicEndpointGroups, classicResources } from './catalog.ts';
import { endpointsFor } from './endpoints.ts';
import type { ReadContext } from './read.ts';
import { type ClassicMethod, type ClassicRoute, type Endpoint, ClassicRouter, responsesFor } from './routes.ts';
import { statusPage } from './status-page.ts';

export { CLASSIC_BASE_PATH, type ClassicRoute } from './routes.ts';
export { statusPage } from './status-page.ts';
export { wantsJson } from './respond.ts';
export { classicResources } from './catalog.ts';

const METHOD_ORDER: readonly ClassicMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

const endpoints: readonly Endpoint[] = [...classicResources.flatMap(endpointsFor), ...classicEndpointGroups]
  .sort((a, b) => a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method));

/** Every route the handler answers, with Jamf's privilege for it (the core builds the Classic swagger from it). */
export const classicRoutes: readonly ClassicRoute[] = endpoints.map(({ method, path, privilege, summary, responses }) => ({
  method, path, privilege, summary, responses: responses ?? responsesFor(method, path),
}));

const router = new ClassicRouter(endpoints);


export function createClassicHandler(deps: ClassicDeps): (req: SimRequest) => SimResponse {
  const ctx: ReadContext = { store: deps.store };
  return (req) => {
    const auth = deps.authenticate(req);
    if (!auth.ok) return auth.response;
    const match = router.match(req.method.toUpperCase() as ClassicMethod, req.path);
    if (match === undefined) return statusPage(404);
    if (match === 'method') return statusPage(405);
    if (!auth.privileges.has(match.endpoint.privilege)) return statusPage(403);
    return match.endpoint.handle({ req, params: match.params, ctx });
  };
}
