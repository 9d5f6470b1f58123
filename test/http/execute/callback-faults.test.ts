/**
 * A library caller's callback that throws (its `onResult`, a reporter, a contract check):
 * `runCollections` rejects with it, nothing is left unhandled beside the caller's `catch`, and
 * nothing more reaches the server once the promise has settled — counted by the simulator.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCollections, type RunOptions } from '../../../src/execute/run.ts';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { Redactor } from '../../../src/secrets.ts';
import { contractFor } from '../../../src/validate/for-run.ts';
import { collection, expectStatus, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { DEMO, simulator, stats } from '../../helpers/simulator.ts';

const dir = tempDir();
const file = writeFile(dir, 'many.json', collection('Many', Array.from({ length: 60 }, (_, i) =>
  request(`building ${i}`, `{{baseUrl}}/v1/buildings/${(i % 5) + 1}`, { tests: [...expectStatus(200), `console.log('seen ${i}');`] }))));

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await simulator();
});
afterAll(() => sim.close());

const unhandled: unknown[] = [];
const listener = (reason: unknown): void => void unhandled.push(reason);
afterEach(() => {
  process.off('unhandledRejection', listener);
  unhandled.length = 0;
});

const gets = async (): Promise<number> =>
  Object.entries((await stats(sim)).requests).filter(([key]) => key.startsWith('GET /api/v1/buildings')).reduce((n, [, count]) => n + count, 0);

/** Runs until the callback throws; what the caller sees, and what reached the server then and a little later. */
async function runFaulty(options: Partial<RunOptions>): Promise<{ error: unknown; atSettle: number; later: number; resultsAfter: number }> {
  process.on('unhandledRejection', listener);
  const before = await gets();
  let settled = false;
  let resultsAfter = 0;
  let error: unknown;
  try {
    await runCollections({
      collections: [file],
      serverUrl: sim.url,
      credentials: DEMO,
      redactor: new Redactor(),
      ...options,
      reporters: [...(options.reporters ?? []), { name: 'late', onRequest: () => void (settled && resultsAfter++) }],
    });
  } catch (caught) {
    error = caught;
  }
  settled = true;
  const atSettle = (await gets()) - before;
  // Long enough for several more requests, had any engine run gone on.
  await new Promise((resolve) => setTimeout(resolve, 400));
  return { error, atSettle, later: (await gets()) - before, resultsAfter };
}

describe('a callback that throws', () => {
  for (const parallel of [1, 5]) {
    it(`onResult (--parallel ${parallel}): the run rejects with it and stops sending`, async () => {
      let n = 0;
      const out = await runFaulty({ parallel, onResult: () => { if (++n === 3) throw new Error('caller fault'); } });
      expect(out.error).toMatchObject({ code: 'INTERNAL', message: 'caller fault' });
      expect(unhandled).toEqual([]);
      expect(out.atSettle).toBeGreaterThanOrEqual(3);
      expect(out.atSettle).toBeLessThan(60);
      expect(out.later).toBe(out.atSettle);
      expect(out.resultsAfter).toBe(0);
    });

    it(`a contract check (--parallel ${parallel}): the same`, async () => {
      let n = 0;
      const build = contractFor({ openapi: 'auto', classicOpenapi: 'none', noCache: true });
      const out = await runFaulty({
        parallel,
        contract: async (ctx) => {
          const observer = await build(ctx);
          return observer && { ...observer, check: (exchange) => { if (++n === 4) throw new Error('checker fault'); return observer.check(exchange); } };
        },
      });
      expect(out.error).toMatchObject({ code: 'INTERNAL', message: 'checker fault' });
      expect(unhandled).toEqual([]);
      expect(out.atSettle).toBeLessThan(60);
      expect(out.later).toBe(out.atSettle);
    });
  }

  it('a reporter\'s onConsole: the same', async () => {
    let n = 0;
    const out = await runFaulty({ parallel: 5, reporters: [{ name: 'noisy', onConsole: () => { if (++n === 2) throw new Error('console fault'); } }] });
    expect(out.error).toMatchObject({ code: 'INTERNAL', message: 'console fault' });
    expect(unhandled).toEqual([]);
    expect(out.atSettle).toBeLessThan(60);
    expect(out.later).toBe(out.atSettle);
  });
});
