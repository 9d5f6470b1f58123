import { createServer, type Server } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSources, loadSpec, schemaUrl } from '../../src/diff/index.ts';
import { isJamfContractError } from '../../src/errors.ts';

const doc = { openapi: '3.0.1', info: { title: 'Jamf Pro API', version: 'production' }, paths: { '/v1/ping': { get: { responses: { '200': { description: 'ok' } } } } } };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return isJamfContractError(error) ? `${error.code}/${error.exitCode}` : String(error);
  }
}

describe('schemaUrl', () => {
  it.each([
    ['https://jamf.example.com', 'https://jamf.example.com/api/schema'],
    ['https://jamf.example.com/', 'https://jamf.example.com/api/schema'],
    ['https://jamf.example.com:8443/api', 'https://jamf.example.com:8443/api/schema'],
    ['https://example.com/specs/jamf.json', 'https://example.com/specs/jamf.json'],
  ])('%s → %s', (given, want) => {
    expect(schemaUrl(given)).toBe(want);
  });
});

describe('loadSpec', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jc-diff-load-'));
    await writeFile(join(dir, 'pro.json'), JSON.stringify(doc));
    await writeFile(join(dir, 'pro.yaml'), 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /v1/ping:\n    get:\n      responses: {"200": {description: ok}}\n');
    await writeFile(join(dir, 'classic.yaml'), 'swagger: "2.0"\ninfo: {title: c, version: "1"}\npaths: {}\n');
    await writeFile(join(dir, 'broken.json'), '{"openapi": "3.0.1", ');
    await writeFile(join(dir, 'postman.json'), JSON.stringify({ info: { name: 'x' }, item: [] }));
    server = createServer((req, res) => {
      if (req.url?.split('?')[0] === '/api/schema') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads JSON and YAML files, and a server URL through /api/schema', async () => {
    expect((await loadSpec(join(dir, 'pro.json'))).kind).toBe('openapi3');
    expect((await loadSpec(join(dir, 'pro.yaml'))).kind).toBe('openapi3');
    expect((await loadSpec(join(dir, 'classic.yaml'))).kind).toBe('swagger2');
    expect((await loadSpec(base)).doc).toEqual(doc);
    const report = await diffSources(base, join(dir, 'pro.yaml'));
    expect(report.entries).toEqual([]);
  });

  it.each([
    ['missing file', 'missing.json', 'SPEC_READ/2'],
    ['unparseable', 'broken.json', 'SPEC_PARSE/2'],
    ['not OpenAPI', 'postman.json', 'SPEC_NOT_OPENAPI/2'],
  ])('%s → %s', async (_name, file, want) => {
    expect(await codeOf(loadSpec(join(dir, file)))).toBe(want);
  });

  it('never shows credentials or a query from a URL', async () => {
    const withSecrets = base.replace('http://', 'http://admin:hunter2@') + '/?token=s3cret';
    const spec = await loadSpec(withSecrets);
    expect(spec.source).toBe(base);
    const failed = await loadSpec(`${withSecrets.replace('/?', '/nope.json?')}`).catch((e: Error) => e.message);
    expect(String(failed)).not.toMatch(/hunter2|s3cret|admin/);
  });

  it('refuses a URL that answers 404, and two documents of different kinds', async () => {
    expect(await codeOf(loadSpec(`${base}/nope.json`))).toBe('SPEC_READ/2');
    expect(await codeOf(diffSources(join(dir, 'pro.json'), join(dir, 'classic.yaml')))).toBe('SPEC_NOT_OPENAPI/2');
  });
});
