/** Over Jamf's real schemas and bodies in ../shared/jamf (skipped when absent). */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec, type LoadedSpec } from '../../src/load/spec.ts';
import { createContractChecker } from '../../src/validate/index.ts';

const jamf = new URL('../../../shared/jamf/', import.meta.url);
const at = (p: string) => new URL(p, jamf).pathname;
const present = existsSync(at('openapi/jamf-pro-api-11.30.1.json'));
if (!present) console.log('note: ../shared/jamf is absent: the real-file contract tests are skipped');
const classicSwagger = existsSync(at('classic/classic-swagger-11.30.yaml'));
if (present && !classicSwagger) console.log('note: ../shared/jamf/classic/classic-swagger-11.30.yaml is absent: the Classic swagger status test is skipped');

const read = (p: string) => readFileSync(at(p));
const xmlHeaders = { 'content-type': 'text/xml;charset=UTF-8' };
const jsonHeaders = { 'content-type': 'application/json;charset=UTF-8' };

describe.skipIf(!present)('real Jamf Pro schemas', () => {
  it.each([
    ['openapi/jamf-pro-api-11.30.1.json', 817],
    ['openapi/jamf-pro-api-11.29.1.json', 785],
  ])('%s loads and indexes %i operations', async (file, count) => {
    const spec = await loadSpec(at(file));
    expect(spec).toMatchObject({ kind: 'openapi3', api: 'pro', basePaths: ['/api'] });
    expect(spec.operations).toHaveLength(count);
  });

  const cases: Array<{ name: string; method: string; path: string; status: number; file: string; want: string[] }> = [
    // 401 is documented (ApiError) on this operation; Jamf sends `field: null`, which the schema does not allow.
    { name: '401 error body', method: 'GET', path: '/api/v1/service-discovery-enrollment/well-known-settings', status: 401, file: 'examples/pro-error-401.json', want: ['null-in-non-nullable:warning@/errors/0/field'] },
    { name: '403 error body', method: 'GET', path: '/api/v1/buildings/1', status: 403, file: 'examples/pro-error-403.json', want: ['undocumented-status:violation@'] },
    { name: 'OAuth token response', method: 'POST', path: '/api/v1/oauth/token', status: 200, file: 'examples/oauth-token-response.json', want: [] },
    { name: 'user token response', method: 'POST', path: '/api/v1/auth/token', status: 200, file: 'examples/user-token-response.json', want: [] },
  ];
  it.each(cases)('$name', async ({ method, path, status, file, want }) => {
    const pro = await proSpec();
    const checker = createContractChecker({ pro }, {});
    const r = checker.check({ method, url: `https://tenant.jamfcloud.com${path}`, status, headers: jsonHeaders, body: read(file) });
    expect(r.findings.map((f) => `${f.kind}:${f.severity}@${f.pointer ?? ''}`)).toEqual(want);
    expect(checker.notices()).toEqual([]);
  });

  it('compiles the deep MDM discriminator and mobile-device oneOf without disabling anything', async () => {
    const pro = await proSpec();
    const checker = createContractChecker({ pro }, {});
    const r = checker.check({ method: 'GET', url: 'https://h/api/v2/mobile-devices/1/detail', status: 200, headers: jsonHeaders, body: Buffer.from('{"id":"1","deviceType":"iOS"}') });
    expect(r.operation).toBe('GET /v2/mobile-devices/{id}/detail');
    expect(checker.notices()).toEqual([]);
  });
});

describe.skipIf(!present)('real Classic descriptions', () => {
  it.skipIf(!classicSwagger)('the Classic swagger documents only 200: a real 404 or 401 is an undocumented-status warning, and the notice says so', async () => {
    const swagger = await loadSpec(at('classic/classic-swagger-11.30.yaml'));
    const checker = createContractChecker({ classic: swagger }, {});
    const errorPage = read('examples/classic-error-409.html');
    const html = { 'content-type': 'text/html;charset=UTF-8' };
    const got = [404, 401].map((status) => checker.check({ method: 'GET', url: 'https://h/JSSResource/buildings/id/999', status, headers: html, body: errorPage }).findings.map((f) => `${f.kind}:${f.severity}`));
    expect(got).toEqual([['undocumented-status:warning'], ['undocumented-status:warning']]);
    const notices = checker.notices().filter((n) => n.code === 'CONTRACT_NO_SCHEMAS');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/status code it does not list is a warning/);
    // --strict is about nulls: it does not turn this back into a violation.
    const strict = createContractChecker({ classic: swagger }, { strict: true });
    expect(strict.check({ method: 'GET', url: 'https://h/JSSResource/buildings/id/999', status: 404, headers: html, body: errorPage }).findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('the Classic swagger loads: existence and status only', async () => {
    const swagger = await loadSpec(at('classic/classic-swagger-11.30.yaml'));
    expect(swagger).toMatchObject({ kind: 'swagger2', api: 'classic', basePaths: ['/JSSResource'] });
    const checker = createContractChecker({ classic: swagger }, {});
    const r = checker.check({ method: 'GET', url: 'https://h/JSSResource/buildings', status: 200, headers: xmlHeaders, body: read('examples/classic-xml/buildings_0.xml') });
    expect(r).toEqual({ operation: 'GET /JSSResource/buildings', findings: [] });
    expect(checker.notices().map((n) => n.code)).toEqual(['CONTRACT_NO_SCHEMAS']);
  });

  const xmlCases = [
    { file: 'buildings_0.xml', path: '/JSSResource/buildings', want: [] as string[] },
    { file: 'categories_0.xml', path: '/JSSResource/categories', want: [] },
    { file: 'categories_id_id_0.xml', path: '/JSSResource/categories/id/19', want: [] },
    { file: 'accounts_0.xml', path: '/JSSResource/accounts', want: [] },
    { file: 'mobiledevices_0.xml', path: '/JSSResource/mobiledevices', want: [] },
    { file: 'mobiledevices_id_id_0.xml', path: '/JSSResource/mobiledevices/id/4', want: [] },
    // The gateway spec documents no body for the subset read.
    { file: 'mobiledevices_id_id_subset_subset_0.xml', path: '/JSSResource/mobiledevices/id/4/subset/General', want: ['content-type'] },
  ];
  it.each(xmlCases)('gateway OpenAPI checks Classic XML $file', async ({ file, path, want }) => {
    const gateway = await loadSpec(at('classic/classic-api-gateway-openapi.json'));
    expect(gateway.gatewayMapped).toBe(true);
    const checker = createContractChecker({ classic: gateway }, {});
    const r = checker.check({ method: 'GET', url: `https://h${path}`, status: 200, headers: xmlHeaders, body: read(`examples/classic-xml/${file}`) });
    expect(r.findings.map((f) => f.kind)).toEqual(want);
  });

  it('a changed Classic XML body is caught at the right place', async () => {
    const gateway = await loadSpec(at('classic/classic-api-gateway-openapi.json'));
    const checker = createContractChecker({ classic: gateway }, {});
    const body = read('examples/classic-xml/categories_id_id_0.xml').toString().replace('<priority>9</priority>', '<priority>high</priority>').replace(/<name>.*<\/name>/, '');
    const r = checker.check({ method: 'GET', url: 'https://h/JSSResource/categories/id/19', status: 200, headers: xmlHeaders, body: Buffer.from(body) });
    expect(r.findings.map((f) => `${f.kind}@${f.pointer}`).sort()).toEqual(['schema@/name', 'schema@/priority']);
  });
});

let cachedPro: Promise<LoadedSpec> | undefined;
function proSpec(): Promise<LoadedSpec> {
  cachedPro ??= loadSpec(at('openapi/jamf-pro-api-11.30.1.json'));
  return cachedPro;
}
