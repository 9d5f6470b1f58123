/**
 * Classic-only objects around inventory: groups, extension attribute definitions (the ones
 * the seeded computers carry values of), advanced searches, classes, peripherals and
 * enrollment invitations. Members and owners are seeded computers, devices and users.
 */
import { computerGroups, mobileDeviceGroups, userGroups } from './seed-groups.ts';
import { ids, type Obj } from './seed-helpers.ts';

const criterion = (name: string, search_type: string, value: string, priority = 0): Obj => ({
  name, priority, and_or: 'and', search_type, value, opening_paren: false, closing_paren: false,
});
const fields = (...names: string[]): Obj[] => names.map((name) => ({ name }));

function extensionAttributes(): Record<string, Obj[]> {
  const text: Obj = { type: 'Text Field', popup_choices: [] };
  return {
    'computer-extension-attributes': ids([
      { name: 'Asset Owner', enabled: true, description: 'Department that owns the computer', data_type: 'String', input_type: text, inventory_display: 'General', recon_display: 'Extension Attributes' },
      { name: 'Battery Cycle Count', enabled: true, description: 'Reported by a script at inventory', data_type: 'Integer', input_type: { type: 'script', popup_choices: [] }, inventory_display: 'Hardware', recon_display: 'Extension Attributes' },
      { name: 'Lifecycle Stage', enabled: true, description: '', data_type: 'String', input_type: { type: 'Pop-up Menu', popup_choices: ['Deployed', 'Spare', 'Retired'] }, inventory_display: 'Extension Attributes', recon_display: 'Extension Attributes' },
    ]),
    'mobile-device-extension-attributes': ids([
      { name: 'Asset Selector', description: 'Which cart the device belongs to', data_type: 'String', input_type: { type: 'Text Field', popup_choices: [] }, inventory_display: 'General' },
      { name: 'Screen Condition', description: '', data_type: 'String', input_type: { type: 'Pop-up Menu', popup_choices: ['Good', 'Scratched', 'Cracked'] }, inventory_display: 'Hardware' },
    ]),
    'user-extension-attributes': ids([
      { name: 'Employee Number', description: '', data_type: 'Integer', input_type: { type: 'Text Field', popup_choices: [] } },
      { name: 'Start Date', description: '', data_type: 'Date', input_type: { type: 'Text Field', popup_choices: [] } },
    ]),
  };
}

function searches(): Record<string, Obj[]> {
  const none = { id: '-1' };
  return {
    'advanced-computer-searches': ids([
      { name: 'Computers on macOS 14', view_as: 'Standard Web Page', sort_1: '', sort_2: '', sort_3: '', criteria: [criterion('Operating System Version', 'like', '14.')], display_fields: fields('Computer Name', 'Operating System Version', 'Serial Number'), site: none },
      { name: 'Intel Macs in Engineering', view_as: 'Standard Web Page', sort_1: '', sort_2: '', sort_3: '', criteria: [criterion('Architecture Type', 'is', 'x86_64'), criterion('Department', 'is', 'Engineering', 1)], display_fields: fields('Computer Name', 'Model', 'Username'), site: none },
    ]),
    'advanced-mobile-device-searches': ids([
      { name: 'All iPads', view_as: 'Standard Web Page', sort_1: '', sort_2: '', sort_3: '', criteria: [criterion('Model', 'like', 'iPad')], display_fields: fields('Display Name', 'Serial Number'), site: none },
    ]),
    'advanced-user-searches': ids([
      { name: 'Teachers', criteria: [criterion('Position', 'is', 'Teacher')], display_fields: fields('Username', 'Full Name', 'Email Address'), site: none },
    ]),
  };
}

function classroom(): Record<string, Obj[]> {
  return {
    classes: ids([
      { source: 'N/A', name: 'Math 101', description: 'First-year mathematics', site: { id: '-1' }, mobile_device_group: { id: '3' }, students: ['grace.lovelace', 'linus.hopper'], student_ids: [11, 12], teachers: ['ada.hamilton'], teacher_ids: [1], mobile_devices: [{ id: '1' }, { id: '2' }], mobile_device_group_ids: [3] },
      { source: 'N/A', name: 'Art Studio', description: '', site: { id: '-1' }, mobile_device_group: { id: '-1' }, students: [], student_ids: [], teachers: [], teacher_ids: [], mobile_devices: [], mobile_device_group_ids: [] },
    ]),
  };
}

function peripherals(): Record<string, Obj[]> {
  return {
    'peripheral-types': ids([
      { name: 'Display', fields: [{ name: 'Size', order: 1, type: 'menu', choices: ['24 inch', '27 inch', '32 inch'] }, { name: 'Asset Tag', order: 2, type: 'text', choices: [] }] },
      { name: 'Docking Station', fields: [{ name: 'Model', order: 1, type: 'text', choices: [] }] },
    ]),
    peripherals: ids([
      { general: { bar_code_1: 'PER-0001', bar_code_2: '', type: 'Display', fields: [{ name: 'Size', value: '27 inch' }, { name: 'Asset Tag', value: 'AT-D-001' }], site: { id: '-1' }, computer_id: 1 }, location: { username: 'ada.hamilton', realname: 'Ada Hamilton', real_name: 'Ada Hamilton' } },
      { general: { bar_code_1: 'PER-0002', bar_code_2: '', type: 'Docking Station', fields: [{ name: 'Model', value: 'TB4 Dock' }], site: { id: '-1' }, computer_id: 2 }, location: { username: 'grace.turing', realname: 'Grace Turing', real_name: 'Grace Turing' } },
    ]),
  };
}

function invitations(): Record<string, Obj[]> {
  const expiring = { expiration_date: '2027-01-31 23:59:00', expiration_date_utc: '2027-01-31T23:59:00.000+0000', expiration_date_epoch: 1801439940000 };
  return {
    'computer-invitations': ids([
      { invitation: '234725409284666120851874227114001407280', invitation_status: 'NOT_USED', invitation_type: 'USER_INITIATED_URL', ...expiring, ssh_username: 'jamfadmin', multiple_uses_allowed: true, times_used: 0, create_account_if_does_not_exist: true, hide_account: true, lock_down_ssh: false, invited_user_uuid: '', enroll_into_site: { id: '-1' }, keep_existing_site_membership: false, site: { id: '-1' } },
      { invitation: '118203948571029384756102938475610293847', invitation_status: 'ENROLLMENT_COMPLETE', invitation_type: 'USER_INITIATED_EMAIL', ...expiring, ssh_username: 'jamfadmin', multiple_uses_allowed: false, times_used: 1, create_account_if_does_not_exist: true, hide_account: true, lock_down_ssh: false, invited_user_uuid: '', enroll_into_site: { id: '1' }, keep_existing_site_membership: false, site: { id: '-1' } },
    ]),
    'mobile-device-invitations': ids([
      { invitation: '124249934113665221101470181907317764990', sent_to: '', sent_from: '', reply_to: '', subject: '', message: '', username: '', last_action: 'NONE', invitation_type: 'USER_INITIATED_URL', login_required: true, multiple_uses_allowed: true, date_sent: '2026-05-01 09:00:00', date_sent_utc: '2026-05-01T09:00:00.000+0000', date_sent_epoch: 1777626000000, ...expiring, enroll_into_site: { id: '-1' }, keep_existing_site_membership: false, site: { id: '-1' }, target_ios: 'iOS 17' },
    ]),
  };
}

export function classicInventoryObjects(): Record<string, Obj[]> {
  return {
    'computer-groups': computerGroups(),
    'mobile-device-groups': mobileDeviceGroups(),
    'user-groups': userGroups(),
    ...extensionAttributes(),
    ...searches(),
    ...classroom(),
    ...peripherals(),
    ...invitations(),
  };
}
