import { mkdtemp, rm, writeFile, readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, resolveAutoSpec } from '../../src/load/spec.ts';
import { isJamfContractError } from '../../src/errors.ts';

const minimal = { openapi: '3.0.1', info: { title: 'T', version: 'production' }, servers: [{ url: '/api' }], paths: { '/v1/a': { get: { responses: { '200': { description: 'ok' } } } } } };
let dir: string;
let server: Server;
let baseUrl: string;
let schemaRequests = 0;
let swaggerRequests = 0;
const swagger = 'swagger: "2.0"\ninfo: {title: Classic, version: production}\nbasePath: /JSSResource\npaths:\n  /buildings:\n    get:\n      responses:\n        "200": {description: ok}\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jc-spec-'));
  server = createServer((req, res) => {
    if (req.url === '/api/schema') {
      schemaRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(minimal));
    } else if (req.url === '/classicapi/doc/swagger.yaml') {
      swaggerRequests += 1;
      res.writeHead(200, { 'content-type': 'application/yaml' }).end(swagger);
    } else if (req.url === '/spec.yaml') {
      res.writeHead(200).end('openapi: 3.0.1\ninfo: {title: Y, version: production}\npaths: {}\n');
    } else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return isJamfContractError(error) ? error.code : `other: ${String(error)}`;
  }
}

describe('loadSpec', () => {
  it('loads JSON OpenAPI and indexes operations with the relative server base path', async () => {
    const spec = await loadSpec(await file('a.json', JSON.stringify(minimal)));
    expect(spec).toMatchObject({ kind: 'openapi3', api: 'pro', version: '3.0.1', basePaths: ['/api'] });
    expect(spec.operations.map((o) => o.key)).toEqual(['GET /v1/a']);
  });

  it('loads Swagger 2.0 YAML with unquoted dates and an empty-string definition key', async () => {
    const yaml = [
      "swagger: '2.0'",
      'info: {title: C, version: production}',
      'basePath: /JSSResource/',
      'paths:',
      '  /buildings:',
      '    get:',
      '      x-deprecation-date: 2025-02-11',
      "      responses: {'200': {description: none}}",
      'definitions:',
      "  '': {type: object}",
      '  ref: {$ref: "#/definitions/"}',
    ].join('\n');
    const spec = await loadSpec(await file('c.yaml', yaml));
    expect(spec).toMatchObject({ kind: 'swagger2', api: 'classic', basePaths: ['/JSSResource'] });
    expect(spec.operations[0]?.op['x-deprecation-date']).toBe('2025-02-11');
  });

  it('loads from an http URL', async () => {
    const spec = await loadSpec(`${baseUrl}/spec.yaml`);
    expect(spec.title).toBe('Y');
  });

  const bad: Array<{ name: string; text: string; want: string }> = [
    { name: 'not JSON or YAML', text: '{"openapi": ', want: 'SPEC_PARSE' },
    { name: 'YAML scalar', text: 'just text', want: 'SPEC_NOT_OPENAPI' },
    { name: 'a Postman collection', text: JSON.stringify({ info: { name: 'x' }, item: [] }), want: 'SPEC_NOT_OPENAPI' },
    { name: 'OpenAPI 2-ish version', text: JSON.stringify({ openapi: '2.0', paths: {} }), want: 'SPEC_NOT_OPENAPI' },
    { name: 'broken $ref', text: JSON.stringify({ ...minimal, components: { schemas: { A: { $ref: '#/components/schemas/Missing' } } } }), want: 'SPEC_REF' },
    { name: 'external $ref', text: JSON.stringify({ ...minimal, components: { schemas: { A: { $ref: 'other.yaml#/A' } } } }), want: 'SPEC_REF' },
  ];
  it.each(bad)('$name → $want', async ({ name, text, want }) => {
    expect(await codeOf(loadSpec(await file(`${name.replace(/\W/g, '_')}.txt`, text)))).toBe(want);
  });

  it('names a missing file and a failed download as SPEC_READ', async () => {
    expect(await codeOf(loadSpec(join(dir, 'nope.json')))).toBe('SPEC_READ');
    expect(await codeOf(loadSpec(`${baseUrl}/missing.json`))).toBe('SPEC_READ');
    const failing = (() => Promise.reject(new Error('ECONNREFUSED'))) as typeof fetch;
    expect(await codeOf(loadSpec('https://jamf.invalid/api/schema', { fetch: failing }))).toBe('SPEC_READ');
  });

  it('honours an explicit kind', async () => {
    const spec = await loadSpec(await file('k.json', JSON.stringify(minimal)), { kind: 'classic' });
    expect(spec.api).toBe('classic');
    expect(spec.basePaths).toEqual(['/JSSResource']);
  });
});

describe('resolveAutoSpec', () => {
  it('downloads /api/schema once per server and version, then uses the cache', async () => {
    const cacheDir = join(dir, 'cache');
    const before = schemaRequests;
    const first = await resolveAutoSpec({ serverUrl: `${baseUrl}/`, jamfVersion: '11.30.1', fetch, cacheDir });
    const second = await resolveAutoSpec({ serverUrl: `${baseUrl}/api`, jamfVersion: '11.30.1', fetch, cacheDir });
    expect(first?.operations).toHaveLength(1);
    expect(second?.operations).toHaveLength(1);
    expect(schemaRequests - before).toBe(1);
    await resolveAutoSpec({ serverUrl: baseUrl, jamfVersion: '11.31.0', fetch, cacheDir });
    expect(schemaRequests - before).toBe(2);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.json'))).toHaveLength(2);
  });

  it('downloads the Classic swagger once per server and version too, in a cache entry of its own', async () => {
    const cacheDir = join(dir, 'classic-cache');
    const before = swaggerRequests;
    const first = await resolveAutoSpec({ serverUrl: baseUrl, jamfVersion: '11.30.1', fetch, cacheDir, api: 'classic' });
    const second = await resolveAutoSpec({ serverUrl: `${baseUrl}/`, jamfVersion: '11.30.1', fetch, cacheDir, api: 'classic' });
    expect(first).toMatchObject({ api: 'classic', kind: 'swagger2' });
    expect(second?.operations).toHaveLength(1);
    expect(swaggerRequests - before).toBe(1);
    // The Pro API schema of the same server and version is another entry.
    await resolveAutoSpec({ serverUrl: baseUrl, jamfVersion: '11.30.1', fetch, cacheDir });
    const names = await readdir(cacheDir);
    expect(names).toHaveLength(2);
    expect(names.filter((n) => n.endsWith('-11.30.1-classic.yaml') || n.endsWith('-11.30.1.json'))).toHaveLength(2);
    await resolveAutoSpec({ serverUrl: baseUrl, jamfVersion: '11.31.0', fetch, cacheDir, api: 'classic' });
    expect(swaggerRequests - before).toBe(2);
  });

  it('a damaged cache entry is downloaded again', async () => {
    const cacheDir = join(dir, 'damaged-cache');
    await resolveAutoSpec({ serverUrl: baseUrl, jamfVersion: '11.30.1', fetch, cacheDir, api: 'classic' });
    const [entry] = await readdir(cacheDir);
    await writeFile(join(cacheDir, entry!), 'swagger: [not, a, document');
    const before = swaggerRequests;
    const again = await resolveAutoSpec({ serverUrl: baseUrl, jamfVersion: '11.30.1', fetch, cacheDir, api: 'classic' });
    expect(again?.operations).toHaveLength(1);
    expect(swaggerRequests - before).toBe(1);
  });

  it('refuses, naming the status, when the server gives no /api/schema', async () => {
    const noSchema = (() => Promise.resolve(new Response('nope', { status: 404 }))) as typeof fetch;
    await expect(resolveAutoSpec({ serverUrl: 'https://old.example', jamfVersion: '10.0.0', fetch: noSchema, cacheDir: join(dir, 'c2') })).rejects.toMatchObject({
      code: 'SPEC_READ',
      message: expect.stringContaining('answered 404'),
    });
  });
});
