/**
 * A small Jamf-style API document written for the schema-mode tests: a paged collection
 * with a detail path, writes and a nested history list; an array collection keyed by a
 * uuid property whose detail schema differs from its item's; a collection whose items have
 * no id property; privileges of one verb
 * (alternatives) and of two verbs (joint); an operation without authentication; a CSV
 * export; and one native resource (buildings).
 */
const ref = (name: string): Record<string, string> => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown): Record<string, unknown> => ({ content: { 'application/json': { schema } } });
const paging = [
  { name: 'page', in: 'query', schema: { type: 'integer', default: 0 } },
  { name: 'page-size', in: 'query', schema: { type: 'integer', default: 100 } },
  { name: 'sort', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
  { name: 'filter', in: 'query', schema: { type: 'string' } },
];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const notFound = { description: 'Not found', ...json(ref('ApiError')) };

export function fixtureDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.1',
    info: { title: 'Widgets API', version: 'production' },
    servers: [{ url: '/api' }],
    paths: {
      '/v1/widgets': {
        get: { 'x-required-privileges': ['Read Widgets'], parameters: paging, responses: { 200: { description: 'ok', ...json(ref('WidgetResults')) } } },
        post: {
          'x-required-privileges': ['Create Widgets'],
          requestBody: { required: true, ...json(ref('Widget')) },
          responses: { 201: { description: 'created', ...json(ref('HrefResponse')) }, 400: notFound },
        },
      },
      '/v1/widgets/{id}': {
        get: { 'x-required-privileges': ['Read Widgets'], parameters: [idParam], responses: { 200: { description: 'ok', ...json(ref('Widget')) }, 404: notFound } },
        put: { 'x-required-privileges': ['Update Widgets'], parameters: [idParam], responses: { 200: { description: 'ok', ...json(ref('Widget')) } } },
        delete: { 'x-required-privileges': ['Delete Widgets'], parameters: [idParam], responses: { 204: { description: 'gone' } } },
      },
      '/v1/widgets/{id}/history': {
        get: { 'x-required-privileges': ['Read Widgets'], parameters: [idParam, ...paging], responses: { 200: { description: 'ok', ...json(ref('HistoryResults')) } } },
      },
      '/v1/gadgets': {
        get: { 'x-required-privileges': ['Read Gadgets'], responses: { 200: { description: 'ok', ...json({ type: 'array', items: ref('Gadget') }) } } },
      },
      '/v1/gadgets/{gadgetId}': {
        get: {
          'x-required-privileges': ['Read Gadgets'],
          parameters: [{ name: 'gadgetId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'ok', ...json(ref('GadgetDetail')) } },
        },
      },
      '/v1/either': { get: { 'x-required-privileges': ['Read Widgets', 'Read Gadgets'], responses: { 200: { description: 'ok', ...json({ type: 'object', properties: { ok: { type: 'boolean' } } }) } } } },
      '/v1/both': { post: { 'x-required-privileges': ['Read Widgets', 'Update Widgets'], responses: { 202: { description: 'accepted' } } } },
      '/v1/public-info': {
        get: { 'x-authentication-required': false, responses: { 200: { description: 'ok', ...json({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }) } } },
      },
      '/v1/widgets/export': {
        post: { 'x-required-privileges': ['Read Widgets'], responses: { 200: { description: 'csv', content: { 'text/csv': { schema: { type: 'string', format: 'binary', example: 'id,name\n1,Sprocket\n' } } } } } },
      },
      '/v1/logs': { get: { responses: { 200: { description: 'ok', ...json({ type: 'array', items: ref('LogLine') }) } } } },
      '/v1/logs/{id}': { get: { parameters: [idParam], responses: { 200: { description: 'ok', ...json(ref('LogLine')) } } } },
      '/v1/buildings': {
        get: { 'x-required-privileges': ['Read Buildings'], parameters: paging, responses: { 200: { description: 'ok', ...json(ref('BuildingResults')) } } },
      },
    },
    components: {
      schemas: {
        ApiError: { type: 'object', properties: { httpStatus: { type: 'integer' }, errors: { type: 'array', items: { type: 'object' } } } },
        HrefResponse: { type: 'object', properties: { id: { type: 'string' }, href: { type: 'string' } } },
        Widget: {
          type: 'object',
          required: ['name', 'size'],
          properties: {
            id: { type: 'string', readOnly: true },
            name: { type: 'string', minLength: 1 },
            size: { type: 'string', enum: ['SMALL', 'LARGE'] },
            secret: { type: 'string', writeOnly: true },
            note: { type: 'string', nullable: true },
          },
        },
        WidgetResults: { type: 'object', properties: { totalCount: { type: 'integer' }, results: { type: 'array', items: ref('Widget') } } },
        History: { type: 'object', properties: { id: { type: 'integer' }, username: { type: 'string' }, date: { type: 'string', format: 'date-time' } } },
        HistoryResults: { type: 'object', properties: { totalCount: { type: 'integer' }, results: { type: 'array', items: ref('History') } } },
        Gadget: { type: 'object', properties: { gadgetId: { type: 'string', format: 'uuid' }, label: { type: 'string', minLength: 2 } } },
        GadgetDetail: {
          allOf: [ref('Gadget'), { type: 'object', properties: { weight: { type: 'number', minimum: 1, maximum: 5 } } }],
        },
        LogLine: { type: 'object', required: ['line'], properties: { line: { type: 'string' } } },
        Building: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
        BuildingResults: { type: 'object', properties: { totalCount: { type: 'integer' }, results: { type: 'array', items: ref('Building') } } },
      },
    },
  };
}
