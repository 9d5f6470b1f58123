/**
 * Classic-only objects Jamf uses to manage devices: configuration and enrollment profiles,
 * apps and books, software rules, patch management, Volume Purchasing and sent MDM
 * commands. Scopes name seeded groups and devices; packages, categories and sites are the
 * shared ones of `seed-objects.ts`.
 */
import { ids, type Obj } from './seed-helpers.ts';

const none = { id: '-1' };
const category = (id: number): Obj => ({ id: String(id) });
const computerScope = (extra: Obj = {}): Obj => ({ all_computers: false, all_jss_users: false, computers: [], computer_groups: [], buildings: [], departments: [], ...extra });
const mobileScope = (extra: Obj = {}): Obj => ({ all_mobile_devices: false, all_jss_users: false, mobile_devices: [], mobile_device_groups: [], ...extra });
const uuid = (n: number): string => `5E1F0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function profiles(): Record<string, Obj[]> {
  return {
    'macos-configuration-profiles': ids([
      { general: { name: 'Wi-Fi (Corporate)', description: 'Joins the corporate network', site: none, category: category(14), distribution_method: 'Install Automatically', level: 'computer', uuid: uuid(1) }, scope: computerScope({ all_computers: true }) },
      { general: { name: 'FileVault Enforcement', description: '', site: none, category: category(5), distribution_method: 'Install Automatically', level: 'computer', uuid: uuid(2) }, scope: computerScope({ computer_groups: [{ id: '3' }] }) },
      { general: { name: 'Dock Defaults', description: '', site: none, category: category(12), distribution_method: 'Make Available in Self Service', user_removable: true, level: 'user', uuid: uuid(3) }, scope: computerScope({ computer_groups: [{ id: '5' }] }), self_service: { self_service_display_name: 'Dock Defaults', install_button_text: 'Install' } },
    ]),
    'ios-configuration-profiles': ids([
      { general: { name: 'Classroom Restrictions', description: '', site: none, category: category(5), uuid: uuid(11), deployment_method: 'Install Automatically' }, scope: mobileScope({ mobile_device_groups: [{ id: '1' }] }) },
      { general: { name: 'School Wi-Fi', description: '', site: none, category: category(14), uuid: uuid(12), deployment_method: 'Install Automatically' }, scope: mobileScope({ all_mobile_devices: true }) },
    ]),
    'mobile-device-enrollment-profiles': ids([
      { general: { name: 'Staff iPad Enrollment', invitation: '202225835130913036642069505756364850492', uuid: uuid(21), description: '', site: none } },
      { general: { name: 'Cart Devices', invitation: '302225835130913036642069505756364850493', uuid: uuid(22), description: 'Shared carts', site: none } },
    ]),
    'personal-device-profiles': ids([
      { general: { name: 'Personal Device Profile', site: none, enabled: true, description: 'BYOD enrollment for staff phones' } },
    ]),
    'managed-preference-profiles': ids([
      { general: { name: 'Time Server', enabled: true, plist: '<plist version="1.0"><dict><key>timeServer</key><string>time.apple.com</string></dict></plist>', site: none }, scope: computerScope({ all_computers: true }) },
    ]),
    'computer-configurations': ids([
      { general: { name: 'Base Image', description: 'Legacy imaging configuration', type: 'Standard' }, packages: [{ id: '1' }, { id: '2' }], scripts: [{ id: '1' }], management: { username: 'jamfadmin', create_account: true, hide_account: true } },
    ]),
  };
}

function software(): Record<string, Obj[]> {
  return {
    'mac-applications': ids([
      { general: { name: 'Slack for Desktop', version: '4.45.60', is_free: true, bundle_id: 'com.tinyspeck.slackmacgap', url: 'https://apps.apple.com/us/app/slack-for-desktop/id803453959', category: category(6), site: none }, scope: computerScope({ all_computers: true }), vpp: { assign_vpp_device_based_licenses: true, vpp_admin_account_id: 1 } },
      { general: { name: 'Xcode', version: '16.4', is_free: true, bundle_id: 'com.apple.dt.Xcode', url: 'https://apps.apple.com/us/app/xcode/id497799835', category: category(3), site: none }, scope: computerScope({ computer_groups: [{ id: '4' }] }) },
    ]),
    'mobile-device-applications': ids([
      { general: { name: 'Keynote', display_name: 'Keynote', bundle_id: 'com.apple.Keynote', version: '14.4', category: category(4), url: 'https://apps.apple.com/us/app/keynote/id361285480', itunes_store_url: 'https://apps.apple.com/us/app/keynote/id361285480', site: none }, scope: mobileScope({ all_mobile_devices: true }) },
      { general: { name: 'Field Notes', display_name: 'Field Notes', bundle_id: 'com.example.fieldnotes', version: '2.1', internal_app: true, category: category(10), site: none, deployment_type: 'Install Automatically/Prompt Users to Install', deploy_automatically: true }, scope: mobileScope({ mobile_device_groups: [{ id: '3' }] }) },
    ]),
    ebooks: ids([
      { general: { name: 'Employee Handbook', author: 'People Team', version: '2026.1', free: true, url: '', file_type: 'PDF', category: category(10), site: none }, scope: { all_computers: true, all_mobile_devices: true } },
    ]),
    'licensed-software': ids([
      { general: { name: 'Microsoft Office', publisher: 'Microsoft', platform: 'Mac', send_email_on_violation: true, notes: '', site: none }, software_definitions: [{ compare_type: 'like', name: 'Microsoft Word.app', version: '16.' }], licenses: [{ serial_number_1: 'MSO-2026-0001', organization_name: 'Example Org', license_type: 'Site License', license_count: 500 }] },
    ]),
    'restricted-software': ids([
      { general: { name: 'Block Torrent Clients', process_name: 'Transmission.app', match_exact_process_name: true, send_notification: true, kill_process: true, delete_executable: false, display_message: 'Peer-to-peer clients are not allowed.', site: none }, scope: { all_computers: true } },
    ]),
  };
}

function patch(): Record<string, Obj[]> {
  return {
    'patch-internal-sources': ids([{ name: 'Jamf', enabled: true, endpoint: 'https://jamf-patch.jamfcloud.com/v1/' }]),
    'patch-external-sources': ids([{ name: 'Community Patch', host_name: 'patch.example.com', ssl_enabled: true, enabled: true, port: 443 }]),
    'patch-available-titles': ids([
      { source_id: 1, name_id: 'GoogleChrome', app_name: 'Google Chrome.app', publisher: 'Google', current_version: '138.0.7204.101', last_modified: '2026-06-20T12:00:00.000Z' },
      { source_id: 1, name_id: 'Slack', app_name: 'Slack.app', publisher: 'Slack Technologies', current_version: '4.45.60', last_modified: '2026-06-18T12:00:00.000Z' },
      { source_id: 1, name_id: 'MicrosoftWord', app_name: 'Microsoft Word.app', publisher: 'Microsoft', current_version: '16.98', last_modified: '2026-06-10T12:00:00.000Z' },
    ]),
    'patch-software-titles': ids([
      { name: 'Google Chrome', name_id: 'GoogleChrome', source_id: 1, category: category(2), site: none, versions: [{ software_version: '138.0.7204.101', package: { id: '3' } }, { software_version: '138.0.7204.50' }, { software_version: '137.0.7151.69' }] },
      { name: 'Slack', name_id: 'Slack', source_id: 1, category: category(6), site: none, versions: [{ software_version: '4.45.60', package: { id: '4' } }, { software_version: '4.44.65' }] },
    ]),
    'patch-policies': ids([
      { general: { name: 'Google Chrome - latest', enabled: true, target_version: '138.0.7204.101', release_date: 1781395200000, distribution_method: 'prompt', kill_apps: [{ kill_app_name: 'Google Chrome.app', kill_app_bundle_id: 'com.google.Chrome' }] }, scope: { all_computers: true }, software_title_configuration_id: 1 },
      { general: { name: 'Slack - Self Service', enabled: true, target_version: '4.45.60', distribution_method: 'selfservice' }, scope: { all_computers: false, computer_groups: [{ id: '5' }] }, software_title_configuration_id: 2 },
    ]),
  };
}

function vpp(): Record<string, Obj[]> {
  return {
    'vpp-accounts': ids([{ name: 'Example Org Volume Purchasing', contact: 'Purchasing Team', account_name: 'Example Org', expiration_date: '2027/03/18', country: 'US', apple_id: 'vpp@example.com', site: none }]),
    'vpp-assignments': ids([
      { general: { name: 'Teachers get Keynote', vpp_admin_account_id: 1 }, ios_apps: [{ adam_id: 361285480, name: 'Keynote' }], scope: { all_jss_users: false, jss_user_groups: [{ id: '1' }] } },
    ]),
    'vpp-invitations': ids([
      { general: { name: 'Staff invitation', vpp_account: { id: '1' }, distribution_method: 'Send emails', sender_name: 'IT', sender_email_address: 'it@example.com', subject: 'Join Volume Purchasing', message: 'Follow the link to register.', require_login: false }, scope: { all_jss_users: true } },
    ]),
  };
}

/** Commands already sent: computer 1 and the first iPads have some history. */
function commands(): Record<string, Obj[]> {
  const sent = (n: number): string => `2026-06-0${n}T08:30:00.000Z`;
  const uuidOf = (id: number): string => `c0ffee00-0000-4000-8000-${String(id).padStart(12, '0')}`;
  const numbered = (items: Obj[]): Obj[] => ids(items).map((item) => ({ ...item, uuid: uuidOf(Number(item.id)) }));
  return {
    'computer-commands': numbered([
      { command: 'UpdateInventory', status: 'Completed', profile_id: -1, date_sent: sent(1), computers: [{ id: '1' }] },
      { command: 'BlankPush', status: 'Completed', profile_id: -1, date_sent: sent(2), computers: [{ id: '1' }, { id: '2' }] },
      { command: 'DeviceLock', status: 'Pending', profile_id: -1, date_sent: sent(3), computers: [{ id: '3' }] },
    ]),
    'mobile-device-commands': numbered([
      { command: 'UpdateInventory', status: 'Completed', profile_id: -1, date_sent: sent(1), mobile_devices: [{ id: '1' }] },
      { command: 'DeviceLock', status: 'Pending', profile_id: -1, date_sent: sent(4), mobile_devices: [{ id: '2' }] },
      { command: 'EnableLostMode', status: 'Failed', profile_id: -1, date_sent: sent(5), mobile_devices: [{ id: '1' }] },
    ]),
  };
}

export function classicManagementObjects(): Record<string, Obj[]> {
  return { ...profiles(), ...software(), ...patch(), ...vpp(), ...commands() };
}
