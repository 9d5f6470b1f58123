/**
 * Seed objects of the kinds only the Classic API shows, kept in the Classic document's
 * own shape (element names): settings lists, infrastructure, profiles, apps, searches…
 * Values are invented; they link to the shared objects of `seed-objects.ts` by id
 * (buildings, departments, categories, sites, computers, mobile devices).
 */
import { classicInventoryObjects } from './seed-classic-inventory.ts';
import { classicManagementObjects } from './seed-classic-management.ts';
import { ids, type Obj } from './seed-helpers.ts';

function settingsObjects(): Record<string, Obj[]> {
  return {
    'allowed-file-extensions': ids(['pdf', 'docx', 'xlsx', 'pptx', 'png', 'jpg', 'zip', 'pkg', 'dmg', 'mobileconfig'].map((extension) => ({ extension }))),
    'json-web-token-configurations': ids([
      { name: 'Identity provider', disabled: false, encryption_key: 'jwt-key-1', token_expiry: 5 },
      { name: 'Legacy portal', disabled: true, encryption_key: 'jwt-key-2', token_expiry: 15 },
    ]),
    'removable-mac-addresses': ids(['00:1B:44:11:3A:B7', '00:1B:44:11:3A:B8', 'AC:DE:48:00:11:22'].map((name) => ({ name }))),
    'infrastructure-managers': ids([
      { uuid: '6f1c2a0e-0000-4000-8000-000000000001', name: 'Infrastructure Manager 01', hostname: 'jim01.example.com', last_check_in: '2026-06-01 08:00:00', last_reported_ip: '10.0.0.21', operating_system: 'Linux', operating_system_version: '22.04', recurring_check_in_frequency: 30 },
    ]),
    'healthcare-listeners': ids([{ infrastructure_manager_id: 1, enabled: true, name: 'Healthcare Listener', single_ips: '10.0.5.10', range_ips: '', port: 8080 }]),
    'healthcare-listener-rules': ids([
      { hcl_id: 1, name: 'Discharge: lock device', operating_system: 'iPhone', mdm_command: 'DeviceLock', adt_message: 'A03', adt_message_field: 'PV1-3-3', device_inventory_field: -1, notification_enabled: true, notify_unsupported_enabled: false, notification_threshold: 15, notification_emails: { email: 'clinical-it@example.com' } },
      { hcl_id: 1, name: 'Transfer: clear passcode', operating_system: 'iPhone', mdm_command: 'ClearPasscode', adt_message: 'A02', adt_message_field: 'PV1-6-3', device_inventory_field: -1, notification_enabled: false, notify_unsupported_enabled: false, notification_threshold: 15, notification_emails: { email: '' } },
    ]),
  };
}

function infrastructureObjects(): Record<string, Obj[]> {
  const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  return {
    'directory-bindings': ids([
      { name: 'Corporate AD', priority: 1, domain: 'corp.example.com', username: 'binder', password_sha256: sha, computer_ou: 'CN=Computers,DC=corp,DC=example,DC=com', type: 'Active Directory' },
    ]),
    'disk-encryption-configurations': ids([
      { name: 'FileVault Individual Key', key_type: 'Individual', file_vault_enabled_users: 'Current or Next User' },
      { name: 'FileVault Institutional Key', key_type: 'Individual And Institutional', file_vault_enabled_users: 'Management Account' },
    ]),
    'distribution-points': ids([
      { name: 'Cloud Distribution Point', ip_address: 'dp.example.com', is_master: true, connection_type: 'SMB', share_name: 'JamfShare', share_port: 445, read_only_username: 'jamfread', read_write_username: 'jamfadmin', http_downloads_enabled: true, http_url: 'https://dp.example.com/JamfShare', context: 'JamfShare', protocol: 'https', port: 443 },
      { name: 'Amsterdam File Share', ip_address: 'fs-ams.example.com', is_master: false, failover_point: 'Cloud Distribution Point', connection_type: 'SMB', share_name: 'Packages', share_port: 445, read_only_username: 'jamfread', read_write_username: 'jamfadmin', http_downloads_enabled: false, http_url: '', context: '', protocol: 'https', port: 443 },
    ]),
    'dock-items': ids([
      { name: 'Safari', type: 'App', path: 'file://localhost/Applications/Safari.app/', contents: '' },
      { name: 'Self Service', type: 'App', path: 'file://localhost/Applications/Self%20Service.app/', contents: '' },
      { name: 'Downloads', type: 'Folder', path: 'file://localhost/Users/Shared/Downloads/', contents: '' },
    ]),
    ibeacons: ids([
      { name: 'Library Entrance', uuid: '55900BDC-347C-58B1-D249-F32244B11D30', major: '1', minor: '1' },
      { name: 'Room 101', uuid: '55900BDC-347C-58B1-D249-F32244B11D30', major: '1', minor: '101' },
    ]),
    'ldap-servers': ids([
      { connection: { name: 'Corporate Directory', hostname: 'ldap.corp.example.com', server_type: 'Active Directory', port: 636, use_ssl: true, account: { distinguished_username: 'CN=jamf,OU=Service,DC=corp,DC=example,DC=com' } } },
    ]).map((server) => ({ ...server, connection: { ...(server.connection as Obj), id: server.id } })),
    'ldap-groups': ids([
      { name: 'Staff', distinguished_name: 'CN=Staff,OU=Groups,DC=corp,DC=example,DC=com', members: ['ada.hamilton', 'grace.turing', 'linus.liskov', 'margaret.ritchie'] },
      { name: 'Teachers', distinguished_name: 'CN=Teachers,OU=Groups,DC=corp,DC=example,DC=com', members: ['grace.lovelace', 'linus.hopper'] },
    ]),
    'netboot-servers': ids([
      { name: 'Legacy NetBoot', ip_address: '10.0.9.5', default_image: true, target_platform: 'Intel', protocol: 'nfs', boot_device: 'enet:10.0.9.5' },
    ]),
    'network-segments': ids([
      { name: 'Minneapolis Office', starting_address: '10.0.0.1', ending_address: '10.0.3.254', distribution_point: 'Cloud Distribution Point', building: 'Building 01 Minneapolis', department: '' },
      { name: 'Amsterdam Office', starting_address: '10.0.4.1', ending_address: '10.0.7.254', distribution_point: 'Amsterdam File Share', building: 'Building 04 Amsterdam', department: '', override_buildings: true },
    ]),
    printers: ids([
      { name: 'HQ 2nd Floor Colour', category: 'Printers', uri: 'ipp://10.0.1.50/ipp/print', CUPS_name: 'HQ_2nd_Floor_Colour', location: '2nd floor, by the stairs', model: 'HP Color LaserJet M555', shared: false, make_default: true, use_generic: true },
      { name: 'Library Mono', category: 'Printers', uri: 'lpd://10.0.2.20/', CUPS_name: 'Library_Mono', location: 'Library', model: 'Brother HL-L6200DW', shared: false, make_default: false, use_generic: true },
    ]),
    'software-update-servers': ids([{ name: 'Internal SUS', ip_address: 'sus.example.com', port: 8088, set_system_wide: false }]),
    webhooks: ids([
      { name: 'Inventory to CMDB', enabled: true, url: 'https://cmdb.example.com/hooks/jamf', content_type: 'application/json', event: 'ComputerInventoryCompleted', connection_timeout: 5, read_timeout: 2, authentication_type: 'NONE' },
      { name: 'Group changes', enabled: false, url: 'https://chat.example.com/hooks/jamf', content_type: 'application/json', event: 'SmartGroupComputerMembershipChange', connection_timeout: 5, read_timeout: 2, authentication_type: 'BASIC', username: 'hook' },
    ]),
  };
}

export function classicObjects(): Record<string, Obj[]> {
  return { ...settingsObjects(), ...infrastructureObjects(), ...classicInventoryObjects(), ...classicManagementObjects() };
}
