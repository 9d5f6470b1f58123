/**
 * The simulator against Jamf's real 11.30.1 schema: every response of its endpoints
 * validates (nulls where the schema says non-nullable are tolerated, as real servers send
 * them), and its own /api/schema agrees on paths, methods, status codes and required fields.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- arbitrary JSON documents */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';
import { bearer, call, userToken } from './helpers.ts';

const file = new URL('../../../shared/jamf/openapi/jamf-pro-api-11.30.1.json', import.meta.url);
const present = existsSync(file);
if (!present) console.log('Skipping real-schema checks: ../shared/jamf/openapi/jamf-pro-api-11.30.1.json is absent.');

type Json = Record<string, any>;
// ajv-formats is CommonJS: its default export sits on `.default` under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => void;

/** OpenAPI 3.0 → JSON Schema: `nullable` becomes a null type; every schema also admits null (tolerated category). */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (['nullable', 'discriminator', 'example', 'xml', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly'].includes(k) || k.startsWith('x-')) continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, convert(s)])) : convert(v);
  }
  if (out.$ref) return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] };
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  if (out.enum) out.enum = [...out.enum, null];
  return out;
}

describe.skipIf(!present)('real Jamf Pro 11.30.1 schema', () => {
  let real: Json;
  let sim: RunningSimulator;
  let ajv: Ajv;
  beforeAll(async () => {
    real = JSON.parse(readFileSync(file, 'utf8'));
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    ajv.addFormat('base64', true);
    ajv.addSchema({ $id: 'real', components: { schemas: convert(real.components.schemas) } });
    sim = await startSimulator({});
  });
  afterAll(async () => { await sim?.close(); });

  function check(method: string, template: string, status: number, body: unknown): void {
    const response = real.paths[template]?.[method.toLowerCase()]?.responses?.[String(status)];
    expect(response, `${method} ${template} ${status} is declared`).toBeDefined();
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return;
    const validate = ajv.compile({ $ref: '#/x', x: JSON.parse(JSON.stringify(convert(schema)).replaceAll('#/components/', 'real#/components/')) } as object);
    const ok = validate(body);
    expect(ok, `${method} ${template} ${status}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  }

  it('every response of the simulated endpoints validates', async () => {
    const t = await bearer(sim);
    const a = await userToken(sim);
    const cases: Array<[string, string, string, unknown?, string?]> = [
      ['GET', '/api/v1/jamf-pro-version', '/v1/jamf-pro-version'],
      ['GET', '/api/v1/auth', '/v1/auth'],
      ['GET', '/api/v1/api-roles', '/v1/api-roles'],
      ['GET', '/api/v1/api-roles/1', '/v1/api-roles/{id}'],
      ['GET', '/api/v1/api-roles/999', '/v1/api-roles/{id}'],
      ['GET', '/api/v1/api-role-privileges', '/v1/api-role-privileges'],
      ['GET', '/api/v1/api-role-privileges/search?name=read&limit=5', '/v1/api-role-privileges/search'],
      ['GET', '/api/v1/api-integrations', '/v1/api-integrations'],
      ['GET', '/api/v1/api-integrations/1', '/v1/api-integrations/{id}'],
      ['POST', '/api/v1/api-integrations/2/client-credentials', '/v1/api-integrations/{id}/client-credentials'],
      ['GET', '/api/v1/sites', '/v1/sites'],
      ['GET', '/api/v2/mobile-devices', '/v2/mobile-devices'],
      ['GET', '/api/v2/mobile-devices/1', '/v2/mobile-devices/{id}'],
      ['POST', '/api/v1/buildings', '/v1/buildings', { name: 'Schema check' }],
      ['POST', '/api/v1/api-roles', '/v1/api-roles', { displayName: 'Schema role', privileges: ['Read Sites'] }],
      ['POST', '/api/v1/api-integrations', '/v1/api-integrations', { displayName: 'Schema client', authorizationScopes: ['Schema role'] }],
    ];
    for (const kind of ['buildings', 'departments', 'categories', 'scripts', 'packages']) {
      cases.push(['GET', `/api/v1/${kind}`, `/v1/${kind}`], ['GET', `/api/v1/${kind}/1`, `/v1/${kind}/{id}`]);
    }
    for (const v of ['v1', 'v3', 'v4']) {
      cases.push(
        ['GET', `/api/${v}/computers-inventory`, `/${v}/computers-inventory`],
        ['GET', `/api/${v}/computers-inventory?section=ALL&page-size=5`, `/${v}/computers-inventory`],
        ['GET', `/api/${v}/computers-inventory/2?section=HARDWARE&section=USER_AND_LOCATION`, `/${v}/computers-inventory/{id}`],
        ['GET', `/api/${v}/computers-inventory-detail/3`, `/${v}/computers-inventory-detail/{id}`],
        ['GET', `/api/${v}/computers-inventory/404`, `/${v}/computers-inventory/{id}`],
      );
    }
    for (const [method, path, template, body] of cases) {
      const res = await call(sim, method === 'GET' ? t : a, method, path, body);
      check(method, template, res.status, res.json);
    }
    const token = await fetch(`${sim.url}/api/v1/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret' });
    check('POST', '/v1/oauth/token', token.status, await token.json());
    const userTok = await fetch(`${sim.url}/api/v1/auth/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` } });
    check('POST', '/v1/auth/token', userTok.status, await userTok.json());
  });

  it('its own /api/schema agrees with the real one for every operation it implements', async () => {
    const own = await (await fetch(`${sim.url}/api/schema`)).json() as Json;
    const resolve = (doc: Json, s: Json | undefined): Json | undefined =>
      s?.$ref ? doc.components.schemas[String(s.$ref).split('/').pop() as string] : s;
    const required = (doc: Json, s: Json | undefined): string[] => [...((resolve(doc, s)?.required as string[]) ?? [])].sort();
    for (const [path, ops] of Object.entries(own.paths as Json)) {
      for (const [method, op] of Object.entries(ops as Json)) {
        const theirs = real.paths[path]?.[method];
        expect(theirs, `${method.toUpperCase()} ${path} exists in the real schema`).toBeDefined();
        expect(Object.keys(op.responses).sort(), `${method} ${path} status codes`).toEqual(Object.keys(theirs.responses).sort());
        for (const [status, r] of Object.entries(op.responses as Json)) {
          const mine = r.content?.['application/json']?.schema;
          const real2 = theirs.responses[status].content?.['application/json']?.schema;
          expect(required(own, mine), `${method} ${path} ${status} required`).toEqual(required(real, real2));
        }
        const myBody = op.requestBody?.content && Object.values(op.requestBody.content as Json)[0]?.schema;
        const realBody = theirs.requestBody?.content && Object.values(theirs.requestBody.content as Json)[0]?.schema;
        expect(required(own, myBody), `${method} ${path} request required`).toEqual(required(real, realBody));
        expect(op['x-required-privileges'], `${method} ${path} privileges`).toEqual(theirs['x-required-privileges'] ?? []);
        expect(op.deprecated ?? false, `${method} ${path} deprecated`).toBe(theirs.deprecated ?? false);
      }
    }
  });
});
