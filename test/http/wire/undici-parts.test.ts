/** undici's parts loaded on their own (undici-parts.ts) answer as the whole package does. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromFiles, fromIndex, type UndiciParts } from '../../../src/wire/undici-parts.ts';
import { createHttpClient } from '../../../src/wire/http.ts';
import { newJar, tinyServer } from '../../helpers/http.ts';

const CHILD = fileURLToPath(new URL('./undici-parts-child.ts', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));

describe('undici parts', () => {
  it('are found in the installed undici', () => {
    expect(fromFiles()).toBeDefined();
  });

  it('send the same request and read the same answer as the whole package', async () => {
    const seen: string[] = [];
    const server = await tinyServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers['x-probe']}`);
      res.writeHead(201, { 'x-answer': 'yes', 'content-type': 'text/plain' }).end(`body of ${req.url}`);
    });
    try {
      const answers = [];
      for (const parts of [fromFiles()!, fromIndex()] as UndiciParts[]) {
        const agent = new parts.Agent({ connect: parts.buildConnector({}) });
        try {
          const res = await parts.request(`${server.url}/a%20b/c?x=1&y=%2F`, { method: 'GET', dispatcher: agent, headers: { 'x-probe': 'p' } });
          answers.push({ status: res.statusCode, answer: res.headers['x-answer'], text: await res.body.text() });
        } finally {
          await agent.close();
        }
      }
      expect(answers[0]).toEqual({ status: 201, answer: 'yes', text: 'body of /a%20b/c?x=1&y=%2F' });
      expect(answers[1]).toEqual(answers[0]);
      expect(seen).toEqual(['GET /a%20b/c?x=1&y=%2F p', 'GET /a%20b/c?x=1&y=%2F p']);
    } finally {
      await server.close();
    }
  });

  it('a call from the tool\'s own client does not load undici\'s index (fetch, WebSocket, mocks…)', async () => {
    const server = await tinyServer((_req, res) => res.writeHead(200).end('ok'));
    try {
      // Not execFileSync: the server answering the child lives in this process.
      const { stdout: out } = await promisify(execFile)(process.execPath, [RUN_TS, CHILD, `${server.url}/x`], { encoding: 'utf8', timeout: 60_000 });
      const result = JSON.parse(out.trim().split('\n').pop()!) as { status: number; text: string; index: boolean; files: number };
      expect(result).toMatchObject({ status: 200, text: 'ok', index: false });
      expect(result.files).toBeLessThan(60);
    } finally {
      await server.close();
    }
  }, 90_000);

  it('the client still answers through them', async () => {
    const server = await tinyServer((_req, res) => res.writeHead(200, { 'set-cookie': 'APBALANCEID=aws.1; Path=/' }).end('{}'));
    const http = createHttpClient({ jar: newJar() });
    try {
      expect((await http.send('GET', `${server.url}/x`, {})).status).toBe(200);
    } finally {
      await http.close();
      await server.close();
    }
  });
});
