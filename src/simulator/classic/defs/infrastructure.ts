/**
 * Servers and services: distribution points, update and NetBoot servers, LDAP (whose
 * user and group queries answer from the seeded users and directory groups), directory
 * bindings, disk encryption, dock items, iBeacons, network segments, printers, webhooks.
 */
import { List } from '../document.ts';
import { findRecord } from '../endpoints.ts';
import type { ResourceDef } from '../generic.ts';
import { text, type Data } from '../read.ts';
import type { ClassicResource } from '../resource.ts';
import { document } from '../respond.ts';
import type { Call, Endpoint } from '../routes.ts';
import { statusPage } from '../status-page.ts';
import { ListOf } from '../template.ts';
import { wildcard } from '../computer-search.ts';

const mapping = { map_object_class_to_any_or_all: 'all', object_classes: '', search_base: '', search_scope: 'All Subtrees' } as const;

/** `/ldapservers/{id|name}/{key}/user/{user}`, `/group/{group}` and `/group/{group}/user/{user}`. */
function ldapQueries(resource: ClassicResource): Endpoint[] {
  const out: Endpoint[] = [];
  for (const form of resource.forms.filter((f) => f.methods.includes('GET'))) {
    const base = `/ldapservers/${form.segment}/{${form.param}}`;
    const withServer = (answer: (call: Call) => ReturnType<Endpoint['handle']>) => (call: Call) =>
      findRecord(call.ctx, resource, form, call.params[form.param] ?? '') === undefined ? statusPage(404) : answer(call);
    const users = (call: Call, pattern: string): Data[] => {
      const regex = wildcard(pattern);
      return call.ctx.store.list('users').filter((user) => regex.test(text(user, 'name')));
    };
    const groups = (call: Call, pattern: string): Data[] => {
      const regex = wildcard(pattern);
      return call.ctx.store.list('ldap-groups').filter((group) => regex.test(text(group, 'name')));
    };
    out.push(
      {
        method: 'GET', path: `${base}/user/{user}`, privilege: 'Read LDAP Servers', summary: 'Finds users matching a name in the directory (* is a wildcard)',
        handle: withServer((call) => document(call.req, 'ldap_users', new List('ldap_user', users(call, call.params['user'] ?? '').map((user) => ({
          uid: Number(user['id']) + 1000, uuid: '', username: text(user, 'name'), realname: text(user, 'full_name'), real_name: text(user, 'full_name'),
          email_address: text(user, 'email'), phone: text(user, 'phone_number'), phone_number: text(user, 'phone_number'),
          building: '', department: '', room: '', position: text(user, 'position'),
        }))))),
      },
      {
        method: 'GET', path: `${base}/group/{group}`, privilege: 'Read LDAP Servers', summary: 'Finds directory groups matching a name (* is a wildcard)',
        handle: withServer((call) => document(call.req, 'ldap_groups', new List('ldap_group', groups(call, call.params['group'] ?? '').map((group) => ({
          uid: Number(group['id']) + 8000, groupname: text(group, 'name'), distinguished_name: text(group, 'distinguished_name'),
        }))))),
      },
      {
        method: 'GET', path: `${base}/group/{group}/user/{user}`, privilege: 'Read LDAP Servers', summary: 'Tells whether a directory user is in a group',
        handle: withServer((call) => {
          const members = new Set(groups(call, call.params['group'] ?? '').flatMap((group) => (Array.isArray(group['members']) ? group['members'].map(String) : [])));
          return document(call.req, 'ldap_users', new List('ldap_user', users(call, call.params['user'] ?? '').map((user) => ({
            username: text(user, 'name'), is_member: members.has(text(user, 'name')) ? 'Yes' : 'No',
          }))));
        }),
      },
    );
  }
  return out;
}

export const infrastructure: ResourceDef[] = [
  {
    path: 'directorybindings', item: 'directory_binding', list: 'directory_bindings', kind: 'directory-bindings', noun: 'Directory Bindings',
    template: {
      id: 0, name: '', priority: 1, domain: '', username: '', password_sha256: '', computer_ou: '', type: 'Active Directory',
      active_directory: {
        forest: '', cache_last_user: true, require_confirmation: false, local_home: true, use_unc_path: false, mount_style: 'smb',
        default_shell: '/bin/zsh', uid: '', user_gid: '', gid: '', multiple_domains: false, preferred_domain: '', admin_groups: '',
      },
    },
  },
  {
    path: 'diskencryptionconfigurations', item: 'disk_encryption_configuration', list: 'disk_encryption_configurations',
    kind: 'disk-encryption-configurations', noun: 'Disk Encryption Configurations',
    template: {
      id: 0, name: '', key_type: 'Individual', file_vault_enabled_users: 'Management Account',
      institutional_recovery_key: { key: '', certificate_type: '', password_sha256: '', data: '' },
    },
  },
  {
    path: 'distributionpoints', item: 'distribution_point', list: 'distribution_points', kind: 'distribution-points', noun: 'Distribution Points',
    template: {
      id: 0, name: '', ip_address: '', is_master: false, failover_point: '', failover_point_url: '', enable_load_balancing: false,
      local_path: '', ssh_username: '', ssh_password_sha256: '', connection_type: 'SMB', share_name: '', workgroup_or_domain: '',
      share_port: 445, read_only_username: '', read_only_password_sha256: '', read_write_username: '', read_write_password_sha256: '',
      http_downloads_enabled: true, http_url: '', context: '', protocol: 'https', port: 443, no_authentication_required: false,
      username_password_required: true, http_username: '', http_password_sha256: '',
    },
  },
  {
    path: 'dockitems', item: 'dock_item', list: 'dock_items', kind: 'dock-items', noun: 'Dock Items',
    template: { id: 0, name: '', type: 'App', path: '', contents: '' },
  },
  {
    path: 'ibeacons', item: 'ibeacon', noun: 'iBeacon', listItem: ['id', 'name', 'uuid', 'major', 'minor'],
    template: { id: 0, name: '', uuid: '', major: '-1', minor: '-1' },
  },
  {
    path: 'ldapservers', item: 'ldap_server', list: 'ldap_servers', kind: 'ldap-servers', noun: 'LDAP Servers', id: 'connection.id', name: 'connection.name',
    listItem: [['id', 'connection.id'], ['name', 'connection.name']],
    template: {
      connection: {
        id: 0, name: '', hostname: '', server_type: 'Active Directory', port: 636, use_ssl: true, authentication_type: 'simple',
        account: { distinguished_username: '', password_sha256: '' }, open_close_timeout: 15, search_timeout: 60,
        referral_response: 'ignore', use_wildcards: true, connection_is_used_for: 'users',
      },
      mappings_for_users: {
        user_mappings: {
          ...mapping, map_user_id: 'uSNCreated', map_username: 'sAMAccountName', map_realname: 'displayName', map_email_address: 'mail',
          append_to_email_results: '', map_department: 'department', map_building: 'streetAddress', map_room: 'roomNumber',
          map_telephone: 'telephoneNumber', map_position: 'title', map_user_uuid: 'objectGUID',
        },
        user_group_mappings: { ...mapping, map_group_id: 'uSNCreated', map_group_name: 'name', map_group_uuid: 'objectGUID' },
        user_group_membership_mappings: {
          user_group_membership_stored_in: 'user object', map_group_membership_to_user_field: 'memberOf', append_to_username: '',
          use_dn: true, recursive_lookups: false, map_user_membership_to_group_field: false, map_user_membership_use_dn: false,
          ...mapping, username: 'sAMAccountName', group_id: 'uSNCreated', user_group_membership_use_ldap_compare: true,
        },
      },
    },
    extra: ldapQueries,
  },
  {
    path: 'netbootservers', item: 'netboot_server', list: 'netboot_servers', kind: 'netboot-servers', noun: 'NetBoot Servers',
    template: {
      id: 0, name: '', ip_address: '', default_image: false, specific_image: false, target_platform: 'Intel', share_point: '',
      set: '', image: '', protocol: 'nfs', configure_manually: false, boot_args: '', boot_file: '', boot_device: '',
    },
  },
  {
    path: 'networksegments', item: 'network_segment', list: 'network_segments', kind: 'network-segments', noun: 'Network Segments',
    listItem: ['id', 'name', 'starting_address', 'ending_address'],
    template: {
      id: 0, name: '', starting_address: '', ending_address: '', distribution_server: '', distribution_point: '', url: '',
      netboot_server: '', swu_server: '', building: '', department: '', override_buildings: false, override_departments: false,
    },
  },
  {
    path: 'printers', item: 'printer', noun: 'Printers',
    template: {
      id: 0, name: '', category: '', uri: '', CUPS_name: '', location: '', model: '', shared: false, info: '', notes: '',
      make_default: false, use_generic: true, ppd: '', ppd_contents: '', ppd_path: '', os_requirements: '',
    },
  },
  {
    path: 'softwareupdateservers', item: 'software_update_server', list: 'software_update_servers', kind: 'software-update-servers',
    noun: 'Software Update Servers', template: { id: 0, name: '', ip_address: '', port: 8088, set_system_wide: false },
  },
  {
    path: 'webhooks', item: 'webhook', noun: 'Webhooks',
    template: {
      id: 0, name: '', enabled: true, url: '', content_type: 'application/json', event: 'ComputerAdded', connection_timeout: 5,
      read_timeout: 2, authentication_type: 'NONE', username: '', password: '', enable_display_fields_for_group_object: false,
      display_fields: new ListOf('display_field', { name: '' }), smart_group_id: -1,
    },
  },
];
