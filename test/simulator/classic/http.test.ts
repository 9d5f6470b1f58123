/** The Classic module mounted in the real simulator, over HTTP on a random port. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/simulator/index.ts';

let sim: { url: string; close(): Promise<void> };
let token = '';

async function call(method: string, path: string, init: { body?: string; type?: string; accept?: string } = {}): Promise<{ status: number; type: string; text: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.type !== undefined) headers['content-type'] = init.type;
  if (init.accept !== undefined) headers['accept'] = init.accept;
  const response = await fetch(`${sim.url}${path}`, { method, headers, body: init.body, signal: AbortSignal.timeout(5_000) });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  const response = await fetch(`${sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'admin-client', client_secret: 'admin-secret' }),
    signal: AbortSignal.timeout(5_000),
  });
  token = String(((await response.json()) as { access_token?: string }).access_token);
});

afterAll(async () => {
  await sim.close();
});

describe('Classic API in the simulator', () => {
  it('lists the seeded buildings as XML', async () => {
    const response = await call('GET', '/JSSResource/buildings');
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/xml;charset=UTF-8');
    expect(response.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><buildings><size>\d+<\/size><building><id>\d+<\/id>/);
  });

  it('reads seeded computers, mobile devices and policies', async () => {
    for (const path of ['/JSSResource/computers/id/1', '/JSSResource/mobiledevices/id/1', '/JSSResource/policies/id/1', '/JSSResource/computers/subset/basic']) {
      expect((await call('GET', path)).status, path).toBe(200);
    }
  });

  it('creates, reads as JSON and deletes a building', async () => {
    const created = await call('POST', '/JSSResource/buildings/id/0', { type: 'application/xml', body: '<building><name>Classic HTTP Test</name></building>' });
    expect(created.status).toBe(201);
    const id = /<id>(\d+)<\/id>/.exec(created.text)?.[1];
    const read = await call('GET', `/JSSResource/buildings/id/${id}`, { accept: 'application/json' });
    expect(JSON.parse(read.text)).toEqual({ building: { id: Number(id), name: 'Classic HTTP Test' } });
    expect((await call('DELETE', `/JSSResource/buildings/id/${id}`)).status).toBe(200);
  });

  it('answers 401 without a valid token', async () => {
    token = 'not-a-token';
    expect((await call('GET', '/JSSResource/buildings')).status).toBe(401);
  });
});
