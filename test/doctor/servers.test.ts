/** Server-side conditions: old versions (Basic only), Basic gone in 11.5, Basic off below it, self-signed TLS, clusters, clock skew. */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/index.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { tempDir } from '../helpers/collections.ts';
import { DEMO, simulator } from '../helpers/simulator.ts';
import { check, doctor } from './helpers.ts';

const auditor = { username: 'auditor', password: 'auditor' };

describe('Jamf Pro 10.34 (before bearer tokens)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({ jamfVersion: '10.34.0' });
  });
  afterAll(() => sim.close());

  it('--auth auto with a user: Basic is the only scheme, and it is accepted', async () => {
    const report = await doctor(sim, auditor);
    expect(report).toMatchObject({ scheme: 'basic', canRun: true });
    expect(check(report, 'schemes').data).toMatchObject({ clientCredentials: false, userTokens: false, basic: 'only' });
    expect(check(report, 'token')).toMatchObject({ status: 'ok', title: 'Basic auth accepted' });
    expect(check(report, 'privileges').detail).toMatch(/with Basic auth the account's privileges cannot be read/);
    expect(check(report, 'affinity').status).toBe('skip');
  });

  it('an API client: explains the server is too old for API clients', async () => {
    const report = await doctor(sim, DEMO);
    expect(check(report, 'token')).toMatchObject({ status: 'fail', title: 'This server has no API clients' });
    expect(check(report, 'token').remedy).toMatch(/JAMF_USERNAME/);
    expect(report.canRun).toBe(false);
  });

  it('a wrong password on a Basic-only server is a wrong password', async () => {
    const report = await doctor(sim, { username: 'auditor', password: 'nope-nope' });
    expect(check(report, 'token')).toMatchObject({ status: 'fail', data: { code: 'AUTH_BAD_CREDENTIALS' } });
  });
});

describe('Jamf Pro 11.5 (Basic removed)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({ jamfVersion: '11.5.0' });
  });
  afterAll(() => sim.close());

  it('--auth basic: the 401 is explained as Basic being gone, not a wrong password', async () => {
    const report = await doctor(sim, auditor, { auth: 'basic' });
    const token = check(report, 'token');
    expect(token).toMatchObject({ status: 'fail', title: 'Basic auth is not available' });
    expect(token.detail).toMatch(/password is right.*removed in 11\.5/);
    expect(token.remedy).toMatch(/--auth user/);
    expect(report).toMatchObject({ jamfVersion: '11.5.0', canRun: false });
  });

  it('--auth basic with a wrong password stays a credentials problem', async () => {
    const report = await doctor(sim, { username: 'auditor', password: 'nope-nope' }, { auth: 'basic' });
    expect(check(report, 'token')).toMatchObject({ status: 'fail', data: { code: 'AUTH_BAD_CREDENTIALS' } });
  });

  it('--auth auto with the same user picks a user token, and the account\'s privileges are read from /v1/auth', async () => {
    const report = await doctor(sim, { username: 'admin', password: 'admin' });
    expect(report).toMatchObject({ scheme: 'user', canRun: true });
    expect(check(report, 'claims').data).toMatchObject({ subjectType: 'JSS_USER_ID', authenticationType: 'JSS' });
    expect(check(report, 'privileges').status).toBe('ok');
    expect(check(report, 'scope-drift').status).toBe('skip');
    // The doctor's own user tokens are invalidated: only the open session's are left.
    expect(sim.state.auth.tokens.size).toBeLessThanOrEqual(1);
  });
});

describe('Jamf Pro 11.4 with Basic off (the default since 10.42)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({ jamfVersion: '11.4.0' });
  });
  afterAll(() => sim.close());

  it('--auth basic: disabled on this server, told apart from a wrong password', async () => {
    const token = check(await doctor(sim, auditor, { auth: 'basic' }), 'token');
    expect(token.detail).toMatch(/Basic auth is disabled on this server/);
  });
});

describe('a self-signed TLS server', () => {
  let sim: RunningSimulator;
  let caFile: string;
  beforeAll(async () => {
    sim = await simulator({ tls: true });
    caFile = join(tempDir(), 'ca.pem');
    writeFileSync(caFile, sim.ca ?? '');
  });
  afterAll(() => sim.close());

  it('is refused without --ca, with the remedy', async () => {
    const report = await doctor(sim, DEMO);
    const connect = check(report, 'connect');
    expect(connect).toMatchObject({ status: 'fail', title: 'TLS handshake failed', data: { code: 'TLS' } });
    expect(connect.detail).toMatch(/self-signed/);
    expect(connect.remedy).toMatch(/--ca FILE/);
    expect(report.canRun).toBe(false);
  });

  it('is fine with --ca', async () => {
    const report = await doctor(sim, DEMO, { tls: { caFile } });
    expect(check(report, 'connect').detail).toMatch(/certificate verified/);
    expect(report.canRun).toBe(true);
  });

  it('--insecure works and says the certificate was not verified', async () => {
    const report = await doctor(sim, DEMO, { tls: { insecure: true } });
    expect(check(report, 'connect').detail).toMatch(/NOT verified/);
    expect(report.canRun).toBe(true);
  });
});

describe('a two-node cluster', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({ cluster: true });
  });
  afterAll(() => sim.close());

  it('reports the affinity cookie and that both nodes issue tokens', async () => {
    const affinity = check(await doctor(sim, DEMO), 'affinity');
    expect(affinity).toMatchObject({ status: 'ok', data: { cookies: ['jpro-ingress'], nodes: 2 } });
    expect(affinity.detail).toMatch(/one cookie jar/);
  });
});

describe('clock skew', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(() => sim.close());

  it('a local clock two minutes ahead is reported with the remedy', async () => {
    const clock = check(await doctor(sim, DEMO, { now: () => Date.now() + 120_000 }), 'clock');
    expect(clock.status).toBe('warn');
    expect(clock.data?.skewSeconds).toBeGreaterThanOrEqual(119);
    expect(clock.detail).toMatch(/ahead of the server's/);
    expect(clock.remedy).toMatch(/NTP/);
  });
});

describe('a certificate issued for another host name', () => {
  let server: Server;
  let url: string;
  let caFile: string;
  beforeAll(async () => {
    const { generate } = await import('selfsigned');
    const pems = await generate([{ name: 'commonName', value: 'jamf.other.example' }], {
      keySize: 2048, algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'jamf.other.example' }] }],
    } as Parameters<typeof generate>[1]);
    caFile = join(tempDir(), 'other.pem');
    writeFileSync(caFile, pems.cert);
    server = createServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('even with its CA trusted, the host name mismatch is named', async () => {
    const report = await runDoctor({ serverUrl: url, credentials: DEMO, tls: { caFile } });
    const connect = check(report, 'connect');
    expect(connect).toMatchObject({ status: 'fail', data: { code: 'TLS' } });
    expect(connect.detail).toMatch(/issued for another host name/);
  });
});

describe('leaving checks out', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(() => sim.close());

  it('a preflight can leave out the affinity check: no extra token requests', async () => {
    const before = sim.state.auth.tokensIssued[DEMO.clientId] ?? 0;
    const report = await doctor(sim, DEMO, { leaveOut: ['affinity', 'scope-drift'] });
    expect(check(report, 'affinity')).toMatchObject({ status: 'skip', detail: 'Left out on request.' });
    expect(check(report, 'scope-drift').status).toBe('skip');
    expect((sim.state.auth.tokensIssued[DEMO.clientId] ?? 0) - before).toBe(1);
    expect(report.canRun).toBe(true);
  });
});
