/** Small given specs for the contract-check tables. */
import { specFromDocument, type LoadedSpec } from '../../src/load/spec.ts';
import type { Exchange } from '../../src/validate/index.ts';

export function proSpec(paths: Record<string, unknown>, schemas: Record<string, unknown> = {}, servers: unknown[] = [{ url: '/api' }]): LoadedSpec {
  return specFromDocument({ openapi: '3.0.1', info: { title: 'Test Pro', version: 'production' }, servers, paths, components: { schemas } }, 'test-pro.json', 'pro');
}

/** A GET operation answering 200 JSON with `schema`. */
export function getWith(schema: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } }, ...extra } };
}

export function jsonExchange(path: string, body: unknown, overrides: Partial<Exchange> = {}): Exchange {
  return {
    method: 'GET',
    url: `https://jamf.example${path}`,
    status: 200,
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    body: Buffer.from(JSON.stringify(body)),
    ...overrides,
  };
}
