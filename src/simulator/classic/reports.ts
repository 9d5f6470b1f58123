/**
 * Reports over inventory: `/computerapplications` (who runs which version of an app),
 * `/computerapplicationusage` and `/computerhardwaresoftwarereports` (per computer, over
 * a date range). All are worked out from the seeded computers' applications and hardware,
 * deterministically, so the same request always gets the same answer.
 */
import { fieldValue } from '../seed-groups.ts';
import { List, Repeat, type Fields } from './document.ts';
import { wildcard } from './computer-search.ts';
import { array, dates, num, text, type Data, type ReadContext } from './read.ts';
import { document } from './respond.ts';
import type { Call, Endpoint } from './routes.ts';
import { statusPage } from './status-page.ts';

const READ = 'Read Computers';
const byId = (records: Data[]): Data[] => [...records].sort((a, b) => Number(a['id']) - Number(b['id']));

function computerRef(computer: Data): Fields {
  return {
    id: Number(computer['id']), name: text(computer, 'general.name'), udid: text(computer, 'udid'),
    serial_number: text(computer, 'hardware.serialNumber'), mac_address: text(computer, 'hardware.macAddress'),
  };
}

/** `/computerapplications/application/{application}[/version/{version}][/inventory/{inventory}]`. */
function applications(call: Call): ReturnType<Endpoint['handle']> {
  const name = wildcard(call.params['application'] ?? '');
  const version = call.params['version'] === undefined ? undefined : wildcard(call.params['version']);
  const fields = (call.params['inventory'] ?? '').split(',').map((field) => field.trim()).filter((field) => field !== '');
  const lookup = (kind: string, id: unknown): Data | undefined => call.ctx.store.get(kind, String(id));
  const byVersion = new Map<string, Data[]>();
  for (const computer of byId(call.ctx.store.list('computers'))) {
    for (const app of array(computer, 'applications')) {
      if (!name.test(text(app, 'name')) || (version !== undefined && !version.test(text(app, 'version')))) continue;
      const list = byVersion.get(text(app, 'version')) ?? [];
      if (!list.includes(computer)) list.push(computer);
      byVersion.set(text(app, 'version'), list);
    }
  }
  const withFields = (computer: Data): Fields => ({
    ...computerRef(computer),
    ...Object.fromEntries(fields.map((field) => [field.replace(/[^A-Za-z0-9]+/g, '_'), fieldValue('computers', field, computer, lookup)])),
  });
  const unique = [...new Set([...byVersion.values()].flat())];
  const versions = [...byVersion.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([number, computers]) => ({ number, computers: new List('computer', computers.map(withFields)) }));
  return document(call.req, 'computer_applications', {
    versions: { version: new Repeat(versions) },
    unique_computers: { computer: new Repeat(unique.map(computerRef)) },
  });
}

type Finder = (ctx: ReadContext, key: string) => Data | undefined;

const FINDERS: Record<string, Finder> = {
  id: (ctx, key) => (/^\d+$/.test(key) ? ctx.store.get('computers', String(Number(key))) : undefined),
  name: (ctx, key) => ctx.store.list('computers').find((c) => text(c, 'general.name').toLowerCase() === key.toLowerCase()),
  udid: (ctx, key) => ctx.store.list('computers').find((c) => text(c, 'udid').toLowerCase() === key.toLowerCase()),
  serialnumber: (ctx, key) => ctx.store.list('computers').find((c) => text(c, 'hardware.serialNumber').toLowerCase() === key.toLowerCase()),
  macaddress: (ctx, key) => ctx.store.list('computers').find((c) => text(c, 'hardware.macAddress').toLowerCase() === key.toLowerCase()),
};

/** The days from start to end (inclusive, at most 31), or undefined for a range that is not two dates in order. */
function days(start: string | undefined, end: string | undefined): string[] | undefined {
  const from = Date.parse(`${start ?? ''}T00:00:00Z`);
  const to = Date.parse(`${end ?? ''}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return undefined;
  const out: string[] = [];
  for (let at = from; at <= to && out.length < 31; at += 86_400_000) out.push(new Date(at).toISOString().slice(0, 10));
  return out;
}

function usage(computer: Data, range: string[]): Fields {
  return {
    usage: new Repeat(range.map((day, index) => ({
      date: day.replace(/-/g, '/'),
      apps: new List('app', array(computer, 'applications').map((app, at) => {
        const seed = (Number(computer['id']) * 7 + index * 3 + at * 5) % 11;
        return { name: text(app, 'name'), version: text(app, 'version'), foreground: seed, open: seed * 2 + 1 };
      }), false),
    }))),
  };
}

function hardwareSoftware(computer: Data, range: string[], subsets?: string): Fields {
  const at = dates(`${range[0]}T09:00:00Z`);
  const stamp = { date_time: at.plain, date_time_epoch: at.epoch, date_time_utc: at.utc };
  const all: Record<string, Fields | Repeat> = {
    hardware_report: {
      ...stamp, operating_system: `macOS ${text(computer, 'operatingSystem.version')}`, service_pack: '', NIC_speed: text(computer, 'hardware.nicSpeed') || 'n/a',
      optical_drive: '', make: text(computer, 'hardware.make') || 'Apple', model_identifier: text(computer, 'hardware.modelIdentifier'),
      serial_number: text(computer, 'hardware.serialNumber'), processor_speed_mhz: num(computer, 'hardware.processorSpeedMhz'),
      processor_count: num(computer, 'hardware.processorCount'), core_count: num(computer, 'hardware.coreCount'),
      total_ram_mb: num(computer, 'hardware.totalRamMegabytes'), open_ram_slots: num(computer, 'hardware.openRamSlots'),
      total_harddrive_size: '494.38 GB', boot_partition_used_percent: 40 + (Number(computer['id']) % 50),
    },
    software_report: new Repeat(array(computer, 'applications').map((app) => ({ ...stamp, type: 'Added', name: text(app, 'name'), version: text(app, 'version'), path: text(app, 'path') }))),
    font_report: new Repeat([]),
    plugin_report: new Repeat([]),
  };
  if (subsets === undefined) return all;
  const wanted = subsets.toLowerCase().split('&').map((name) => `${name.replace(/_/g, '')}report`.replace(/reportreport$/, 'report'));
  return Object.fromEntries(Object.entries(all).filter(([key]) => wanted.includes(key.replace(/_/g, ''))));
}

function perComputer(path: string, root: string, summary: string, build: (computer: Data, range: string[], call: Call) => Fields): Endpoint[] {
  return Object.keys(FINDERS).map((segment) => ({
    method: 'GET' as const, path: `/${path}/${segment}/{${segment}}/{start_date}_{end_date}`, privilege: READ, summary: `${summary} (by ${segment})`,
    handle: (call: Call) => {
      const computer = FINDERS[segment]!(call.ctx, call.params[segment] ?? '');
      const range = days(call.params['start_date'], call.params['end_date']);
      if (computer === undefined || range === undefined) return statusPage(404);
      return document(call.req, root, build(computer, range, call));
    },
  }));
}

export const reportEndpoints: readonly Endpoint[] = [
  ...['', '/version/{version}', '/inventory/{inventory}', '/version/{version}/inventory/{inventory}'].map((tail) => ({
    method: 'GET' as const, path: `/computerapplications/application/{application}${tail}`, privilege: READ,
    summary: 'Finds the computers that have an application (* is a wildcard), by version', handle: applications,
  })),
  ...perComputer('computerapplicationusage', 'computer_application_usage', 'Finds application usage of a computer over a date range', (computer, range) => usage(computer, range)),
  ...perComputer('computerhardwaresoftwarereports', 'computer_hardware_software_reports', 'Finds hardware and software changes of a computer over a date range', (computer, range) => hardwareSoftware(computer, range)),
  ...perComputer('computerhardwaresoftwarereports', 'computer_hardware_software_reports', 'Finds a subset of hardware and software changes of a computer over a date range', (computer, range, call) => hardwareSoftware(computer, range, call.params['subset']))
    .map((endpoint) => ({ ...endpoint, path: `${endpoint.path}/subset/{subset}` })),
];
