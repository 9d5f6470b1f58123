/**
 * Jamf's official Classic collection (read in place from ../shared/jamf) against the
 * simulator, with a user account: newman, which runs the collection's own token script
 * (variables set as that script expects), against jamf-contract's token manager. Counted by
 * the simulator: token endpoint calls, and answers 401.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCollections } from '../../src/execute/run.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import type { Stats } from '../../src/simulator/state.ts';

export const OFFICIAL_CLASSIC = resolve('../shared/jamf/postman/classic-api-v10.35.postman_collection.json');
const USER = { username: 'auditor', password: 'auditor' };
const TOKEN_CALLS = ['POST /api/v1/auth/token', 'POST /api/v1/auth/keep-alive', 'POST /api/oauth/token', 'POST /api/v1/oauth/token'];

export interface TokenCount {
  tool: string;
  tokenCalls: number;
  answered401: number;
  requests: number;
}

export async function countTokens(sim: RunningSimulator): Promise<TokenCount[] | undefined> {
  if (!existsSync(OFFICIAL_CLASSIC)) return undefined;
  const out: TokenCount[] = [];
  await reset(sim);
  const newman = createRequire(import.meta.url)('newman') as { run(o: object, cb: (err: Error | null) => void): void };
  await new Promise<void>((done, fail) =>
    newman.run(
      {
        collection: OFFICIAL_CLASSIC,
        envVar: [{ key: 'url', value: sim.url }, { key: 'username', value: USER.username }, { key: 'password', value: USER.password }, { key: 'id', value: '1' }, { key: 'name', value: 'MAC-001' }],
        reporters: [],
      },
      (err) => (err ? fail(err) : done()),
    ),
  );
  out.push(count('newman 6.2.2 (the collection\'s token script)', await stats(sim)));
  await reset(sim);
  await runCollections({ collections: [OFFICIAL_CLASSIC], serverUrl: sim.url, credentials: USER, vars: { id: '1', name: 'MAC-001' } });
  out.push(count('jamf-contract (its token manager)', await stats(sim)));
  await reset(sim);
  return out;
}

function count(tool: string, s: Stats): TokenCount {
  const requests = Object.values(s.requests).reduce((n, v) => n + v, 0);
  return { tool, tokenCalls: TOKEN_CALLS.reduce((n, k) => n + (s.requests[k] ?? 0), 0), answered401: s.status['401'] ?? 0, requests };
}

async function stats(sim: RunningSimulator): Promise<Stats> {
  return (await (await fetch(`${sim.url}/__simulator/stats`)).json()) as Stats;
}

async function reset(sim: RunningSimulator): Promise<void> {
  await fetch(`${sim.url}/__simulator/reset`, { method: 'POST' });
}
