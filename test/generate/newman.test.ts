/**
 * A generated suite is an ordinary collection: newman runs it too. Requests that need a value
 * carry a pre-request guard, so newman (which would send the `{{placeholder}}` as text) skips
 * them as jamf-contract does. Counted from the simulator's side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCollection } from '../../src/generate/index.ts';
import { loadSources } from '../../src/generate/sources.ts';
import { collectionJson } from '../../src/generate/write.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCaptured } from '../helpers/run.ts';
import { DEMO, resetSimulator, simulator, stats } from '../helpers/simulator.ts';
import { realPresent, realSchemaFile, skipMessage } from './helpers.ts';

const require = createRequire(import.meta.url);
interface NewmanSummary {
  run: { failures: Array<{ error?: { message?: string }; source?: { name?: string } }>; stats: { requests: { total: number } } };
}
const newman = require('newman') as { run(options: Record<string, unknown>, cb: (err: Error | null, summary: NewmanSummary) => void): void };

if (!realPresent) console.log(skipMessage);

/** The API requests the server received: the suite's, not each tool's own set-up calls. */
async function suiteRequests(sim: RunningSimulator): Promise<Record<string, number>> {
  const all = (await stats(sim)).requests;
  const setUp = /^(POST \/api\/oauth\/token|POST \/api\/v1\/auth\/|GET \/api\/v1\/jamf-pro-version|GET \/api\/schema|GET \/classicapi\/|GET \/__simulator)/;
  return Object.fromEntries(Object.entries(all).filter(([key]) => !setUp.test(key)));
}

describe.skipIf(!realPresent)('newman runs a generated suite (the simulator serving 11.30.1)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({ openapi: realSchemaFile('11.30.1') });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('sends exactly the requests jamf-contract sends, the ones that need a value skipped, every test passing', { timeout: 300_000 }, async () => {
    const sources = await loadSources({ serverUrl: sim.url, privilegesOf: 'self', credentials: DEMO });
    const { collection, summary } = generateCollection({ document: sources.document, grants: sources.grants! });
    expect(summary.needsValue.length).toBeGreaterThan(0);
    const file = join(mkdtempSync(join(tmpdir(), 'jc-generate-newman-')), 'suite.postman_collection.json');
    writeFileSync(file, collectionJson(collection));

    await resetSimulator(sim);
    const ours = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: DEMO });
    const byJamfContract = await suiteRequests(sim);
    // What a guard skipped is listed with the variables it lacked, as the wire would list it.
    const unresolved = ours.results.filter((r) => r.skipped?.reason === 'unresolved-variables');
    expect(unresolved.length).toBeGreaterThanOrEqual(summary.needsValue.length);
    expect(ours.results.filter((r) => r.skipped?.reason === 'skipped-by-script')).toEqual([]);

    await resetSimulator(sim);
    const tokenResponse = await fetch(`${sim.url}/api/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO.clientId, client_secret: DEMO.clientSecret }),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const summaryOfNewman = await new Promise<NewmanSummary>((resolve, reject) => {
      newman.run(
        { collection: file, envVar: [{ key: 'baseUrl', value: `${sim.url}/api` }, { key: 'accessToken', value: token }], reporters: [] },
        (err, s) => (err ? reject(err) : resolve(s)),
      );
    });
    const byNewman = await suiteRequests(sim);

    expect(byNewman).toEqual(byJamfContract);
    expect(Object.keys(byNewman).some((key) => key.includes('{{') || key.includes('%7B'))).toBe(false);
    expect(summaryOfNewman.run.failures.map((f) => `${f.source?.name ?? ''}: ${f.error?.message ?? ''}`)).toEqual([]);
    expect(ours.summary.counts).toMatchObject({ testsFailed: 0, errored: 0 });
  });
});
