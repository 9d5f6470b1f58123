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

export function classicObjects(): Record<string, Obj[]> {
  return { ...settingsObjects(), ...classicInventoryObjects(), ...classicManagementObjects() };
}
