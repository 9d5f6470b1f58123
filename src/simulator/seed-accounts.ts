/**
 * Jamf Pro user accounts and account groups as the store holds them (kinds `accounts` and
 * `account-groups`), for the Classic `/JSSResource/accounts` resource.
 *
 * Auth keeps its own user records (with passwords); the store gets a password-free view of
 * the same seed users, rebuilt at every start and reset. A Classic write to an account
 * changes the store only, not who may log in, as in a simulator nobody logs in through
 * the Classic account editor.
 */
import type { SeedUser } from './seed.ts';

type Obj = Record<string, unknown>;

export const ACCOUNT_KIND = 'accounts';
export const GROUP_KIND = 'account-groups';

/** `*` is Jamf's Administrator privilege set; any other list is Custom. */
export function accountRecord(user: SeedUser): Obj {
  const admin = user.privileges.includes('*');
  return {
    id: user.id,
    username: user.username,
    realName: user.realName,
    email: user.email,
    enabled: user.enabled,
    privileges: [...user.privileges],
    accessLevel: user.accessLevel ?? 'FullAccess',
    privilegeLevel: user.privilegeLevel ?? (admin ? 'ADMINISTRATOR' : 'CUSTOM'),
    ...(user.siteId === undefined ? {} : { siteId: user.siteId }),
  };
}

/** Two groups whose members are the default users that exist in `users` (a config may replace them). */
export function accountGroups(users: readonly SeedUser[]): Obj[] {
  const idsOf = (...names: string[]): string[] => users.filter((user) => names.includes(user.username)).map((user) => user.id);
  return [
    { id: '1', name: 'Administrators', accessLevel: 'FullAccess', privilegeLevel: 'ADMINISTRATOR', privileges: ['*'], memberIds: idsOf('admin') },
    {
      id: '2',
      name: 'Help Desk',
      accessLevel: 'FullAccess',
      privilegeLevel: 'CUSTOM',
      privileges: ['Read Computers', 'Read Mobile Devices', 'Send Computer Remote Wipe Command'],
      memberIds: idsOf('helpdesk', 'auditor'),
    },
  ];
}

/** The store's starting objects: the seed's own, plus accounts and groups unless the seed names them. */
export function storeObjects(objects: Record<string, Obj[]>, users: readonly SeedUser[]): Record<string, Obj[]> {
  return {
    ...objects,
    [ACCOUNT_KIND]: objects[ACCOUNT_KIND] ?? users.map(accountRecord),
    [GROUP_KIND]: objects[GROUP_KIND] ?? accountGroups(users),
  };
}
