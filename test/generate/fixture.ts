/**
 * A small Jamf-style document for the generator's tests: a paged list with a detail, a
 * nested list, an array list keyed by a uuid, Jamf's `-detail` twin, a parameter no list
 * enumerates, an enum path parameter, required query parameters with and without values,
 * inventory sections, other media types, a deprecated operation and its successor, joint
 * and alternative privileges, an operation without authentication and a LAPS password read.
 */
type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown): Json => ({ content: { 'application/json': { schema } } });
const ok = (schema: unknown): Json => ({ 200: { description: 'ok', ...json(schema) } });
const path = (name: string, schema: Json = { type: 'string' }): Json => ({ name, in: 'path', required: true, schema });
const get = (tag: string, responses: Json, extra: Json = {}): Json => ({ get: { tags: [tag], 'x-required-privileges': [`Read ${tag}`], responses, ...extra } });
const paged = (item: string): Json => ({ type: 'object', properties: { totalCount: { type: 'integer' }, results: { type: 'array', items: ref(item) } } });

export function generatorFixture(): Json {
  return {
    openapi: '3.0.1',
    info: { title: 'Widgets', version: 'production' },
    servers: [{ url: '/api' }],
    paths: {
      '/v1/widgets': {
        ...get('widgets', ok(paged('Widget')), { summary: 'List widgets', parameters: [{ $ref: '#/components/parameters/page' }, { $ref: '#/components/parameters/page-size' }, { name: 'sort', in: 'query', schema: { type: 'string' } }] }),
        post: { tags: ['widgets'], responses: { 201: { description: 'created' } } },
      },
      '/v1/widgets/{id}': get('widgets', ok(ref('Widget')), { parameters: [path('id')] }),
      '/v1/widgets/{id}/history': get('widgets', ok(paged('Note')), { parameters: [path('id')] }),
      '/v1/widgets/{id}/history/{noteId}': get('widgets', ok(ref('Note')), { parameters: [path('id'), path('noteId')] }),
      '/v1/gadgets': get('gadgets', ok({ type: 'array', items: ref('Gadget') })),
      '/v1/gadgets/{gadgetId}': get('gadgets', ok(ref('Gadget')), { parameters: [path('gadgetId')] }),
      '/v1/gadgets-detail/{id}': get('gadgets', ok(ref('Gadget')), { parameters: [path('id')] }),
      '/v1/orphans/{id}': get('orphans', ok(ref('Note')), { parameters: [path('id')] }),
      '/v1/kinds/{kind}/defaults': get('orphans', ok(ref('Note')), { parameters: [path('kind', { type: 'string', enum: ['LARGE', 'SMALL'] })] }),
      '/v1/devices/{clientManagementId}/status': get('devices', ok(ref('Note')), { parameters: [path('clientManagementId')] }),
      '/v1/search': get('search', ok(ref('Note')), {
        parameters: [
          { name: 'application', in: 'query', required: true, schema: { type: 'string' }, example: 'protect' },
          { name: 'criteria', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'columns', in: 'query', required: true, schema: { type: 'array', items: { type: 'string' }, default: ['name', 'id'] } },
        ],
      }),
      '/v1/inventory': get('inventory', ok(paged('Widget')), {
        parameters: [{ name: 'section', in: 'query', schema: { type: 'array', items: ref('Section'), default: ['GENERAL'] } }, { $ref: '#/components/parameters/page-size' }],
      }),
      '/v1/report': get('reports', { 200: { description: 'csv', content: { 'text/csv': { schema: { type: 'string' } } } } }),
      '/v1/icon': get('reports', { 200: { description: 'image', content: { 'image/*': { schema: { type: 'string', format: 'binary' } } } } }),
      '/v1/ping': get('reports', { 200: { description: 'ok', ...json(ref('Note')) }, 204: { description: 'nothing' } }),
      '/v1/health': { get: { tags: ['reports'], 'x-authentication-required': false, responses: { 204: { description: 'healthy' } } } },
      '/v1/things': get('things', ok(paged('Widget')), { deprecated: true, 'x-deprecation-date': '2025-01-01' }),
      '/v1/things/{id}': get('things', ok(ref('Widget')), { parameters: [path('id')] }),
      '/v2/things': get('things', ok(paged('Widget'))),
      '/v1/both': get('both', ok(ref('Note')), { 'x-required-privileges': ['Read Widgets', 'Update Widgets'] }),
      '/v1/either': get('either', ok(ref('Note')), { 'x-required-privileges': ['Read Smart Groups', 'Read Static Groups'] }),
      '/v2/local-admin-password/{clientManagementId}/account/{username}/password': get('laps', ok(ref('Note')), { parameters: [path('clientManagementId'), path('username')] }),
    },
    components: {
      parameters: {
        page: { name: 'page', in: 'query', schema: { type: 'integer', default: 0 } },
        'page-size': { name: 'page-size', in: 'query', schema: { type: 'integer', default: 100 } },
      },
      schemas: {
        Widget: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
        Note: { type: 'object', properties: { noteId: { type: 'integer' }, text: { type: 'string' } } },
        Gadget: { allOf: [{ type: 'object', properties: { label: { type: 'string' } } }, { type: 'object', properties: { gadgetUuid: { type: 'string', format: 'uuid' } } }] },
        Section: { type: 'string', enum: ['HARDWARE', 'GENERAL', 'APPLICATIONS'] },
      },
    },
  };
}

/** GET operation keys of a document, sorted. */
export function getOperations(document: Json): string[] {
  const paths = document.paths as Record<string, Json>;
  return Object.keys(paths).filter((p) => paths[p]?.get).map((p) => `GET ${p}`).sort();
}
