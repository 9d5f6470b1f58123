/** HTTP Basic: the only scheme before 10.35 (picked by --auth auto), refused from 11.5 and classified so. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { collection, expectStatus, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { runCaptured } from '../../helpers/run.ts';
import { simulator, stats } from '../../helpers/simulator.ts';

const dir = tempDir();
const classic = writeFile(dir, 'classic.json', collection('Classic', [
  request('buildings', '{{url}}/JSSResource/buildings', { headers: { Accept: 'application/json' }, tests: expectStatus(200) }),
  request('departments', '{{url}}/JSSResource/departments', { tests: expectStatus(200) }),
]));
const admin = { username: 'admin', password: 'admin' };

describe('a 10.34 server (before bearer tokens)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({ jamfVersion: '10.34.0' });
  });
  afterAll(() => sim.close());

  it('--auth auto falls back to Basic and the Classic API answers', async () => {
    const { summary, results } = await runCaptured({ collections: [classic], serverUrl: sim.url, credentials: admin });
    expect(summary.authScheme).toBe('basic');
    expect(results.map((r) => r.response?.status)).toEqual([200, 200]);
    expect(summary.counts.testsFailed).toBe(0);
    expect(summary.tokenRequests).toBe(0);
    expect((await stats(sim)).tokensIssued).toEqual({});
  });
});

describe('an 11.5 server (Basic removed)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({ jamfVersion: '11.5.0' });
  });
  afterAll(() => sim.close());

  it('--auth basic: every 401 is an AUTH_REFUSED error explaining Basic is disabled (nothing is replayed)', async () => {
    const { results, summary } = await runCaptured({ collections: [classic], serverUrl: sim.url, credentials: admin, auth: 'basic' });
    for (const r of results) {
      expect(r.response?.status).toBe(401);
      expect(r.authReplay).toBeUndefined();
      expect(r.error?.code).toBe('AUTH_REFUSED');
      expect(r.error?.message).toMatch(/Basic authentication is disabled/);
    }
    expect(summary.counts.errored).toBe(results.length);
  });

  it('--auth auto with a user picks a bearer token instead, and the same requests pass', async () => {
    const { summary } = await runCaptured({ collections: [classic], serverUrl: sim.url, credentials: admin });
    expect(summary.authScheme).toBe('user');
    expect(summary.counts).toMatchObject({ sent: 2, testsPassed: 2, testsFailed: 0 });
  });
});
