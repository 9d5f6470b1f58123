/**
 * Schema mode over Jamf's real 11.30.1 document: the data generator alone (a body for
 * every documented 2xx JSON response, each with a new seed: nothing cached), then every
 * generated GET operation over HTTP with 5 keep-alive connections — first against a fresh
 * simulator (every body generated), then the same requests again (bodies cached); and
 * 2,000 objects created in one generated collection, then each read (2,000 new bodies).
 */
import { existsSync, readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { startSimulator, allRoutes } from '../../src/simulator/index.ts';
import { SchemaConverter } from '../../src/simulator/generated/convert.ts';
import { GeneratedObjects } from '../../src/simulator/generated/objects.ts';
import { drive, median } from './load.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary JSON documents

const file = new URL('../../../shared/jamf/openapi/jamf-pro-api-11.30.1.json', import.meta.url).pathname;

function generatorAlone(doc: Json): number[] {
  const schemas: unknown[] = [];
  for (const item of Object.values(doc.paths as Json)) {
    for (const op of Object.values(item as Json)) {
      for (const [status, response] of Object.entries((op?.responses ?? {}) as Json)) {
        const schema = response.content?.['application/json']?.schema;
        if (/^2\d\d$/.test(status) && schema) schemas.push(schema);
      }
    }
  }
  // As in a running simulator: schemas are prepared once, every body is new (a new seed).
  const objects = new GeneratedObjects(new SchemaConverter(doc));
  const rates: number[] = [];
  for (let run = -1; run < 3; run++) {
    const started = performance.now();
    schemas.forEach((schema, i) => objects.value(schema, `run ${run} body ${i}`));
    if (run >= 0) rates.push(schemas.length / ((performance.now() - started) / 1000));
  }
  console.log(`Generator alone: ${schemas.length} response bodies (every documented 2xx JSON response, new seeds) x 3, after a warm-up pass`);
  console.log(`  runs: ${rates.map((r) => r.toFixed(0)).join(', ')} bodies/s; median ${median(rates).toFixed(0)} (target >= 1000)`);
  return rates;
}

/** An item's id as schema mode documents it: the parameter's name, `id`, `<stem>…`, the first `…Id`/`…Uuid`. */
function idOf(item: Json, param: string): string {
  const names = Object.keys(item);
  const stem = param.replace(/(Id|-id|ID)$/, '');
  const key = names.includes(param) ? param
    : names.includes('id') ? 'id'
      : (stem !== param ? names.find((n) => n.startsWith(stem)) : undefined) ?? names.find((n) => /(Id|Uuid|UUID)$/.test(n));
  return key === undefined ? '1' : String(item[key]);
}

/** Concrete paths for every generated GET: ids from the list operation where there is one, else 1. */
async function generatedGets(doc: Json, url: string, auth: string): Promise<string[]> {
  const native = new Set(allRoutes().map((r) => `${r.method} ${r.path}`));
  const paths: string[] = [];
  for (const [template, item] of Object.entries(doc.paths as Json)) {
    if (!item.get || native.has(`GET ${template}`)) continue;
    if ((item.get.parameters ?? []).some((p: Json) => p.required && p.in === 'query')) continue;
    let path = '/api';
    for (const segment of template.split('/').slice(1)) {
      if (!segment.startsWith('{')) {
        path += `/${segment}`;
        continue;
      }
      const list = await fetch(`${url}${path}`, { headers: { authorization: auth } });
      const json = list.status === 200 ? ((await list.json()) as Json) : undefined;
      const first = Array.isArray(json) ? json[0] : json?.results?.[0];
      path += `/${encodeURIComponent(first && typeof first === 'object' ? idOf(first, segment.slice(1, -1)) : '1')}`;
    }
    paths.push(path);
  }
  return paths;
}

async function overHttp(doc: Json): Promise<void> {
  const cold: number[] = [];
  const warm: number[] = [];
  let count = 0;
  for (let run = 0; run < 3; run++) {
    const sim = await startSimulator({ openapi: file });
    const pool = new Pool(sim.url, { connections: 5, pipelining: 1 });
    try {
      const user = await fetch(`${sim.url}/api/v1/auth/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` } });
      const auth = `Bearer ${((await user.json()) as { token: string }).token}`;
      const paths = await generatedGets(doc, sim.url, auth);
      // The look-ups above generated the lists; a new simulator serves every path cold.
      await pool.close();
      await sim.close();
      const fresh = await startSimulator({ openapi: file });
      const freshPool = new Pool(fresh.url, { connections: 5, pipelining: 1 });
      try {
        const freshUser = await fetch(`${fresh.url}/api/v1/auth/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` } });
        const freshAuth = `Bearer ${((await freshUser.json()) as { token: string }).token}`;
        const load = { count: paths.length, request: (i: number) => ({ path: paths[i] as string, headers: { authorization: freshAuth } }) };
        cold.push(await drive(freshPool, load));
        warm.push(await drive(freshPool, { ...load, count: paths.length * 10, request: (i: number) => load.request(i % paths.length) }));
        count = paths.length;
      } finally {
        await freshPool.close();
        await fresh.close();
      }
    } finally {
      if (!pool.closed) await pool.close();
    }
  }
  console.log(`Generated GET operations over HTTP (${count} paths, 5 keep-alive connections) x 3`);
  console.log(`  first pass, every body generated: ${cold.map((r) => r.toFixed(0)).join(', ')} req/s; median ${median(cold).toFixed(0)} (target >= 1000)`);
  console.log(`  10 more passes, bodies cached: ${warm.map((r) => r.toFixed(0)).join(', ')} req/s; median ${median(warm).toFixed(0)}`);
}

const CREATED = 2_000;
const COLLECTION = '/api/v1/volume-purchasing-subscriptions';

/** Writes then reads of distinct objects: every read generates a body no request has asked for before. */
async function distinctObjects(): Promise<void> {
  const writes: number[] = [];
  const reads: number[] = [];
  for (let run = 0; run < 3; run++) {
    const sim = await startSimulator({ openapi: file });
    const pool = new Pool(sim.url, { connections: 5, pipelining: 1 });
    try {
      const user = await fetch(`${sim.url}/api/v1/auth/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` } });
      const headers = { authorization: `Bearer ${((await user.json()) as { token: string }).token}`, 'content-type': 'application/json' };
      const body = JSON.stringify({ name: 'Bench' });
      writes.push(await drive(pool, { count: CREATED, request: () => ({ path: COLLECTION, method: 'POST', headers, body }) }));
      reads.push(await drive(pool, { count: CREATED, request: (i) => ({ path: `${COLLECTION}/${i + 4}`, headers }) }));
    } finally {
      await pool.close();
      await sim.close();
    }
  }
  console.log(`${CREATED} objects created in ${COLLECTION}, then each read (5 keep-alive connections) x 3`);
  console.log(`  creates: median ${median(writes).toFixed(0)} req/s; reads, every body new: ${reads.map((r) => r.toFixed(0)).join(', ')} req/s; median ${median(reads).toFixed(0)} (target >= 1000)`);
}

export async function benchSchemaMode(): Promise<void> {
  if (!existsSync(file)) {
    console.log('Schema mode: ../shared/jamf/openapi/jamf-pro-api-11.30.1.json is absent, nothing to measure');
    return;
  }
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Json;
  generatorAlone(doc);
  await overHttp(doc);
  await distinctObjects();
}
