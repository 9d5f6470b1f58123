/** The `/subset/General&Location` forms and the computers `subset/basic` list. */
import { List, type Fields } from './document.ts';
import { bool, dates, nameOf, pick, text, type Data, type ReadContext } from './read.ts';
import { type ClassicResource, idOf } from './resource.ts';

export function subsetKey(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

/** Keeps the named top-level sections in Jamf's order; unknown subset names are ignored. */
export function selectSubsets(resource: ClassicResource, detail: Fields, subsets: readonly string[]): Fields {
  const wanted = new Set(subsets.map((subset) => resource.subsets?.[subsetKey(subset)]).filter((key) => key !== undefined));
  return Object.fromEntries(Object.entries(detail).filter(([key]) => wanted.has(key)));
}

export function computersBasic(records: Data[], ctx: ReadContext): List {
  return new List(
    'computer',
    records.map((record) => {
      const report = dates(pick(record, 'general.reportDate', 'reportDate'));
      return {
        id: idOf(record),
        name: text(record, 'general.name', 'name'),
        managed: bool(record, 'general.remoteManagement.managed', 'managed'),
        username: text(record, 'userAndLocation.username', 'username'),
        model: text(record, 'hardware.model', 'model'),
        department: nameOf(ctx, 'departments', pick(record, 'userAndLocation.departmentId', 'departmentId')),
        building: nameOf(ctx, 'buildings', pick(record, 'userAndLocation.buildingId', 'buildingId')),
        mac_address: text(record, 'hardware.macAddress', 'macAddress'),
        udid: text(record, 'udid', 'general.udid'),
        serial_number: text(record, 'hardware.serialNumber', 'serialNumber'),
        report_date_utc: report.utc,
        report_date_epoch: report.epoch,
      };
    }),
  );
}
