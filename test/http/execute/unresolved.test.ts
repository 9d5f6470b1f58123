/**
 * `--unresolved skip|send|fail`: decided when each request is about to be sent, with every
 * scope as it is then (script-set variables included), from the request itself.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { collection, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { runCaptured } from '../../helpers/run.ts';
import { DEMO, resetSimulator, simulator, stats } from '../../helpers/simulator.ts';

const dir = tempDir();
// The chaining pattern: the first request runs before its variable is set, and its test sets it.
const chained = writeFile(dir, 'chained.json', collection('Chained', [
  request('first, before the id is known', '{{baseUrl}}/v1/buildings/{{buildingId}}', {
    tests: ["pm.collectionVariables.set('buildingId', '1');"],
  }),
  request('second, with the id', '{{baseUrl}}/v1/buildings/{{buildingId}}', {
    tests: ["pm.test('found', function () { pm.response.to.have.status(200); });"],
  }),
]));

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await simulator();
});
afterAll(() => sim.close());
beforeEach(() => resetSimulator(sim));

const paths = async (): Promise<string[]> => Object.keys((await stats(sim)).requests).filter((k) => k.includes('/v1/buildings/')).sort();

describe('unresolved variables, decided at send time', () => {
  it('skip (the default): the first request is skipped naming {{buildingId}}, so the second never gets it', async () => {
    const { results } = await runCaptured({ collections: [chained], serverUrl: sim.url, credentials: { ...DEMO } });
    expect(results.map((r) => r.skipped?.reason)).toEqual(['unresolved-variables', 'unresolved-variables']);
    expect(results[0]?.skipped?.variables).toEqual(['buildingId']);
    expect(await paths()).toEqual([]);
  });

  it('send: both go out, as Postman sends them; the first is noted as sent with {{buildingId}} unresolved', async () => {
    const { results } = await runCaptured({ collections: [chained], serverUrl: sim.url, credentials: { ...DEMO }, unresolved: 'send' });
    expect(results[0]?.unresolved).toEqual(['buildingId']);
    expect(results[0]?.response?.status).toBe(404);
    expect(results[1]?.unresolved).toBeUndefined();
    expect(results[1]?.tests).toEqual([expect.objectContaining({ passed: true })]);
    expect(await paths()).toEqual(['GET /api/v1/buildings/%7B%7BbuildingId%7D%7D', 'GET /api/v1/buildings/1']);
  });

  it('fail: refused before anything is sent when nothing defines the variable and no script sets it', async () => {
    const never = writeFile(dir, 'never.json', collection('Never', [request('needs id', '{{baseUrl}}/v1/buildings/{{nobodySetsThis}}')]));
    await expect(runCaptured({ collections: [never], serverUrl: sim.url, credentials: { ...DEMO }, unresolved: 'fail' })).rejects.toMatchObject({ code: 'VARIABLES_UNRESOLVED' });
    expect(await paths()).toEqual([]);
  });

  it('a variable whose name has a backslash is found where it is defined', async () => {
    const odd = writeFile(dir, 'odd.json', collection('Odd', [request('odd name', '{{baseUrl}}/v1/buildings/{{b\\ar}}')], { variable: [{ key: 'b\\ar', value: '1' }] }));
    const { results } = await runCaptured({ collections: [odd], serverUrl: sim.url, credentials: { ...DEMO } });
    expect(results[0]?.skipped).toBeUndefined();
    expect(results[0]?.response?.status).toBe(200);
  });
});
