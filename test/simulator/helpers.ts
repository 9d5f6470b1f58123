/* eslint-disable @typescript-eslint/no-explicit-any -- responses are arbitrary JSON */
import type { RunningSimulator } from '../../src/simulator/index.ts';

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export async function clientToken(sim: RunningSimulator, id: string, secret: string, path = '/api/v1/oauth/token'): Promise<Response> {
  return fetch(`${sim.url}${path}`, {
    method: 'POST', headers: FORM,
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }).toString(),
  });
}

export async function bearer(sim: RunningSimulator, id = 'demo-client', secret = 'demo-secret'): Promise<string> {
  const res = await clientToken(sim, id, secret);
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function userToken(sim: RunningSimulator, user = 'admin', password = 'admin'): Promise<string> {
  const res = await fetch(`${sim.url}/api/v1/auth/token`, {
    method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
  });
  return ((await res.json()) as { token: string }).token;
}

export async function call(sim: RunningSimulator, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
  return { status: res.status, json, headers: res.headers };
}
