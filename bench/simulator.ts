/**
 * Simulator throughput and memory: simple authenticated GETs with 5 concurrent keep-alive
 * connections (Jamf's own ceiling), median of 3 bounded runs, then RSS sampled across
 * 100,000 requests; the heavier Classic XML detail documents; RSS under a token storm; and
 * schema mode (bench/simulator/schema.ts): the data generator alone and generated
 * operations over HTTP.
 * Run: node bin/run-ts.js bench/simulator.ts
 */
import { Pool } from 'undici';
import { startSimulator } from '../src/simulator/index.ts';
import { CONCURRENCY, collectGarbage, drive, mb, median, type Load } from './simulator/load.ts';
import { benchSchemaMode } from './simulator/schema.ts';

const RUN_REQUESTS = 20_000;
const CLASSIC_REQUESTS = 5_000;
const MEMORY_REQUESTS = 100_000;
const STORM_TOKENS = 100_000;
const PATH = '/api/v1/buildings/1';
const CLASSIC_PATHS = ['/JSSResource/mobiledevices/id/1', '/JSSResource/computers/id/1', '/JSSResource/policies/id/1', '/JSSResource/buildings',
  '/JSSResource/computergroups/id/1', '/JSSResource/osxconfigurationprofiles/id/1', '/JSSResource/computerhistory/id/1', '/JSSResource/users/id/1'];
const TOKEN_FORM = 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret';

async function token(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: TOKEN_FORM,
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

function get(path: string, auth: string, count: number, onProgress?: (done: number) => void): Load {
  return { count, request: () => ({ path, headers: { authorization: auth } }), ...(onProgress ? { onProgress } : {}) };
}

async function nativeFigures(pool: Pool, auth: string): Promise<void> {
  await drive(pool, get(PATH, auth, 2_000)); // warm-up
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) rates.push(await drive(pool, get(PATH, auth, RUN_REQUESTS)));
  console.log(`GET ${PATH}, ${CONCURRENCY} keep-alive connections, ${RUN_REQUESTS} requests x 3`);
  console.log(`  runs: ${rates.map((r) => r.toFixed(0)).join(', ')} req/s; median ${median(rates).toFixed(0)} req/s (target >= 3000)`);
  collectGarbage();
  const samples: number[] = [process.memoryUsage().rss];
  await drive(pool, get(PATH, auth, MEMORY_REQUESTS, () => samples.push(process.memoryUsage().rss)));
  console.log(`RSS over ${MEMORY_REQUESTS} requests (every 10,000): ${samples.map(mb).join(', ')}`);
  console.log(`  first ${mb(samples[0] ?? 0)}, last ${mb(samples[samples.length - 1] ?? 0)}, max ${mb(Math.max(...samples))}`);
  console.log(`Classic XML, ${CONCURRENCY} keep-alive connections, ${CLASSIC_REQUESTS} requests x 3 (median req/s)`);
  for (const path of CLASSIC_PATHS) {
    await drive(pool, get(path, auth, 1_000)); // warm-up
    const classic: number[] = [];
    for (let i = 0; i < 3; i++) classic.push(await drive(pool, get(path, auth, CLASSIC_REQUESTS)));
    console.log(`  ${path}: ${median(classic).toFixed(0)} req/s`);
  }
}

/**
 * Token requests as fast as 5 clients can send them; every token stays valid for its full
 * 599 s. Samples after a full GC every 10,000 tokens: heap and RSS should stay flat.
 */
async function tokenStorm(pool: Pool): Promise<void> {
  const heap: number[] = [];
  const rss: number[] = [];
  const sample = (): void => {
    collectGarbage();
    const usage = process.memoryUsage();
    heap.push(usage.heapUsed);
    rss.push(usage.rss);
  };
  sample();
  const rate = await drive(pool, {
    count: STORM_TOKENS,
    request: () => ({ path: '/api/v1/oauth/token', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: TOKEN_FORM }),
    onProgress: sample,
  });
  console.log(`Token storm: ${STORM_TOKENS} token requests, ${CONCURRENCY} connections, ${rate.toFixed(0)} tokens/s (every token valid for 599 s)`);
  console.log(`  heap after GC (every 10,000): ${heap.map(mb).join(', ')}`);
  console.log(`  RSS (every 10,000): ${rss.map(mb).join(', ')}`);
  console.log(`  heap first ${mb(heap[0] ?? 0)}, last ${mb(heap[heap.length - 1] ?? 0)}; RSS first ${mb(rss[0] ?? 0)}, last ${mb(rss[rss.length - 1] ?? 0)}, max ${mb(Math.max(...rss))} (target: flat)`);
}

const sim = await startSimulator({});
const pool = new Pool(sim.url, { connections: CONCURRENCY, pipelining: 1 });
try {
  await nativeFigures(pool, `Bearer ${await token(sim.url)}`);
  await tokenStorm(pool);
} finally {
  await pool.close();
  await sim.close();
}
await benchSchemaMode();
