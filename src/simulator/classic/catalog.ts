/**
 * Every Classic resource the simulator serves: the ones with their own module, the table
 * rows of `defs/`, the read-only views of one device, and the endpoint groups that are not
 * objects (commands, reports, log flushing, file uploads).
 */
import { accountGroups, accounts } from './accounts.ts';
import { commandEndpoints } from './commands.ts';
import { computers } from './computers.ts';
import { groups } from './defs/groups.ts';
import { infrastructure } from './defs/infrastructure.ts';
import { patchAndVpp } from './defs/patch-vpp.ts';
import { people } from './defs/people.ts';
import { profiles } from './defs/profiles.ts';
import { settings } from './defs/settings.ts';
import { shared } from './defs/shared.ts';
import { software } from './defs/software.ts';
import { computerHistoryResource, computerManagementResource, mobileDeviceHistoryResource } from './derived.ts';
import { defineResource } from './generic.ts';
import { maintenanceEndpoints } from './maintenance.ts';
import { mobileDevices } from './mobile-devices.ts';
import { policies } from './policies.ts';
import { reportEndpoints } from './reports.ts';
import type { ClassicResource } from './resource.ts';
import type { Endpoint } from './routes.ts';
import { buildings, categories, departments } from './simple.ts';

const tableRows = [...settings, ...shared, ...groups, ...people, ...infrastructure, ...software, ...profiles, ...patchAndVpp];

export const classicResources: readonly ClassicResource[] = [
  accounts,
  accountGroups,
  buildings,
  categories,
  computers,
  departments,
  mobileDevices,
  policies,
  computerHistoryResource,
  computerManagementResource,
  mobileDeviceHistoryResource,
  ...tableRows.map(defineResource),
].sort((a, b) => a.path.localeCompare(b.path));

export const classicEndpointGroups: readonly Endpoint[] = [...commandEndpoints, ...reportEndpoints, ...maintenanceEndpoints];
