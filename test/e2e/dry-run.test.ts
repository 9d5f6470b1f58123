/**
 * `run --dry-run`: the plan of a run, with nothing sent — counted from the simulator's side.
 * On Jamf's official Classic collection it agrees with what a real run does.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCli, repoRoot } from '../helpers/cli.ts';
import { DEMO, resetSimulator, simulator, stats } from '../helpers/simulator.ts';

const official = resolve(repoRoot, '../shared/jamf/postman/classic-api-v10.35.postman_collection.json');
const present = existsSync(official);
if (!present) console.warn(`Skipping the dry run of the official Classic collection: ${official} is absent.`);
const ENV = { JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret };

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await simulator();
});
afterAll(() => sim.close());
beforeEach(() => resetSimulator(sim));

async function sentToServer(): Promise<string[]> {
  return Object.keys((await stats(sim)).requests).filter((key) => !key.includes('/__simulator/'));
}

describe('run --dry-run', () => {
  it.skipIf(!present)("Jamf's official Classic collection: the same decisions as a run, nothing sent", { timeout: 90_000 }, async () => {
    const r = await runCli(['run', official, '--server', sim.url, '--var', 'id=1', '--var', 'name=Building 01', '--dry-run'], ENV);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Would send 191, hold back 312, skip 114');
    expect(r.stdout).toContain(`GET    ${sim.url}/JSSResource/buildings/id/1`);
    expect(await sentToServer()).toEqual([]);
  });

  it('the hostile collection: held-back requests named with the flag, scripted ones flagged, nothing sent', { timeout: 60_000 }, async () => {
    const r = await runCli(['run', join(repoRoot, 'test/fixtures/hostile.postman_collection.json'), '--server', sim.url, '--dry-run', '--allow-writes'], ENV);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const after = (name: string): string => lines[lines.findIndex((l) => l.includes(name)) - 1] ?? '';
    expect(after('The whole URL is one variable')).toMatch(new RegExp(`hold back +DELETE +${sim.url}/JSSResource/computers/id/6`));
    expect(after('An MDM command built from a variable')).toMatch(/hold back +POST .*\/api\/v2\/mdm\/commands/);
    expect(r.stdout).toContain('An MDM command built from a variable — queues an MDM command or push to devices; needs --allow-writes --allow-destructive');
    expect(r.stdout).toContain('A pre-request script turns a GET into a DELETE — its pre-request scripts may change it');
    expect(await sentToServer()).toEqual([]);
  });
});
