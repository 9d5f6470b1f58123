/**
 * Simulator throughput and memory: simple authenticated GETs with 5 concurrent keep-alive
 * connections (Jamf's own ceiling), median of 3 bounded runs, then RSS sampled across
 * 100,000 requests; then the heavier Classic XML detail documents.
 * Run: node bin/run-ts.js bench/simulator.ts
 */
import { Pool } from 'undici';
import { startSimulator } from '../src/simulator/index.ts';

const CONCURRENCY = 5;
const RUN_REQUESTS = 20_000;
const CLASSIC_REQUESTS = 5_000;
const MEMORY_REQUESTS = 100_000;
const PATH = '/api/v1/buildings/1';
const CLASSIC_PATHS = ['/JSSResource/mobiledevices/id/1', '/JSSResource/computers/id/1', '/JSSResource/policies/id/1', '/JSSResource/buildings',
  '/JSSResource/computergroups/id/1', '/JSSResource/osxconfigurationprofiles/id/1', '/JSSResource/computerhistory/id/1', '/JSSResource/users/id/1'];

async function token(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function run(pool: Pool, auth: string, count: number, onProgress?: (done: number) => void, path = PATH): Promise<number> {
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      const res = await pool.request({ path, method: 'GET', headers: { authorization: auth } });
      await res.body.text();
      if (res.statusCode !== 200) failures++;
      if (onProgress && next % 10_000 === 0) onProgress(next);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failures > 0) throw new Error(`${failures} requests did not answer 200`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

const sim = await startSimulator({});
const pool = new Pool(sim.url, { connections: CONCURRENCY, pipelining: 1 });
try {
  const auth = `Bearer ${await token(sim.url)}`;
  await run(pool, auth, 2_000); // warm-up
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) rates.push(await run(pool, auth, RUN_REQUESTS));
  rates.sort((a, b) => a - b);
  console.log(`GET ${PATH}, ${CONCURRENCY} keep-alive connections, ${RUN_REQUESTS} requests x 3`);
  console.log(`  runs: ${rates.map((r) => r.toFixed(0)).join(', ')} req/s; median ${rates[1]?.toFixed(0)} req/s (target >= 3000)`);
  global.gc?.();
  const samples: number[] = [process.memoryUsage().rss];
  await run(pool, auth, MEMORY_REQUESTS, () => samples.push(process.memoryUsage().rss));
  console.log(`RSS over ${MEMORY_REQUESTS} requests (every 10,000): ${samples.map(mb).join(', ')}`);
  console.log(`  first ${mb(samples[0] ?? 0)}, last ${mb(samples[samples.length - 1] ?? 0)}, max ${mb(Math.max(...samples))}`);
  console.log(`Classic XML, ${CONCURRENCY} keep-alive connections, ${CLASSIC_REQUESTS} requests x 3 (median req/s)`);
  for (const path of CLASSIC_PATHS) {
    await run(pool, auth, 1_000, undefined, path); // warm-up
    const classic: number[] = [];
    for (let i = 0; i < 3; i++) classic.push(await run(pool, auth, CLASSIC_REQUESTS, undefined, path));
    classic.sort((a, b) => a - b);
    console.log(`  ${path}: ${classic[1]?.toFixed(0)} req/s`);
  }
} finally {
  await pool.close();
  await sim.close();
}
