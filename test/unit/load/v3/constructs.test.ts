/**
 * Every v3 construct and both spellings, given as real-shaped trees (as Postman v12 and
 * hand-editing write them), wanted as the v2.1 JSON the engine runs.
 */
import { describe, expect, it } from 'vitest';
import type { PostmanItem, PostmanRequest } from '../../../../src/load/postman-types.ts';
import { loadOne, writeTree, y } from '../../../helpers/v3.ts';

function req(item: PostmanItem | undefined): PostmanRequest {
  return item!.request as PostmanRequest;
}

function names(items: PostmanItem[]): string[] {
  return items.map((i) => (i.item ? `${i.name}/` : i.name ?? ''));
}

describe('v3 → v2.1: layout and order', () => {
  it('folders and requests sort together by order, 16-digit orders compared exactly, missing orders last', async () => {
    const dir = writeTree({
      '.resources/definition.yaml': y('$kind: collection', 'name: Orders'),
      // Neighbours that a JavaScript number makes equal (both are 9007199254740992 as doubles).
      'a-late.request.yaml': y('$kind: http-request', "url: 'https://x/a'", 'method: GET', 'order: 9007199254740993'),
      'b-early.request.yaml': y('$kind: http-request', "url: 'https://x/b'", 'method: GET', 'order: 9007199254740992'),
      'c-no-order.request.yaml': y('$kind: http-request', "url: 'https://x/c'", 'method: GET'),
      'folder/.resources/definition.yaml': y('$kind: collection', 'order: 9007199254740991'),
      'folder/inner.request.yaml': y('$kind: http-request', "url: 'https://x/i'", 'method: GET', 'order: 1000'),
    });
    const c = await loadOne(dir);
    expect(Number('9007199254740993')).toBe(Number('9007199254740992'));
    expect(names(c.json.item)).toEqual(['folder/', 'b-early', 'a-late', 'c-no-order']);
    expect(c.schemaVersion).toBe('3.0.0');
    expect(c.name).toBe('Orders');
  });

  it('a folder and a collection root without definition.yaml keep their requests, named by their folders', async () => {
    const root = writeTree({
      'no-def-collection/plain folder/one.request.yaml': y('$kind: http-request', "url: 'https://x/1'", 'method: GET'),
      'no-def-collection/top.request.yaml': y('$kind: http-request', "url: 'https://x/t'", 'method: GET', 'order: 1'),
    });
    const c = await loadOne(`${root}/no-def-collection`);
    expect(c.name).toBe('no-def-collection');
    expect(names(c.json.item)).toEqual(['top', 'plain folder/']);
    expect(names(c.json.item[1]!.item!)).toEqual(['one']);
  });

  it('`name` overrides the file name; .yml is read like .yaml', async () => {
    const dir = writeTree({
      '.resources/definition.yml': y('$kind: collection', 'name: Aliased'),
      'Health-check.request.yml': y('$kind: http-request', "name: 'Health/check'", "url: 'https://x/h'", 'method: GET'),
    });
    const c = await loadOne(dir);
    expect(c.name).toBe('Aliased');
    expect(names(c.json.item)).toEqual(['Health/check']);
  });
});

describe('v3 → v2.1: requests, both spellings', () => {
  const table: Array<{ name: string; yaml: string[]; want: (r: PostmanRequest, item: PostmanItem) => void }> = [
    {
      name: 'headers as a map (the app\'s spelling)',
      yaml: ['headers:', '  Accept: application/json', "  X-Count: '5'"],
      want: (r) => expect(r.header).toEqual([{ key: 'Accept', value: 'application/json' }, { key: 'X-Count', value: '5' }]),
    },
    {
      name: 'headers as a list, with a disabled one',
      yaml: ['headers:', '  - key: Accept', '    value: application/xml', '  - key: X-Debug', "    value: '1'", '    disabled: true', '    description: verbose'],
      want: (r) => expect(r.header).toEqual([{ key: 'Accept', value: 'application/xml' }, { key: 'X-Debug', value: '1', disabled: true, description: 'verbose' }]),
    },
    {
      name: 'query parameters: the url holds the enabled ones, queryParams adds only the disabled ones',
      yaml: ["url: '{{baseUrl}}/v1/buildings?page=0&page-size=5'", 'queryParams:', '  - key: page', "    value: '0'", '  - key: sort', '    value: id:desc', '    disabled: true', '  - key: page-size', "    value: '5'"],
      want: (r) => {
        const url = r.url as { query: Array<{ key: string; value: string; disabled?: boolean }> };
        expect(url.query).toEqual([{ key: 'page', value: '0' }, { key: 'sort', value: 'id:desc', disabled: true }, { key: 'page-size', value: '5' }]);
      },
    },
    {
      name: 'query parameters as a map, in step with the url: not appended twice',
      yaml: ["url: '{{baseUrl}}/pokemon?offset={{offset}}&limit={{limit}}'", 'queryParams:', "  offset: '{{offset}}'", "  limit: '{{limit}}'"],
      want: (r) => expect((r.url as { query: unknown[] }).query).toEqual([{ key: 'offset', value: '{{offset}}' }, { key: 'limit', value: '{{limit}}' }]),
    },
    {
      name: 'path variables as a list; an undeclared :name stays text',
      yaml: ["url: '{{baseUrl}}/books/:id/pages/:page'", 'pathVariables:', '  - key: id', "    value: '1'", '    description: the book'],
      want: (r) => expect((r.url as { variable: unknown[] }).variable).toEqual([{ key: 'id', value: '1', description: 'the book' }]),
    },
    {
      name: 'path variables as a map',
      yaml: ["url: '{{baseUrl}}/books/:id'", 'pathVariables:', "  id: '{{bookId}}'"],
      want: (r) => expect((r.url as { variable: unknown[] }).variable).toEqual([{ key: 'id', value: '{{bookId}}' }]),
    },
    {
      name: 'json body',
      yaml: ['method: POST', 'body:', '  type: json', '  content: |-', '    {"name": "{{name}}"}'],
      want: (r) => expect(r.body).toEqual({ mode: 'raw', raw: '{"name": "{{name}}"}', options: { raw: { language: 'json' } } }),
    },
    {
      name: 'xml body',
      yaml: ['method: POST', 'body:', '  type: xml', "  content: '<building><name>HQ</name></building>'"],
      want: (r) => expect(r.body).toEqual({ mode: 'raw', raw: '<building><name>HQ</name></building>', options: { raw: { language: 'xml' } } }),
    },
    {
      name: 'urlencoded body as a map',
      yaml: ['method: POST', 'body:', '  type: urlencoded', '  content:', '    grant_type: client_credentials', "    client_id: '{{id}}'"],
      want: (r) => expect(r.body).toEqual({ mode: 'urlencoded', urlencoded: [{ key: 'grant_type', value: 'client_credentials' }, { key: 'client_id', value: '{{id}}' }] }),
    },
    {
      name: 'formdata with a text part and a file part',
      yaml: ['method: POST', 'body:', '  type: formdata', '  content:', '    - key: file', '      type: file', '      src: ./payload.bin', '    - key: note', '      type: text', '      value: hello', '      contentType: text/plain', '    - key: off', '      value: x', '      disabled: true'],
      want: (r) =>
        expect(r.body).toEqual({
          mode: 'formdata',
          formdata: [
            { key: 'file', type: 'file', src: './payload.bin' },
            { key: 'note', type: 'text', value: 'hello', contentType: 'text/plain' },
            { key: 'off', type: 'text', value: 'x', disabled: true },
          ],
        }),
    },
    {
      name: 'file body',
      yaml: ['method: PUT', 'body:', '  type: file', '  content:', '    src: ./upload.bin'],
      want: (r) => expect(r.body).toEqual({ mode: 'file', file: { src: './upload.bin' } }),
    },
    {
      name: 'body type none',
      yaml: ['body:', '  type: none'],
      want: (r) => expect(r.body).toBeUndefined(),
    },
    {
      name: 'request auth: single, credentials as a map',
      yaml: ['auth:', '  type: basic', '  credentials:', "    username: '{{user}}'", "    password: '{{pass}}'"],
      want: (r) => expect(r.auth).toEqual({ type: 'basic', basic: [{ key: 'username', value: '{{user}}', type: 'string' }, { key: 'password', value: '{{pass}}', type: 'string' }] }),
    },
    {
      name: 'request auth: credentials as a list',
      yaml: ['auth:', '  type: apikey', '  credentials:', '    - key: key', '      value: X-Api-Key', '    - key: in', '      value: header'],
      want: (r) => expect(r.auth).toEqual({ type: 'apikey', apikey: [{ key: 'key', value: 'X-Api-Key', type: 'string' }, { key: 'in', value: 'header', type: 'string' }] }),
    },
    {
      name: 'request auth noauth is explicit',
      yaml: ['auth:', '  type: noauth'],
      want: (r) => expect(r.auth).toEqual({ type: 'noauth' }),
    },
    {
      name: 'request auth inherit is left to the parents',
      yaml: ['auth:', '  type: inherit'],
      want: (r) => expect(r.auth).toBeUndefined(),
    },
    {
      name: 'scripts: beforeRequest and afterResponse',
      yaml: ['scripts:', '  - type: beforeRequest', '    code: |-', "      pm.variables.set('x', 1);", '    language: text/javascript', '  - type: afterResponse', '    code: |-', "      pm.test('ok', () => {", '        pm.response.to.have.status(200);', '      });'],
      want: (_r, item) =>
        expect(item.event).toEqual([
          { listen: 'prerequest', script: { type: 'text/javascript', exec: ["pm.variables.set('x', 1);"] } },
          { listen: 'test', script: { type: 'text/javascript', exec: ["pm.test('ok', () => {", '  pm.response.to.have.status(200);', '});'] } },
        ]),
    },
    {
      name: 'settings → protocolProfileBehavior',
      yaml: ['settings:', '  disabledSystemHeaders:', '    - accept', '    - content-type', '  followRedirects: false', '  maxRedirects: 3', '  strictSSL: false', '  protocolVersion: http1'],
      want: (_r, item) =>
        expect(item.protocolProfileBehavior).toEqual({ disabledSystemHeaders: { accept: true, 'content-type': true }, followRedirects: false, maxRedirects: 3, strictSSL: false, protocolVersion: 'http1' }),
    },
  ];
  for (const t of table) {
    it(t.name, async () => {
      const lines = t.yaml.some((l) => l.startsWith('url:')) ? t.yaml : ["url: '{{baseUrl}}/x'", ...t.yaml];
      const dir = writeTree({ 'r.request.yaml': y('$kind: http-request', ...(lines.some((l) => l.startsWith('method:')) ? [] : ['method: GET']), ...lines) });
      const c = await loadOne(dir);
      expect(c.notices).toEqual([]);
      t.want(req(c.json.item[0]), c.json.item[0]!);
    });
  }
});

describe('v3 → v2.1: collection and folder definitions', () => {
  it('variables (map and list), multi-auth, definition scripts, noauth under an inherited bearer, folder auth and scripts', async () => {
    const dir = writeTree({
      '.resources/definition.yaml': y(
        '$kind: collection',
        'name: Jamf regression',
        'description: suite',
        'variables:',
        "  baseUrl: 'https://jamf.example/api'",
        '  page: 0',
        'auth:',
        '  - id: 6a5dabbb-77ad-47c0-a6e0-3184beeda8cd',
        '    type: bearer',
        '    name: bearer auth',
        '    credentials:',
        "      token: '{{accessToken}}'",
        '  - id: 7b6ecccc-88be-48d1-b7f1-4295ffeeb9de',
        '    type: basic',
        '    name: fallback',
        '    credentials:',
        '      username: admin',
        'scripts:',
        '  - type: http:beforeRequest',
        '    code: console.log("collection pre")',
        '  - type: http:afterResponse',
        "    code: pm.test('collection test', () => {})",
        '  - type: graphql:beforeQuery',
        '    code: console.log("graphql only")',
      ),
      'Public/.resources/definition.yaml': y('$kind: collection', 'order: 2000', 'auth:', '  type: noauth', 'variables:', '  - key: folderVar', '    value: v', '    disabled: true'),
      'Public/health.request.yaml': y('$kind: http-request', "url: '{{baseUrl}}/v1/health-check'", 'method: GET'),
      'Secure/.resources/definition.yaml': y('$kind: collection', 'order: 1000', 'scripts:', '  - type: http:beforeRequest', '    code: |-', "      pm.request.headers.add({key: 'X-Folder', value: '1'})"),
      'Secure/who.request.yaml': y('$kind: http-request', "url: '{{baseUrl}}/v1/auth'", 'method: GET', 'order: 1000'),
      'Secure/open.request.yaml': y('$kind: http-request', "url: '{{baseUrl}}/v1/jamf-pro-version'", 'method: GET', 'auth:', '  type: noauth', 'order: 2000'),
    });
    const c = await loadOne(dir);
    expect(c.json.info).toMatchObject({ name: 'Jamf regression', description: 'suite' });
    expect(c.json.variable).toEqual([{ key: 'baseUrl', value: 'https://jamf.example/api' }, { key: 'page', value: 0 }]);
    expect(c.json.auth).toEqual({ type: 'bearer', bearer: [{ key: 'token', value: '{{accessToken}}', type: 'string' }] });
    expect(c.json.event?.map((e) => [e.listen, e.script?.exec])).toEqual([
      ['prerequest', ['console.log("collection pre")']],
      ['test', ["pm.test('collection test', () => {})"]],
    ]);
    const [secure, pub] = c.json.item;
    expect(secure!.name).toBe('Secure');
    expect(secure!.auth).toBeUndefined();
    expect(secure!.event?.[0]?.listen).toBe('prerequest');
    expect(names(secure!.item!)).toEqual(['who', 'open']);
    expect(req(secure!.item![0]).auth).toBeUndefined();
    expect(req(secure!.item![1]).auth).toEqual({ type: 'noauth' });
    expect(pub!.auth).toEqual({ type: 'noauth' });
    expect(pub!.variable).toEqual([{ key: 'folderVar', value: 'v', disabled: true }]);
    const codes = (c.notices ?? []).map((n) => n.code);
    expect(codes).toContain('V3_MULTI_AUTH');
    expect(codes).toContain('V3_FOLDER_VARIABLES');
    expect(c.notices?.find((n) => n.code === 'V3_MULTI_AUTH')?.message).toMatch(/definition\.yaml: auth lists 2 auth configurations.*"bearer auth" \(bearer\) is used/);
  });

  it('saved examples become v2.1 responses, in order', async () => {
    const dir = writeTree({
      'get book.request.yaml': y('$kind: http-request', "url: 'https://x/books/1'", 'method: GET'),
      '.resources/get book.resources/examples/404.example.yaml': y('$kind: http-example', 'name: Not found', 'request:', '  url: https://x/books/9', '  method: GET', 'response:', '  statusCode: 404', '  statusText: Not Found', '  body:', '    type: json', "    content: '{}'", 'order: 2000'),
      '.resources/get book.resources/examples/200.example.yaml': y('$kind: http-example', 'name: OK', 'request:', '  url: https://x/books/1', '  method: GET', 'response:', '  statusCode: 200', '  statusText: OK', '  headers:', '    Content-Type: application/json', '  body:', '    type: json', '    content: \'{"id":1}\'', 'order: 1000'),
    });
    const c = await loadOne(dir);
    const responses = c.json.item[0]!.response as Array<Record<string, unknown>>;
    expect(responses.map((r) => [r.name, r.code, r.status, r.body])).toEqual([['OK', 200, 'OK', '{"id":1}'], ['Not found', 404, 'Not Found', '{}']]);
  });
});

describe('v3: what the engine cannot run is reported, naming file and field', () => {
  it('non-HTTP request kinds, unknown body types, vault references, v2.1 field spellings', async () => {
    const root = writeTree({
      'api/.resources/definition.yaml': y('$kind: collection', 'name: Mixed'),
      'api/query.request.yaml': y('$kind: graphql-request', "url: 'https://x/graphql'", 'query: "{ books { id } }"'),
      'api/stream.request.yaml': y('$kind: websocket-request', "url: 'wss://x/ws'"),
      'api/odd.request.yaml': y('$kind: http-request', "url: 'https://x/o'", 'method: POST', 'body:', '  type: msgpack', "  content: 'x'"),
      'api/secret.request.yaml': y('$kind: http-request', "url: 'https://x/s'", 'method: GET', 'headers:', "  Authorization: 'Bearer {{vault:jamf-token}}'"),
      'api/legacy.request.yaml': y('$kind: http-request', "url: 'https://x/l'", 'method: GET', 'event:', '  - listen: test'),
    });
    const c = await loadOne(`${root}/api`);
    expect(names(c.json.item)).toEqual(['legacy', 'secret']);
    const messages = (c.notices ?? []).map((n) => `${n.level} ${n.code} ${n.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^warning V3_SKIPPED api\/query\.request\.yaml: \$kind graphql-request is not HTTP/),
        expect.stringMatching(/^warning V3_SKIPPED api\/stream\.request\.yaml: \$kind websocket-request/),
        expect.stringMatching(/^warning V3_SKIPPED api\/odd\.request\.yaml: body\.type "msgpack"/),
        expect.stringMatching(/^warning V3_VAULT api\/secret\.request\.yaml: headers\.Authorization uses the Postman Vault secret \{\{vault:jamf-token\}\}/),
        expect.stringMatching(/^warning V3_FIELD_IGNORED api\/legacy\.request\.yaml: unknown field "event" \(the v2\.1 spelling/),
      ]),
    );
  });

  const errors: Array<{ name: string; files: Record<string, string>; code: string; message: RegExp }> = [
    { name: 'YAML syntax: file, line and column', files: { 'bad.request.yaml': y('$kind: http-request', 'url: {{baseUrl}}/x', 'method: GET') }, code: 'COLLECTION_PARSE', message: /bad\.request\.yaml:2:\d+: invalid YAML/ },
    {
      name: 'aliases that expand without end ("billion laughs")',
      files: { 'bomb.request.yaml': y('$kind: http-request', "url: 'https://x'", 'method: GET', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`), 'headers:', '  X-Bomb: *a8') },
      code: 'COLLECTION_PARSE',
      message: /bomb\.request\.yaml: invalid YAML: Excessive alias count/,
    },
    { name: 'a duplicate key', files: { 'dup.request.yaml': y('$kind: http-request', "url: 'https://x'", 'method: GET', 'method: POST') }, code: 'COLLECTION_PARSE', message: /dup\.request\.yaml:4:1: invalid YAML: Map keys must be unique/ },
    { name: 'no $kind', files: { 'nokind.request.yaml': y("url: 'https://x'", 'method: GET') }, code: 'COLLECTION_PARSE', message: /nokind\.request\.yaml: no \$kind/ },
    { name: 'a request file that is a list', files: { 'list.request.yaml': y('- a', '- b') }, code: 'COLLECTION_PARSE', message: /list\.request\.yaml: expected a YAML mapping/ },
    { name: 'nothing runnable', files: { 'q.request.yaml': y('$kind: grpc-request', "url: 'grpc://x'") }, code: 'COLLECTION_EMPTY', message: /no HTTP requests to run.*grpc-request/ },
  ];
  for (const e of errors) {
    it(`${e.name} → ${e.code}`, async () => {
      const dir = writeTree(e.files);
      await expect(loadOne(dir)).rejects.toMatchObject({ code: e.code, exitCode: 2, message: expect.stringMatching(e.message) });
    });
  }
});

describe('v3: queryParams out of step with the url', () => {
  it('the url is sent; an enabled parameter missing from it is reported, not appended', async () => {
    const dir = writeTree({ 'r.request.yaml': y('$kind: http-request', "url: 'https://x/a?page=0'", 'method: GET', 'queryParams:', "  page: '0'", "  extra: '1'") });
    const c = await loadOne(dir);
    expect((req(c.json.item[0]).url as { query: unknown[] }).query).toEqual([{ key: 'page', value: '0' }]);
    expect(c.notices).toEqual([expect.objectContaining({ code: 'V3_FIELD_IGNORED', message: expect.stringContaining('r.request.yaml: queryParams "extra" is enabled but not in the url') })]);
  });
});
