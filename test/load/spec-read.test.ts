import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, parseDocument, readSpecDocument, schemaUrl, shownSource } from '../../src/load/spec.ts';
import { isJamfContractError } from '../../src/errors.ts';

const doc = { openapi: '3.0.1', info: { title: 'T', version: 'production' }, paths: { '/v1/a': { get: { responses: { '200': { description: 'ok' } } } } } };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return isJamfContractError(error) ? error.code : `other: ${String(error)}`;
  }
}

async function messageOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(() => 'no error', (error: Error) => error.message);
}

function portOf(server: { address(): AddressInfo | string | null }): number {
  return (server.address() as AddressInfo).port;
}

describe('schemaUrl', () => {
  it.each([
    ['https://jamf.example.com', 'https://jamf.example.com/api/schema'],
    ['https://jamf.example.com/api/', 'https://jamf.example.com/api/schema'],
    ['https://jamf.example.com/jamf/api', 'https://jamf.example.com/jamf/api/schema'],
    ['https://jamf.example.com/classicapi/doc/swagger.yaml', 'https://jamf.example.com/classicapi/doc/swagger.yaml'],
  ])('%s → %s', (given, want) => {
    expect(schemaUrl(given)).toBe(want);
  });
});

describe('shownSource', () => {
  it.each([
    ['https://admin:hunter2@jamf.example.com/api/schema?token=s3cret#x', 'https://jamf.example.com/api/schema'],
    ['https://jamf.example.com/', 'https://jamf.example.com'],
    ['./specs/jamf.json', './specs/jamf.json'],
  ])('%s → %s', (given, want) => {
    expect(shownSource(given)).toBe(want);
  });
});

describe('parseDocument', () => {
  it.each([
    { name: 'JSON after a byte-order mark', text: `\uFEFF${JSON.stringify(doc)}`, source: 'a.txt', want: 'ok' },
    { name: 'a broken .json file', text: 'not json {', source: 'a.json', want: 'SPEC_PARSE' },
    { name: 'the same text elsewhere', text: 'not json {', source: 'a.txt', want: 'SPEC_NOT_OPENAPI' },
    { name: 'duplicate YAML keys', text: 'openapi: 3.0.1\npaths: {}\npaths: {}\n', source: 'a.yaml', want: 'ok' },
    { name: 'a few YAML aliases', text: 'openapi: 3.0.1\nx-a: &a {type: string}\npaths: {}\nx-b: [*a, *a, *a]\n', source: 'a.yaml', want: 'ok' },
    {
      name: 'YAML aliases that expand without end ("billion laughs")',
      text: ['openapi: 3.0.1', 'paths: {}', 'x-a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `x-a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n'),
      source: 'bomb.yaml',
      want: 'SPEC_PARSE',
    },
  ])('$name → $want', ({ text, source, want }) => {
    let got = 'ok';
    try {
      parseDocument(text, source);
    } catch (error) {
      got = isJamfContractError(error) ? error.code : String(error);
    }
    expect(got).toBe(want);
  });
});

describe('reading from a server', () => {
  let server: Server;
  let base: string;
  const seen: IncomingMessage[] = [];
  let endlessBytes = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      const path = req.url?.split('?')[0];
      if (path === '/api/schema') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
      else if (path === '/slow') return; // never answers: the caller's timeout must end it
      else if (path === '/endless') {
        // Sends without end: counted, so the test sees how much the reader asked for.
        res.writeHead(200, { 'content-type': 'application/json' });
        const piece = Buffer.alloc(1 << 20, 0x20);
        const pump = (): void => {
          while (!res.destroyed && res.write(piece)) endlessBytes += piece.length;
        };
        res.on('drain', pump);
        res.write('{');
        pump();
      }
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${portOf(server)}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads a bare server URL, with or without /api, at /api/schema', async () => {
    expect((await loadSpec(base)).operations.map((o) => o.key)).toEqual(['GET /v1/a']);
    expect((await loadSpec(`${base}/api`)).source).toBe(`${base}/api`);
    expect((await readSpecDocument(`${base}/`)).kind).toBe('openapi3');
  });

  it('sends URL credentials as Basic and never shows them or the query', async () => {
    const secret = base.replace('http://', 'http://admin:hunter2@');
    const spec = await loadSpec(`${secret}/api/schema?token=s3cret`);
    expect(spec.source).toBe(`${base}/api/schema`);
    expect(seen.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('admin:hunter2').toString('base64')}`);
    const failed = await messageOf(loadSpec(`${secret}/nope.json?token=s3cret`));
    expect(failed).toMatch(/404/);
    expect(failed).not.toMatch(/hunter2|s3cret|admin/);
  });

  it('gives up after timeoutMs', async () => {
    expect(await codeOf(loadSpec(`${base}/slow`, { timeoutMs: 200 }))).toBe('SPEC_READ');
  });

  it('stops reading an answer larger than 100 MB: SPEC_READ, the server sent little more', { timeout: 60_000 }, async () => {
    // No timeout given: before, it read until the memory ran out (22 GB in 100 s here).
    const failed = await messageOf(loadSpec(`${base}/endless`));
    expect(failed).toMatch(/larger than 100 MB/);
    expect(await codeOf(loadSpec(`${base}/endless`))).toBe('SPEC_READ');
    expect(endlessBytes).toBeLessThan(2 * 140 * 2 ** 20);
  });
});

describe('a self-signed certificate', () => {
  let server: ReturnType<typeof createHttpsServer>;
  let base: string;

  beforeAll(async () => {
    const { generate } = await import('selfsigned');
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048, algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    } as Parameters<typeof generate>[1]);
    server = createHttpsServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.writeHead(200).end(JSON.stringify(doc)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${portOf(server)}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is refused unless insecure is set', async () => {
    expect(await codeOf(loadSpec(base))).toBe('SPEC_READ');
    expect((await loadSpec(base, { insecure: true })).kind).toBe('openapi3');
  });
});
