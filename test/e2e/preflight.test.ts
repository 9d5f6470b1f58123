/**
 * `run` against a real (non-embedded) server checks auth and privileges first: a run whose
 * every request would be refused stops with the doctor's explanation before sending any of
 * them, reusing the run's own token; `--no-preflight` sends them anyway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';
import { asAdmin } from '../doctor/helpers.ts';
import { runCli } from '../helpers/cli.ts';
import { collection, request, tempDir, writeFile } from '../helpers/collections.ts';

describe('run --preflight (default against a real server)', () => {
  let sim: RunningSimulator;
  let env: Record<string, string>;
  const buildings = writeFile(tempDir(), 'buildings.postman_collection.json', collection('Buildings', [
    request('list', '{{baseUrl}}/v1/buildings'),
    request('classic', '{{url}}/JSSResource/buildings'),
  ]));

  beforeAll(async () => {
    sim = await startSimulator({ quiet: true });
    await asAdmin(sim, 'POST', '/v1/api-roles', { displayName: 'Auditor of roles', privileges: ['Read API Roles', 'Read API Integrations'] });
    const created = (await asAdmin(sim, 'POST', '/v1/api-integrations', { displayName: 'Role auditor', authorizationScopes: ['Auditor of roles'], enabled: true })) as { id: number; clientId: string };
    const { clientSecret } = (await asAdmin(sim, 'POST', `/v1/api-integrations/${created.id}/client-credentials`)) as { clientSecret: string };
    env = { JAMF_URL: sim.url, JAMF_CLIENT_ID: created.clientId, JAMF_CLIENT_SECRET: clientSecret };
  });
  afterAll(() => sim.close());

  const sent = async (): Promise<number> => {
    const stats = (await (await fetch(`${sim.url}/__simulator/stats`)).json()) as { requests: Record<string, number> };
    return (stats.requests['GET /api/v1/buildings'] ?? 0) + (stats.requests['GET /JSSResource/buildings'] ?? 0);
  };

  it('stops with the explanation and exit 3 when every request would 403, sending none of them', async () => {
    const before = await sent();
    const r = await runCli(['run', buildings], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error[PREFLIGHT_FAILED]');
    expect(r.stderr).toMatch(/Read Buildings/);
    expect(await sent()).toBe(before);
    expect(r.stdout + r.stderr).not.toContain(env.JAMF_CLIENT_SECRET!);
    expect(r.stdout + r.stderr).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });

  it('--no-preflight sends them anyway (and they fail on 403)', async () => {
    const before = await sent();
    const r = await runCli(['run', buildings, '--no-preflight'], env);
    expect(await sent()).toBe(before + 2);
    expect(r.stderr).not.toContain('PREFLIGHT_FAILED');
  });
});
