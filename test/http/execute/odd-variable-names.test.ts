/**
 * Variable names with characters a regular expression gives meaning to, in the place of the
 * server (`https://{{jamf(host}}/…` against the plain-http simulator): the scheme rewrite built
 * an expression from the names as written, and the run ended as error[INTERNAL].
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { collection, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { runCaptured } from '../../helpers/run.ts';
import { DEMO, simulator } from '../../helpers/simulator.ts';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await simulator();
});
afterAll(() => sim.close());

it('a server variable named with ( [ * + ? | \\ runs like any other', async () => {
  const names = ['jamf(host', 'jamf[host', 'jamf*host', 'jamf+host', 'jamf?host', 'jamf|host', 'jamf\\host'];
  for (const name of names) {
    const file = writeFile(tempDir(), 'odd.json', collection('Odd', [request('buildings', `https://{{${name}}}/api/v1/buildings`)]));
    const { results } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: DEMO });
    expect(results, name).toHaveLength(1);
    expect(results[0]?.response?.status, name).toBe(200);
  }
});
