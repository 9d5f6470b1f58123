/**
 * `run --fleet --per-host N`: each server sees at most N connections and N requests being
 * answered at once — counted by the simulators themselves, the token calls included — while
 * `--parallel` runs requests side by side up to that bound. Two simulators answer slowly, so
 * parts of a run overlap and the bound is what holds them back.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/fleet/config.ts';
import { runFleet } from '../../src/fleet/run.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { repoRoot, runCli } from '../helpers/cli.ts';
import { collection, expectStatus, folder, request, tempDir, writeFile } from '../helpers/collections.ts';
import { DEMO, simulator } from '../helpers/simulator.ts';

const ENV = { JC_ID: DEMO.clientId, JC_SECRET: DEMO.clientSecret };
const dir = tempDir('jc-per-host-');
/** Twelve independent folders of two slow reads each. */
const file = writeFile(dir, 'wide.json', collection('Wide', Array.from({ length: 12 }, (_, f) => folder(`F${f}`, [0, 1].map((n) => request(`r${f}.${n}`, `{{baseUrl}}/v1/buildings?page=${n}&f=${f}`, { tests: expectStatus(200) }))))));

function fleetYaml(sims: RunningSimulator[]): string {
  return `servers:\n${sims.map((s, i) => `  - { name: s${i}, url: "${s.url}", clientIdEnv: JC_ID, clientSecretEnv: JC_SECRET }\n`).join('')}`;
}

describe('run --fleet --per-host: connections per server, counted by the servers', () => {
  const started: RunningSimulator[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.close()));
  });

  /** Fresh servers each time, so that nothing a run before left open is counted. */
  const runWith = async (perHost: number, parallel: number): Promise<Array<{ connections: number; inFlight: number; requests: number; tokens: number }>> => {
    const sims = await Promise.all([0, 1].map(() => simulator({ faults: { faults: [{ kind: 'latency', ms: 60, path: '/api/v1/buildings' }] } })));
    started.push(...sims);
    const result = await runFleet({
      fleet: parseFleet(fleetYaml(sims), join(dir, 'fleet.yaml')),
      env: ENV,
      run: { collections: [file], parallel },
      outDir: join(tempDir('jc-per-host-out-'), 'reports'),
      hosts: 2,
      perHost,
    });
    expect(result.servers.map((s) => s.exitCode)).toEqual([0, 0]);
    return result.servers.map((s, i) => {
      const load = sims[i]!.state.stats().load;
      return { connections: load.peakConnections, inFlight: load.peakInFlight, requests: s.summary.counts.requests, tokens: s.summary.tokenRequests };
    });
  };

  it('--per-host 2 with --parallel 5: two connections and two requests at a time on each server', { timeout: 120_000 }, async () => {
    for (const seen of await runWith(2, 5)) {
      expect(seen.requests).toBe(24);
      expect(seen.tokens).toBe(1);
      expect(seen.connections).toBeLessThanOrEqual(2);
      expect(seen.inFlight).toBeLessThanOrEqual(2);
      // The bound is what held it back: it did run side by side.
      expect(seen.inFlight).toBe(2);
    }
  });

  it('--per-host 1: one connection per server, whatever --parallel says', { timeout: 120_000 }, async () => {
    for (const seen of await runWith(1, 5)) {
      expect(seen.requests).toBe(24);
      expect(seen.connections).toBe(1);
      expect(seen.inFlight).toBe(1);
    }
  });

  it('the default five, with --parallel 5: more than two at once, never more than five', { timeout: 120_000 }, async () => {
    for (const seen of await runWith(5, 5)) {
      expect(seen.connections).toBeLessThanOrEqual(5);
      expect(seen.inFlight).toBeLessThanOrEqual(5);
      expect(seen.inFlight).toBeGreaterThan(2);
    }
  });
});

describe('run --fleet --per-host (CLI)', () => {
  it('takes 1 to 5, as Jamf asks', { timeout: 120_000 }, async () => {
    const fleet = writeFile(tempDir('jc-per-host-f-'), 'fleet.yaml', 'servers:\n  - { name: a, url: "https://a.example", clientIdEnv: A, clientSecretEnv: S }\n');
    const r = await runCli(['run', join(repoRoot, 'collections/jamf-pro-api'), '--fleet', fleet, '--per-host', '6']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error\[USAGE\]: --per-host takes 1 to 5/m);
  });
});
