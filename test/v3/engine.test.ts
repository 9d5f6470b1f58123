/**
 * A real-shaped v3 collection run on Postman's engine against a local server: what arrives
 * on the wire shows each construct mapped (inherited bearer, `noauth` under it, folder and
 * collection scripts, query parameters not doubled, path variables, bodies, order). The
 * same tree converted to v2.1 JSON sends exactly the same requests.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/load/convert.ts';
import { tempDir } from '../helpers/collections.ts';
import { runCaptured } from '../helpers/run.ts';
import { writeTree, y } from '../helpers/v3.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let base = '';
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, path: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const tree = {
  '.resources/definition.yaml': y(
    '$kind: collection',
    'name: Wire check',
    'variables:',
    '  token: abc123',
    'auth:',
    '  - id: 6a5dabbb-77ad-47c0-a6e0-3184beeda8cd',
    '    type: bearer',
    '    name: bearer auth',
    '    credentials:',
    "      token: '{{token}}'",
    'scripts:',
    '  - type: http:beforeRequest',
    '    code: |-',
    "      pm.request.headers.add({ key: 'X-Collection', value: 'yes' });",
    '  - type: http:afterResponse',
    '    code: |-',
    "      pm.test('collection: 200', () => pm.response.to.have.status(200));",
  ),
  'Secure/.resources/definition.yaml': y('$kind: collection', 'order: 9007199254740993', 'scripts:', '  - type: http:beforeRequest', '    code: |-', "      pm.request.headers.add({ key: 'X-Folder', value: 'secure' });"),
  'Secure/who.request.yaml': y('$kind: http-request', "url: '{{url}}/who?keep=1'", 'method: GET', 'queryParams:', '  - key: keep', "    value: '1'", '  - key: drop', "    value: '2'", '    disabled: true', 'order: 2000'),
  'Secure/open.request.yaml': y('$kind: http-request', "url: '{{url}}/open'", 'method: GET', 'auth:', '  type: noauth', 'order: 1000', 'scripts:', '  - type: afterResponse', '    code: |-', "      pm.test('request: path echoed', () => pm.expect(pm.response.json().path).to.eql('/open'));"),
  'Plain/book.request.yaml': y('$kind: http-request', "url: '{{url}}/books/:id'", 'method: GET', 'pathVariables:', "  id: '7'", 'order: 1000'),
  'Plain/form.request.yaml': y('$kind: http-request', "url: '{{url}}/form'", 'method: POST', 'body:', '  type: formdata', '  content:', '    - key: note', '      type: text', '      value: hello', '    - key: skipped', '      value: no', '      disabled: true', 'order: 2000'),
  'Plain/urlenc.request.yaml': y('$kind: http-request', "url: '{{url}}/token'", 'method: POST', 'body:', '  type: urlencoded', '  content:', '    grant_type: client_credentials', 'order: 3000'),
  'Plain/json.request.yaml': y('$kind: http-request', "url: '{{url}}/json'", 'method: POST', 'headers:', '  Content-Type: application/json', 'body:', '  type: json', '  content: |-', '    {"name": "HQ"}', 'order: 4000'),
  // Before Secure: its order is a 16-digit value one less than Secure's, equal to it as a double.
  'First/.resources/definition.yaml': y('$kind: collection', 'order: 9007199254740992'),
  'First/ping.request.yaml': y('$kind: http-request', "url: '{{url}}/ping'", 'method: GET'),
};

async function runAndWatch(collection: string): Promise<{ wire: Seen[]; tests: string[] }> {
  seen.length = 0;
  const { results } = await runCaptured({
    collections: [collection],
    serverUrl: base,
    credentials: {},
    auth: 'none',
    // `{{url}}/books` is no Jamf path, so the server variable is given rather than worked out.
    vars: { url: base },
    allowWrites: true,
  });
  return { wire: [...seen], tests: results.flatMap((r) => r.tests.map((t) => `${r.itemName}: ${t.name} ${t.passed ? 'passed' : 'failed'}`)) };
}

describe('a v3 collection on the wire', () => {
  it('sends every construct as Postman would', async () => {
    const dir = writeTree(tree);
    const { wire, tests } = await runAndWatch(dir);
    // First and Secure by their 16-digit orders; Plain has no definition, so no order: last.
    expect(wire.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /ping', 'GET /open', 'GET /who?keep=1', 'GET /books/7', 'POST /form', 'POST /token', 'POST /json']);
    const by = (url: string): Seen => wire.find((s) => s.url === url)!;
    expect(by('/books/7').headers.authorization).toBe('Bearer abc123');
    expect(by('/open').headers.authorization).toBeUndefined();
    expect(by('/who?keep=1').headers.authorization).toBe('Bearer abc123');
    expect(by('/who?keep=1').headers['x-folder']).toBe('secure');
    expect(by('/books/7').headers['x-folder']).toBeUndefined();
    for (const s of wire) expect(s.headers['x-collection']).toBe('yes');
    expect(by('/form').headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(by('/form').body).toContain('name="note"\r\n\r\nhello');
    expect(by('/form').body).not.toContain('skipped');
    expect(by('/token').body).toBe('grant_type=client_credentials');
    expect(by('/json').body).toBe('{"name": "HQ"}');
    expect(tests).toContain('open: request: path echoed passed');
    expect(tests.filter((t) => t.includes('collection: 200 passed'))).toHaveLength(7);
  });

  it('converted to v2.1 JSON, it sends the same requests and gets the same test results', async () => {
    const dir = writeTree(tree);
    const json = join(tempDir(), 'wire.postman_collection.json');
    await convert([dir], json);
    const fromV3 = await runAndWatch(dir);
    const fromJson = await runAndWatch(json);
    const shape = (w: Seen[]): unknown[] => w.map((s) => [s.method, s.url, s.headers.authorization, s.headers['x-folder'], s.headers['content-type']?.replace(/boundary=.*/, ''), s.body.replace(/-{2,}\d+/g, '--b')]);
    expect(fromV3.wire).toHaveLength(7);
    expect(shape(fromJson.wire)).toEqual(shape(fromV3.wire));
    expect(fromJson.tests).toEqual(fromV3.tests);
  });
});

describe('secrets from v3 environment and globals files', () => {
  it('values marked secret (type: secret, or secret: true) are redacted in what scripts print', async () => {
    const dir = writeTree({
      'echo.request.yaml': y('$kind: http-request', "url: '{{url}}/echo'", 'method: GET', 'scripts:', '  - type: beforeRequest', '    code: |-', "      console.log('env', pm.environment.get('apiKey'), 'global', pm.globals.get('gToken'));"),
      'Sim.environment.yaml': y('name: Sim', 'values:', '  - key: apiKey', '    value: sk-env-secret-1234', '    enabled: true', '    type: secret'),
      'Globals.globals.yaml': y('name: Globals', 'values:', '  - key: gToken', '    value: gl-secret-5678', '    type: default', '    secret: true'),
    });
    const { console: lines, results } = await runCaptured({
      collections: [dir],
      serverUrl: base,
      credentials: {},
      auth: 'none',
      vars: { url: base },
      envFile: join(dir, 'Sim.environment.yaml'),
      globalsFile: join(dir, 'Globals.globals.yaml'),
    });
    expect(results.map((r) => r.response?.status)).toEqual([200]);
    const printed = lines.map((l) => l.message).join('\n');
    expect(printed).toMatch(/env \[REDACTED\] global \[REDACTED\]/);
    expect(printed).not.toContain('sk-env-secret-1234');
    expect(printed).not.toContain('gl-secret-5678');
  });
});

describe('Postman Vault references', () => {
  it('{{vault:name}} is sent when --var defines it, and skipped as unresolved when nothing does', async () => {
    const dir = writeTree({
      '.resources/definition.yaml': y('$kind: collection', 'name: Vault'),
      'a.request.yaml': y('$kind: http-request', "url: '{{url}}/vault'", 'method: GET', 'headers:', "  X-Key: '{{vault:jamf-key}}'"),
    });
    seen.length = 0;
    const given = await runCaptured({ collections: [dir], serverUrl: base, credentials: {}, auth: 'none', vars: { url: base, 'vault:jamf-key': 'k-123' } });
    expect(seen.map((s) => s.headers['x-key'])).toEqual(['k-123']);
    expect(given.summary.notices).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'V3_VAULT' })]));
    const missing = await runCaptured({ collections: [dir], serverUrl: base, credentials: {}, auth: 'none', vars: { url: base } });
    expect(missing.results[0]?.skipped).toMatchObject({ reason: 'unresolved-variables', variables: ['vault:jamf-key'] });
    expect(seen).toHaveLength(1);
  });
});
