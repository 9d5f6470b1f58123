/** Where `generate` reads from, for what the simulator cannot do: a server that wants a token for its schema. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '../../src/generate/sources.ts';
import { tinyServer, type TinyServer } from '../helpers/http.ts';
import { generatorFixture } from './fixture.ts';

const TOKEN = 'gen-test-token-0123456789';

describe('loadSources', () => {
  let server: TinyServer;
  beforeAll(async () => {
    server = await tinyServer((req, res) => {
      const json = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && /oauth\/token$/.test(req.url ?? '')) return json(200, { access_token: TOKEN, token_type: 'Bearer', expires_in: 600, scope: 'api-role:1' });
      if (req.url === '/api/v1/jamf-pro-version') return json(200, { version: '11.30.1-t1' });
      if (req.url === '/api/schema') return req.headers.authorization === `Bearer ${TOKEN}` ? json(200, generatorFixture()) : json(401, { httpStatus: 401, errors: [] });
      return json(404, {});
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('asks again with the credentials\' token when the schema is refused without one', async () => {
    const loaded = await loadSources({ serverUrl: server.url, credentials: { clientId: 'c', clientSecret: 's' } });
    expect(Object.keys(loaded.document.paths as object)).toContain('/v1/widgets');
    expect(server.hits.filter((h) => h === 'GET /api/schema')).toHaveLength(2);
  });

  it('without credentials the refusal stands', async () => {
    await expect(loadSources({ serverUrl: server.url })).rejects.toMatchObject({ code: 'SPEC_READ' });
  });

  it('names what is missing before reading anything', async () => {
    await expect(loadSources({})).rejects.toMatchObject({ code: 'USAGE' });
    await expect(loadSources({ openapi: 'x.json', includeClassic: true })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(loadSources({ openapi: 'x.json', privilegesOf: 'self' })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
