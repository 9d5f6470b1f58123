/**
 * Numbers a library caller passes wrongly: a `USAGE` error naming the option, before anything
 * reaches the server (counted by the simulator) — not a crash inside (a negative timeout
 * ended the caller's process with an unhandled 'error' event; negative iterations were an
 * `INTERNAL` "Invalid array length").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollections, type RunOptions } from '../../../src/execute/run.ts';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { Redactor } from '../../../src/secrets.ts';
import { collection, expectStatus, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { DEMO, simulator, stats } from '../../helpers/simulator.ts';

const file = writeFile(tempDir(), 'one.json', collection('One', [request('building', '{{baseUrl}}/v1/buildings/1', { tests: expectStatus(200) })]));

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await simulator();
});
afterAll(() => sim.close());

const calls = async (): Promise<number> => Object.values((await stats(sim)).requests).reduce((n, c) => n + c, 0);

describe('numeric options from a library caller', () => {
  const wrong: Array<[string, Partial<RunOptions>]> = [
    ['timeoutMs', { timeoutMs: -5 }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['iterations', { iterations: -1 }],
    ['iterations', { iterations: 0 }],
    ['iterations', { iterations: '3' as unknown as number }],
    ['parallel', { parallel: 2.5 }],
    ['parallel', { parallel: Number.NaN }],
    ['connectionsPerHost', { connectionsPerHost: 0 }],
    ['delayMs', { delayMs: -1 }],
    ['maxRetries', { maxRetries: Number.POSITIVE_INFINITY }],
    ['maxResponseBytes', { maxResponseBytes: -1 }],
    ['scriptTimeoutMs', { scriptTimeoutMs: 0 }],
    ['runTimeoutMs', { runTimeoutMs: -100 }],
  ];
  for (const [name, extra] of wrong) {
    it(`${name}: ${typeof Object.values(extra)[0] === 'string' ? '"3" (text)' : String(Object.values(extra)[0])} is a USAGE error, nothing sent`, async () => {
      const before = await calls();
      const run = runCollections({ collections: [file], serverUrl: sim.url, credentials: DEMO, redactor: new Redactor(), ...extra });
      await expect(run).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining(`${name} takes a whole number`) });
      // The stats call itself is the only one since.
      expect(await calls()).toBe(before + 1);
    });
  }

  it('the limits themselves are accepted (0 where 0 means none)', async () => {
    const run = await runCollections({ collections: [file], serverUrl: sim.url, credentials: DEMO, redactor: new Redactor(), iterations: 1, parallel: 1, timeoutMs: 1000, delayMs: 0, maxRetries: 0, maxResponseBytes: 0 });
    expect(run.counts).toMatchObject({ sent: 1, testsPassed: 1 });
  });
});
