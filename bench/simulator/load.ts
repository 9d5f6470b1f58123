/** The load driver the simulator benchmarks share. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Pool } from 'undici';

setFlagsFromString('--expose-gc');
/** A full garbage collection, so memory samples show what is kept rather than what is not yet collected. */
export const collectGarbage = runInNewContext('gc') as () => void;

/** Jamf asks clients for at most 5 concurrent connections. */
export const CONCURRENCY = 5;

export interface Load {
  count: number;
  /** The request for the i-th call. */
  request(i: number): { path: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string };
  onProgress?: (done: number) => void;
}

/** Sends `count` requests over `CONCURRENCY` keep-alive connections; requests per second. Every answer must be 2xx. */
export async function drive(pool: Pool, load: Load): Promise<number> {
  let next = 0;
  const failures: string[] = [];
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < load.count) {
      const i = next++;
      const { path, method = 'GET', headers = {}, body } = load.request(i);
      const res = await pool.request({ path, method, headers, ...(body === undefined ? {} : { body }) });
      await res.body.text();
      if ((res.statusCode < 200 || res.statusCode > 299) && failures.length < 5) failures.push(`${method} ${path}: ${res.statusCode}`);
      if (load.onProgress && next % 10_000 === 0) load.onProgress(next);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failures.length > 0) throw new Error(`requests did not answer 2xx: ${failures.join('; ')}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return load.count / seconds;
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
export const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;
