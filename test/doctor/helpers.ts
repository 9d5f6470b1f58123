/** Changing roles and clients as `admin` through the simulator's own API, and small collections for the preflight. */
import { runDoctor, type DoctorCheck, type DoctorOptions, type DoctorReport } from '../../src/doctor/index.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { collection, request, tempDir, writeFile } from '../helpers/collections.ts';

const ADMIN = { clientId: 'admin-client', clientSecret: 'admin-secret' };

async function adminToken(sim: RunningSimulator): Promise<string> {
  const res = await fetch(`${sim.url}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: ADMIN.clientId, client_secret: ADMIN.clientSecret }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function asAdmin(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${await adminToken(sim)}`, 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Reads, Pro and Classic, plus one Pro write (sent only with allowWrites). */
export const buildingsAndComputers = writeFile(tempDir(), 'preflight.postman_collection.json', collection('Preflight', [
  request('Pro buildings', '{{baseUrl}}/v1/buildings'),
  request('Pro building', '{{baseUrl}}/v1/buildings/{{buildingId}}'),
  request('Pro computers', '{{baseUrl}}/v1/computers-inventory?section=GENERAL'),
  request('Classic buildings', '{{url}}/JSSResource/buildings'),
  request('Classic computers', '{{url}}/JSSResource/computers/id/{{computerId}}'),
  request('Version', '{{baseUrl}}/v1/jamf-pro-version'),
  request('Create building', '{{baseUrl}}/v1/buildings', { method: 'POST', body: '{"name":"x"}' }),
]));

export function doctor(sim: RunningSimulator, credentials: DoctorOptions['credentials'], extra: Partial<DoctorOptions> = {}): Promise<DoctorReport> {
  return runDoctor({ serverUrl: sim.url, credentials, collections: [buildingsAndComputers], embedded: true, ...extra });
}

export function check(report: DoctorReport, id: DoctorCheck['id']): DoctorCheck {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check in ${JSON.stringify(report.checks.map((c) => c.id))}`);
  return found;
}

export function statuses(report: DoctorReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}
