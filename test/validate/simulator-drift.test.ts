/** The simulator's schema-drift faults are each caught as the right kind at the right pointer. */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type LoadedSpec } from '../../src/load/spec.ts';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';
import { createContractChecker } from '../../src/validate/index.ts';

const faultsPresent = existsSync(new URL('../../src/simulator/faults.ts', import.meta.url));
if (!faultsPresent) console.log('note: the simulator fault module is absent: the drift tests are skipped');

describe.skipIf(!faultsPresent)('simulator schema drift', () => {
  let sim: RunningSimulator;
  let spec: LoadedSpec;
  let token: string;

  beforeAll(async () => {
    sim = await startSimulator({
      quiet: true,
      faults: {
        seed: 1,
        faults: [
          { kind: 'drift', pointer: '/results/*/name', change: 'remove', rate: 1, path: '/api/v1/buildings' },
          { kind: 'drift', pointer: '/name', change: 'type', rate: 1, path: '/api/v1/buildings/*' },
          { kind: 'drift', pointer: '/totalCount', change: 'null', rate: 1, path: '/api/v1/departments' },
        ],
      },
    });
    spec = await loadSpec(`${sim.url}/api/schema`);
    const res = await fetch(`${sim.url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(() => sim?.close());

  async function check(path: string) {
    const res = await fetch(sim.url + path, { headers: { authorization: `Bearer ${token}` } });
    const body = Buffer.from(await res.arrayBuffer());
    const checker = createContractChecker({ pro: spec }, { maxFindingsPerResponse: 1 });
    return checker.check({ method: 'GET', url: sim.url + path, serverUrl: sim.url, status: res.status, headers: Object.fromEntries(res.headers), body });
  }

  const cases = [
    { name: 'missing field', path: '/api/v1/buildings?page-size=1', want: 'schema:violation@/results/0/name' },
    { name: 'wrong type', path: '/api/v1/buildings/1', want: 'schema:violation@/name' },
    { name: 'null', path: '/api/v1/departments', want: 'null-in-non-nullable:warning@/totalCount' },
  ];
  it.each(cases)('$name is caught as $want', async ({ path, want }) => {
    const r = await check(path);
    expect(r.findings.map((f) => `${f.kind}:${f.severity}@${f.pointer}`)).toEqual([want]);
  });

  it('an undrifted response conforms', async () => {
    expect((await check('/api/v1/departments/1')).findings).toEqual([]);
  });
});
