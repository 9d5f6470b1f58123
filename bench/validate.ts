/**
 * Contract-check benchmark over Jamf's real 11.30.1 schema (not a test):
 * load + index, first validation of an operation (lazy compile), steady-state validations/s;
 * then Classic XML (a device record and a list) against the gateway OpenAPI, steady state.
 * Run: node bin/run-ts.js bench/validate.ts [runs]
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadSpec } from '../src/load/spec.ts';
import { createContractChecker, type Exchange } from '../src/validate/index.ts';

const jamf = new URL('../../shared/jamf/', import.meta.url);
const specPath = new URL('openapi/jamf-pro-api-11.30.1.json', jamf).pathname;
if (!existsSync(specPath)) {
  console.log('bench/validate: ../shared/jamf is absent, nothing to measure');
  process.exit(0);
}
const runs = Number(process.argv[2] ?? 7);
const steadyIterations = 20_000;

// A paged inventory-like body: 50 buildings, and an error body with Jamf's nulls.
const buildings = { totalCount: 50, results: Array.from({ length: 50 }, (_, i) => ({ id: String(i + 1), name: `Building ${i + 1}`, streetAddress1: '1 Main St', streetAddress2: null, city: 'Eau Claire', stateProvince: 'WI', zipPostalCode: '54701', country: 'US' })) };
const exchanges: Exchange[] = [
  { method: 'GET', url: 'https://h/api/v1/buildings?page=0&page-size=50', status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(buildings)) },
  { method: 'GET', url: 'https://h/api/v1/service-discovery-enrollment/well-known-settings', status: 401, headers: { 'content-type': 'application/json' }, body: readFileSync(new URL('examples/pro-error-401.json', jamf)) },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load: number[] = [];
const first: number[] = [];
const perSecond: number[] = [];
const perCheckUs: number[] = [];
for (let run = 0; run < runs; run++) {
  let t = performance.now();
  const spec = await loadSpec(specPath);
  load.push(performance.now() - t);
  const checker = createContractChecker({ pro: spec }, {});
  t = performance.now();
  checker.check(exchanges[0]!);
  first.push(performance.now() - t);
  for (const e of exchanges) checker.check(e);
  t = performance.now();
  for (let i = 0; i < steadyIterations; i++) checker.check(exchanges[i % exchanges.length]!);
  const elapsed = performance.now() - t;
  perSecond.push((steadyIterations / elapsed) * 1000);
  perCheckUs.push((elapsed / steadyIterations) * 1000);
}
console.log(`contract checks over jamf-pro-api-11.30.1.json, median of ${runs} runs`);
console.log(`  load + index:                 ${median(load).toFixed(1)} ms (target < 300 ms)`);
console.log(`  first validation (compile):   ${median(first).toFixed(1)} ms`);
console.log(`  steady state:                 ${Math.round(median(perSecond))} validations/s (${median(perCheckUs).toFixed(1)} µs each; 50-item page + error body)`);

// Classic XML through the gateway schema: XML parse + shaping + validation per response.
const gatewayPath = new URL('classic/classic-api-gateway-openapi.json', jamf).pathname;
if (existsSync(gatewayPath)) {
  const xml = (file: string, path: string): Exchange => ({ method: 'GET', url: `https://h/JSSResource${path}`, status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: readFileSync(new URL(`examples/classic-xml/${file}`, jamf)) });
  const classicExchanges = [xml('mobiledevices_id_id_0.xml', '/mobiledevices/id/4'), xml('buildings_0.xml', '/buildings')];
  const xmlPerSecond: number[] = [];
  const xmlUs: number[] = [];
  const xmlIterations = 5_000;
  for (let run = 0; run < runs; run++) {
    const checker = createContractChecker({ classic: await loadSpec(gatewayPath) }, {});
    for (const e of classicExchanges) checker.check(e);
    const t = performance.now();
    for (let i = 0; i < xmlIterations; i++) checker.check(classicExchanges[i % classicExchanges.length]!);
    const elapsed = performance.now() - t;
    xmlPerSecond.push((xmlIterations / elapsed) * 1000);
    xmlUs.push((elapsed / xmlIterations) * 1000);
  }
  console.log(`  Classic XML steady state:     ${Math.round(median(xmlPerSecond))} validations/s (${median(xmlUs).toFixed(1)} µs each; 10 kB device record + building list)`);
}
