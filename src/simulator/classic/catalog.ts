/** Every Classic resource the simulator serves, in Jamf's alphabetical order of paths. */
import { accountGroups, accounts } from './accounts.ts';
import { computers } from './computers.ts';
import { groups } from './defs/groups.ts';
import { infrastructure } from './defs/infrastructure.ts';
import { people } from './defs/people.ts';
import { settings } from './defs/settings.ts';
import { defineResource } from './generic.ts';
import { mobileDevices } from './mobile-devices.ts';
import { policies } from './policies.ts';
import type { ClassicResource } from './resource.ts';
import { buildings, categories, departments } from './simple.ts';

const defined: ClassicResource[] = [...settings, ...groups, ...people, ...infrastructure].map(defineResource);

export const classicResources: readonly ClassicResource[] = [
  accounts,
  accountGroups,
  buildings,
  categories,
  computers,
  departments,
  mobileDevices,
  policies,
  ...defined,
].sort((a, b) => a.path.localeCompare(b.path));
