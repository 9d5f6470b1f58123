/** Each finding kind, tolerances, coverage and notices, over small given specs. */
import { describe, expect, it } from 'vitest';
import { specFromDocument } from '../../src/load/spec.ts';
import { createContractChecker, severityOf } from '../../src/validate/index.ts';
import { jsonExchange, proSpec } from './helpers.ts';

const json = (schema: unknown) => ({ 'application/json': { schema } });
const item = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } };
const spec = proSpec({
  '/v1/items': {
    get: { responses: { '200': { description: 'ok', content: json({ type: 'array', items: item }) }, '4XX': { description: 'err', content: json({ type: 'object' }) } } },
    post: { responses: { '201': { description: 'created', content: json(item) }, default: { description: 'any', content: json({ type: 'object' }) } } },
  },
  '/v1/items/{id}': { delete: { responses: { '204': { description: 'gone' } } } },
  '/v1/export': {
    get: {
      responses: {
        '200': {
          description: 'csv',
          headers: { 'Content-Disposition': { required: true, schema: { type: 'string' } }, 'X-Optional': { schema: { type: 'string' } } },
          content: { 'text/csv,application/json': { schema: { type: 'string' } } },
        },
      },
    },
  },
  '/v1/icon': { get: { responses: { '200': { description: 'img', content: { 'image/*': {} } } } } },
  '/v1/any': { get: { responses: { '200': { description: 'any', content: { '*/*': { schema: { type: 'string' } } } } } } },
  '/v1/old': { get: { deprecated: true, 'x-deprecation-date': '2024-01-01', responses: { '204': { description: 'ok' } } } },
  '/v1/broken': { get: { responses: { '200': { description: 'bad', content: json({ type: 'object', properties: { a: { type: 'string', pattern: '(' } } }) } } } },
});

const kinds = (r: { findings: Array<{ kind: string; severity: string }> }) => r.findings.map((f) => `${f.kind}:${f.severity}`);

describe('finding kinds', () => {
  const cases: Array<{ name: string; exchange: Parameters<ReturnType<typeof createContractChecker>['check']>[0]; want: string[] }> = [
    { name: 'conforming body', exchange: jsonExchange('/api/v1/items', [{ id: '1' }]), want: [] },
    { name: 'undocumented operation', exchange: jsonExchange('/api/v1/nothing', {}), want: ['undocumented-operation:violation'] },
    { name: 'undocumented method on a documented path', exchange: jsonExchange('/api/v1/items', {}, { method: 'PATCH' }), want: ['undocumented-operation:violation'] },
    { name: 'undocumented status', exchange: jsonExchange('/api/v1/items', {}, { status: 500 }), want: ['undocumented-status:violation'] },
    { name: '4XX range honoured', exchange: jsonExchange('/api/v1/items', {}, { status: 404 }), want: [] },
    { name: 'default honoured', exchange: jsonExchange('/api/v1/items', {}, { method: 'POST', status: 503 }), want: [] },
    { name: 'content type not documented', exchange: jsonExchange('/api/v1/items', [], { headers: { 'content-type': 'text/html' } }), want: ['content-type:violation'] },
    { name: 'content type parameters ignored', exchange: jsonExchange('/api/v1/items', [], { headers: { 'CONTENT-TYPE': 'Application/JSON; charset=UTF-8' } }), want: [] },
    { name: 'no Content-Type on a body', exchange: jsonExchange('/api/v1/items', [], { headers: {} }), want: ['content-type:violation'] },
    { name: 'body where none is documented', exchange: jsonExchange('/api/v1/items/1', { x: 1 }, { method: 'DELETE', status: 204 }), want: ['content-type:violation'] },
    { name: 'empty 204', exchange: { ...jsonExchange('/api/v1/items/1', null, { method: 'DELETE', status: 204 }), body: Buffer.alloc(0) }, want: [] },
    { name: 'comma-joined media key (csv part)', exchange: { ...jsonExchange('/api/v1/export', null), headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment' }, body: Buffer.from('a,b\n') }, want: [] },
    { name: 'comma-joined media key (json part)', exchange: { ...jsonExchange('/api/v1/export', 'x'), headers: { 'content-type': 'application/json', 'content-disposition': 'attachment' } }, want: [] },
    { name: 'required header missing', exchange: { ...jsonExchange('/api/v1/export', null), headers: { 'content-type': 'text/csv' }, body: Buffer.from('a\n') }, want: ['missing-header:violation'] },
    { name: 'image/* wildcard', exchange: { ...jsonExchange('/api/v1/icon', null), headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50]) }, want: [] },
    { name: 'image/* refuses text', exchange: { ...jsonExchange('/api/v1/icon', null), headers: { 'content-type': 'text/plain' }, body: Buffer.from('x') }, want: ['content-type:violation'] },
    { name: '*/* accepts anything', exchange: { ...jsonExchange('/api/v1/any', null), headers: { 'content-type': 'text/plain' }, body: Buffer.from('x') }, want: [] },
    { name: 'schema mismatch', exchange: jsonExchange('/api/v1/items', [{ id: 1 }]), want: ['schema:violation'] },
    { name: 'body not JSON', exchange: { ...jsonExchange('/api/v1/items', null), body: Buffer.from('{oops') }, want: ['schema:violation'] },
    { name: 'null tolerated by default', exchange: jsonExchange('/api/v1/items', [{ id: '1', name: null }]), want: ['null-in-non-nullable:warning'] },
    { name: 'deprecated operation', exchange: { ...jsonExchange('/api/v1/old', null, { status: 204 }), body: Buffer.alloc(0) }, want: ['deprecated:warning'] },
    { name: 'Deprecation/Sunset headers', exchange: jsonExchange('/api/v1/items', [], { headers: { 'content-type': 'application/json', Sunset: 'Wed, 01 Jan 2027 00:00:00 GMT' } }), want: ['deprecated:warning'] },
    { name: 'not under the API base: not checked', exchange: jsonExchange('/healthCheck.html', {}), want: [] },
    { name: 'Classic URL without a Classic spec: not checked', exchange: jsonExchange('/JSSResource/buildings', {}), want: [] },
  ];
  it.each(cases)('$name', ({ exchange, want }) => {
    const checker = createContractChecker({ pro: spec }, {});
    expect(kinds(checker.check(exchange))).toEqual(want);
  });

  it('one checker answers every case as a fresh one does: the same URL again, and after more URLs than it remembers', () => {
    const checker = createContractChecker({ pro: spec }, {});
    const all = (): string[][] => cases.map(({ exchange }) => kinds(checker.check(exchange)));
    const want = cases.map((c) => c.want);
    expect(all()).toEqual(want);
    expect(all()).toEqual(want);
    for (let i = 0; i < 1100; i++) checker.check(jsonExchange(`/api/v1/items/${i}`, null, { method: 'DELETE', status: 204 }));
    expect(all()).toEqual(want);
    // Coverage counts every check, remembered or not.
    const deletes = checker.coverage().specs[0]!.exercised.find((e) => e.operation === 'DELETE /v1/items/{id}');
    expect(deletes?.statuses['204']).toBe(1100 + 3 * 2);
  });

  it('gives pointer, expected and actual for a body finding', () => {
    const checker = createContractChecker({ pro: spec }, {});
    const [f] = checker.check(jsonExchange('/api/v1/items', [{ id: '1' }, { id: 7 }])).findings;
    expect(f).toMatchObject({ kind: 'schema', pointer: '/1/id', expected: 'string', actual: 7, operation: 'GET /v1/items' });
  });

  it('caps body findings per response', () => {
    const checker = createContractChecker({ pro: spec }, { maxFindingsPerResponse: 3 });
    const body = Array.from({ length: 10 }, () => ({}));
    const findings = checker.check(jsonExchange('/api/v1/items', body)).findings;
    expect(findings).toHaveLength(3);
    expect(findings[2]?.message).toMatch(/7 more/);
  });

  it('disables only an operation whose schema will not compile, with a notice', () => {
    const checker = createContractChecker({ pro: spec }, {});
    expect(kinds(checker.check(jsonExchange('/api/v1/broken', { a: 'x' })))).toEqual(['validator-unavailable:info']);
    expect(kinds(checker.check(jsonExchange('/api/v1/broken', { a: 'x' })))).toEqual(['validator-unavailable:info']);
    expect(checker.check(jsonExchange('/api/v1/items', [{ id: '1' }])).findings).toEqual([]);
    const notices = checker.notices().filter((n) => n.code === 'CONTRACT_OPERATION_DISABLED');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toContain('GET /v1/broken');
  });
});

describe('tolerances', () => {
  const cases: Array<{ kind: Parameters<typeof severityOf>[0]; options: Parameters<typeof severityOf>[1]; want: string }> = [
    { kind: 'null-in-non-nullable', options: {}, want: 'warning' },
    { kind: 'null-in-non-nullable', options: { strict: true }, want: 'violation' },
    { kind: 'null-in-non-nullable', options: { strict: true, tolerate: ['null-in-non-nullable'] }, want: 'info' },
    { kind: 'schema', options: {}, want: 'violation' },
    { kind: 'schema', options: { tolerate: ['schema'] }, want: 'info' },
    { kind: 'undocumented-status', options: { tolerate: ['undocumented-status'] }, want: 'info' },
    { kind: 'deprecated', options: { tolerate: ['deprecated'] }, want: 'info' },
    { kind: 'deprecated', options: { strict: true }, want: 'warning' },
    { kind: 'validator-unavailable', options: { strict: true }, want: 'info' },
  ];
  it.each(cases)('$kind with $options → $want', ({ kind, options, want }) => {
    expect(severityOf(kind, options)).toBe(want);
  });

  it('strict turns a tolerated null into a violation in check()', () => {
    const checker = createContractChecker({ pro: spec }, { strict: true });
    expect(kinds(checker.check(jsonExchange('/api/v1/items', [{ id: '1', name: null }])))).toEqual(['null-in-non-nullable:violation']);
  });
});

describe('coverage', () => {
  it('counts exercised operations per status, untouched ones and undocumented requests', () => {
    const checker = createContractChecker({ pro: spec }, {});
    checker.check(jsonExchange('/api/v1/items', []));
    checker.check(jsonExchange('/api/v1/items?page=1', []));
    checker.check(jsonExchange('/api/v1/items', {}, { status: 404 }));
    checker.check(jsonExchange('/api/v1/nothing', {}));
    const cov = checker.coverage();
    const pro = cov.specs[0]!;
    expect(pro.totalOperations).toBe(8);
    expect(pro.exercised).toEqual([{ operation: 'GET /v1/items', statuses: { '200': 2, '404': 1 } }]);
    expect(pro.untouched).toContain('POST /v1/items');
    expect(pro.untouched).not.toContain('GET /v1/items');
    expect(pro.undocumented).toEqual([{ request: 'GET /v1/nothing', count: 1 }]);
    expect(cov.summary).toBe('Test Pro: 1 of 8 operations exercised (12.5%), 1 undocumented request path(s)');
    expect(JSON.parse(JSON.stringify(cov))).toEqual(cov);
  });
});

describe('Classic', () => {
  const swagger = specFromDocument(
    { swagger: '2.0', info: { title: 'Classic', version: 'production' }, basePath: '/JSSResource/', paths: { '/buildings/id/{id}': { get: { responses: { '200': { description: 'none' } } } } } },
    'classic.yaml',
  );
  const gateway = specFromDocument(
    {
      openapi: '3.0.1',
      info: { title: 'Classic GW', version: '1' },
      servers: [{ url: 'https://{region}.apigw.example.com/api/proclassic', variables: { region: { default: 'us' } } }],
      paths: {
        '/tenant/{tenantId}/buildings': { get: { responses: { '200': { description: 'ok', content: { 'application/xml': { schema: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } } } } } } } },
        '/tenant/{tenantId}/buildings/id/{id}': { get: { responses: { '200': { description: 'ok', content: { 'application/xml': { schema: { $ref: '#/components/schemas/building' } }, 'application/json': { schema: { $ref: '#/components/schemas/building' } } } } } } },
      },
      components: { schemas: { building: { type: 'object', required: ['name'], properties: { id: { type: 'integer' }, name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } } } },
    },
    'gateway.json',
  );
  const xml = (url: string, body: string, status = 200) => ({ method: 'GET', url, status, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: Buffer.from(body) });

  it('Swagger 2.0 without response schemas: existence and status only, an unlisted status is a warning, and says so', () => {
    const checker = createContractChecker({ classic: swagger }, {});
    expect(swagger.api).toBe('classic');
    expect(checker.check(xml('https://h/JSSResource/buildings/id/1', '<anything/>')).findings).toEqual([]);
    expect(kinds(checker.check(xml('https://h/JSSResource/buildings/id/1', '<x/>', 404)))).toEqual(['undocumented-status:warning']);
    expect(kinds(checker.check(xml('https://h/JSSResource/sites', '<x/>')))).toEqual(['undocumented-operation:violation']);
    const notice = checker.notices().find((n) => n.code === 'CONTRACT_NO_SCHEMAS');
    expect(notice?.message).toMatch(/warning/);
  });

  it('Swagger 2.0 with a response schema keeps an unlisted status a violation', () => {
    const withSchema = specFromDocument(
      { swagger: '2.0', info: { title: 'Classic', version: '1' }, basePath: '/JSSResource', paths: { '/buildings/id/{id}': { get: { responses: { '200': { $ref: '#/responses/Ok' } } } } }, responses: { Ok: { description: 'ok', schema: { type: 'object' } } } },
      'classic-schemas.yaml',
    );
    const checker = createContractChecker({ classic: withSchema }, {});
    expect(kinds(checker.check(xml('https://h/JSSResource/buildings/id/1', '<x/>', 404)))).toEqual(['undocumented-status:violation']);
    expect(checker.notices().find((n) => n.code === 'CONTRACT_NO_SCHEMAS')?.message).not.toMatch(/warning/);
  });

  it('gateway layout is mapped onto /JSSResource', () => {
    expect(gateway.api).toBe('classic');
    expect(gateway.gatewayMapped).toBe(true);
    expect(gateway.operations.map((o) => o.key)).toEqual(['GET /JSSResource/buildings', 'GET /JSSResource/buildings/id/{id}']);
  });

  const xmlCases = [
    { name: 'XML body conforms (text coerced, root unwrapped)', body: '<building><id>1</id><name>HQ</name></building>', want: [] },
    { name: 'XML list of one', body: '<building><name>HQ</name><tags><tag>a</tag></tags></building>', want: [] },
    { name: 'XML wrong type', body: '<building><id>one</id><name>HQ</name></building>', want: ['schema@/id'] },
    { name: 'XML missing required', body: '<building><id>1</id></building>', want: ['schema@/name'] },
    { name: 'XML empty element is absent, not wrong', body: '<building><id/><name>HQ</name></building>', want: [] },
    { name: 'XML not well-formed', body: '<building><id>1</building>', want: ['schema@'] },
  ];
  it.each(xmlCases)('$name', ({ body, want }) => {
    const checker = createContractChecker({ classic: gateway }, {});
    const r = checker.check(xml('https://h/JSSResource/buildings/id/1', body));
    expect(r.operation).toBe('GET /JSSResource/buildings/id/{id}');
    expect(r.findings.map((f) => `${f.kind}@${f.pointer ?? ''}`)).toEqual(want);
  });

  it('XML list with size becomes an array', () => {
    const checker = createContractChecker({ classic: gateway }, {});
    const body = '<buildings><size>2</size><building><id>1</id></building><building><id>x</id></building></buildings>';
    expect(checker.check(xml('https://h/JSSResource/buildings', body)).findings.map((f) => f.pointer)).toEqual(['/1/id']);
  });

  it('Classic JSON is unwrapped from its root name', () => {
    const checker = createContractChecker({ classic: gateway }, {});
    const r = checker.check(jsonExchange('/JSSResource/buildings/id/1', { building: { id: 1 } }));
    expect(r.findings.map((f) => `${f.kind}@${f.pointer ?? ''}`)).toEqual(['schema@/name']);
  });

  it('routes Classic and Pro URLs to their own spec', () => {
    const checker = createContractChecker({ pro: spec, classic: gateway }, {});
    expect(checker.check(jsonExchange('/api/v1/items', [])).operation).toBe('GET /v1/items');
    expect(checker.check(xml('https://h/sub/JSSResource/buildings/id/1', '<building><name>a</name></building>')).operation).toBe('GET /JSSResource/buildings/id/{id}');
  });
});
