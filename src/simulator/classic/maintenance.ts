/**
 * `/logflush` (removes policy or computer logs older than an interval; the simulator keeps
 * no logs, so it checks the request and answers) and `/fileuploads` (attaches a file to an
 * object; the simulator checks the object exists and keeps nothing).
 */
import { xmlBody } from './respond.ts';
import type { Call, Endpoint } from './routes.ts';
import { statusPage } from './status-page.ts';

const LOGS = ['policy', 'policies', 'computer', 'computers', 'mobiledevice', 'mobiledevices'];
const INTERVAL = /^(zero|one|two|three|six)\+(days?|weeks?|months?|years?)$/i;

const flushed = { status: 200, headers: {}, body: '' };

function flushByPath(call: Call): ReturnType<Endpoint['handle']> {
  if (!LOGS.includes((call.params['log'] ?? '').toLowerCase())) return statusPage(404);
  const interval = (call.params['interval'] ?? '').replace(/ /g, '+');
  return INTERVAL.test(interval) ? flushed : statusPage(400);
}

/** Where `/fileuploads/{resource}/{idType}/{id}` attaches files, and the store kind holding the object. */
const UPLOAD_TARGETS: Record<string, { kind: string; name: string[] }> = {
  computers: { kind: 'computers', name: ['general', 'name'] },
  mobiledevices: { kind: 'mobile-devices', name: ['name'] },
  enrollmentprofiles: { kind: 'mobile-device-enrollment-profiles', name: ['general', 'name'] },
  printers: { kind: 'printers', name: ['name'] },
  peripherals: { kind: 'peripherals', name: ['general', 'id'] },
  policies: { kind: 'policies', name: ['name'] },
  ebooks: { kind: 'ebooks', name: ['general', 'name'] },
  mobiledeviceapplicationsicon: { kind: 'mobile-device-applications', name: ['general', 'name'] },
  mobiledeviceapplicationsipa: { kind: 'mobile-device-applications', name: ['general', 'name'] },
  diskencryptionconfigurations: { kind: 'disk-encryption-configurations', name: ['name'] },
  macapplicationsicon: { kind: 'mac-applications', name: ['general', 'name'] },
};

function upload(call: Call): ReturnType<Endpoint['handle']> {
  const target = UPLOAD_TARGETS[(call.params['resource'] ?? '').toLowerCase()];
  if (target === undefined) return statusPage(404);
  const key = call.params['id'] ?? '';
  const byName = (call.params['idType'] ?? '').toLowerCase() === 'name';
  const found = byName
    ? call.ctx.store.list(target.kind).find((record) => String(target.name.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], record)) === key)
    : call.ctx.store.get(target.kind, String(Number(key)));
  if (found === undefined) return statusPage(404);
  if (call.req.body.length === 0) return statusPage(400);
  return { status: 201, headers: {}, body: '' };
}

export const maintenanceEndpoints: readonly Endpoint[] = [
  {
    method: 'DELETE', path: '/logflush', privilege: 'Delete Policies', summary: 'Flushes the logs an XML body names (log, log_id, interval, devices)',
    handle: (call) => {
      const body = xmlBody(call.req);
      return 'status' in body ? body : flushed;
    },
  },
  { method: 'DELETE', path: '/logflush/{log}/interval/{interval}', privilege: 'Delete Policies', summary: 'Flushes logs older than an interval, e.g. "Three+Months"', handle: flushByPath },
  { method: 'DELETE', path: '/logflush/{log}/id/{id}/interval/{interval}', privilege: 'Delete Policies', summary: 'Flushes one object\'s logs older than an interval', handle: flushByPath },
  { method: 'POST', path: '/fileuploads/{resource}/{idType}/{id}', privilege: 'Create File Uploads', summary: 'Attaches a file (multipart form field "name") to an object by id or name', handle: upload },
];
