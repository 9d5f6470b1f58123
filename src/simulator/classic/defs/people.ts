/**
 * Users and what hangs off inventory: extension attribute definitions, advanced searches
 * (their results worked out from their criteria), classes, peripherals and enrollment
 * invitations. A user's links are the computers, devices and peripherals assigned to them.
 */
import { fieldValue, matchesCriteria, type Criterion } from '../../seed-groups.ts';
import type { ResourceDef } from '../generic.ts';
import { text, type Data, type ReadContext } from '../read.ts';
import { FREE, ListOf, Ref } from '../template.ts';
import { criteria, site } from './common.ts';

const displayFields = new ListOf('display_field', { name: '' });
const ordered = (records: Data[]): Data[] => [...records].sort((a, b) => Number(a['id']) - Number(b['id']));

/** An advanced search's results: the `kind` records its criteria match, with one element per display field. */
function searchResults(kind: string, listKey: string, names: readonly string[]) {
  return (data: Data, _record: Data, ctx: ReadContext): Data => {
    const lookup = (k: string, id: unknown): Data | undefined => ctx.store.get(k, String(id));
    const found = ordered(ctx.store.list(kind)).filter((record) => matchesCriteria(kind, record, (data['criteria'] ?? []) as Criterion[], lookup));
    const fields = ((data['display_fields'] ?? []) as Data[]).map((field) => text(field, 'name')).filter((name) => name !== '');
    return {
      ...data,
      [listKey]: found.map((record) => ({
        id: Number(record['id']),
        name: text(record, ...names),
        ...(kind === 'users' ? {} : { udid: text(record, 'udid') }),
        ...Object.fromEntries(fields.map((field) => [field.replace(/[^A-Za-z0-9]+/g, '_'), fieldValue(kind, field, record, lookup)])),
      })),
    };
  };
}

const search = {
  id: 0, name: '', view_as: 'Standard Web Page', sort_1: '', sort_2: '', sort_3: '', criteria, display_fields: displayFields,
} as const;

/** A user's computers, devices and peripherals: those assigned to the user's name. */
function userLinks(data: Data, record: Data, ctx: ReadContext): Data {
  const name = text(record, 'name').toLowerCase();
  const mine = (kind: string, ...paths: string[]): Data[] =>
    ordered(ctx.store.list(kind)).filter((item) => text(item, ...paths).toLowerCase() === name).map((item) => ({ id: item['id'] }));
  return {
    ...data,
    email_address: text(record, 'email'),
    links: {
      ...(data['links'] as Data | undefined),
      computers: mine('computers', 'userAndLocation.username'),
      mobile_devices: mine('mobile-devices', 'location.username', 'username'),
      peripherals: mine('peripherals', 'location.username'),
    },
  };
}

const extensionAttribute = (kind: string, item: string, noun: string, extra: Data = {}): ResourceDef => ({
  path: kind.replace(/-/g, ''), item, list: `${item}s`, kind, noun,
  template: {
    id: 0, name: '', enabled: true, description: '', data_type: 'String',
    input_type: { type: 'Text Field', popup_choices: new ListOf('choice', '', false) },
    inventory_display: 'Extension Attributes', ...(extra as Record<string, string>),
  },
});

const invitation = {
  id: 0, invitation: 0, invitation_status: 'NOT_USED', invitation_type: 'USER_INITIATED_URL',
  expiration_date: '', expiration_date_utc: '', expiration_date_epoch: 0,
} as const;

export const people: ResourceDef[] = [
  {
    path: 'users', item: 'user', noun: 'User', lookups: { email: 'email' },
    template: {
      id: 0, name: '', full_name: '', email: '', email_address: '', phone_number: '', position: '', managed_apple_id: '',
      enable_custom_photo_url: false, custom_photo_url: '', ldap_server: new Ref('ldap-servers'),
      extension_attributes: new ListOf('extension_attribute', { id: 0, name: '', type: 'String', value: '' }),
      sites: new ListOf('site', site),
      links: {
        computers: new ListOf('computer', new Ref('computers'), false),
        peripherals: new ListOf('peripheral', new Ref('peripherals'), false),
        mobile_devices: new ListOf('mobile_device', new Ref('mobile-devices'), false),
        vpp_assignments: new ListOf('vpp_assignment', new Ref('vpp-assignments'), false),
        total_vpp_code_count: 0,
      },
    },
    derive: userLinks,
  },
  extensionAttribute('computer-extension-attributes', 'computer_extension_attribute', 'Computer Extension Attributes', { recon_display: 'Extension Attributes' }),
  { ...extensionAttribute('mobile-device-extension-attributes', 'mobile_device_extension_attribute', 'Mobile Device Extension Attributes') },
  { ...extensionAttribute('user-extension-attributes', 'user_extension_attribute', 'User Extension Attributes') },
  {
    path: 'advancedcomputersearches', item: 'advanced_computer_search', kind: 'advanced-computer-searches', noun: 'Advanced Computer Searches',
    template: { ...search, computers: new ListOf('computer', FREE), site },
    derive: searchResults('computers', 'computers', ['general.name']),
  },
  {
    path: 'advancedmobiledevicesearches', item: 'advanced_mobile_device_search', kind: 'advanced-mobile-device-searches', noun: 'Advanced Mobile Device Searches',
    template: { ...search, mobile_devices: new ListOf('mobile_device', FREE), site },
    derive: searchResults('mobile-devices', 'mobile_devices', ['name']),
  },
  {
    path: 'advancedusersearches', item: 'advanced_user_search', kind: 'advanced-user-searches', noun: 'Advanced User Searches',
    template: { id: 0, name: '', criteria, display_fields: displayFields, users: new ListOf('user', FREE), site },
    derive: searchResults('users', 'users', ['name']),
  },
  {
    path: 'classes', item: 'class', noun: 'Classes', listItem: ['id', 'name', 'description'],
    template: {
      id: 0, source: 'N/A', name: '', description: '', site, mobile_device_group: new Ref('mobile-device-groups'),
      students: new ListOf('student', '', false), student_ids: new ListOf('id', 0, false),
      teachers: new ListOf('teacher', '', false), teacher_ids: new ListOf('id', 0, false),
      student_group_ids: new ListOf('id', 0, false), teacher_group_ids: new ListOf('id', 0, false),
      mobile_devices: new ListOf('mobile_device', new Ref('mobile-devices', 'None', { udid: 'udid', wifi_mac_address: 'wifiMacAddress' }), false),
      mobile_device_group_ids: new ListOf('id', 0, false),
      meeting_times: { meeting_time: { days: 'M', start_time: 900, end_time: 1000 } },
    },
  },
  {
    path: 'peripherals', item: 'peripheral', noun: 'Computers', name: null, id: 'general.id', subsets: true, idMethods: ['GET', 'POST', 'PUT', 'DELETE'],
    listItem: [['id', 'general.id'], ['bar_code_1', 'general.bar_code_1'], ['bar_code_2', 'general.bar_code_2'], ['type', 'general.type'], ['computer_id', 'general.computer_id']],
    template: {
      general: { id: 0, bar_code_1: '', bar_code_2: '', type: '', fields: new ListOf('field', { name: '', value: '' }), site, computer_id: -1 },
      location: { username: '', realname: '', real_name: '', email_address: '', position: '', phone: '', phone_number: '', department: '', building: '', room: '' },
      purchasing: {
        is_purchased: true, is_leased: false, po_number: '', vendor: '', applecare_id: '', purchase_price: '', purchasing_account: '',
        po_date: '', po_date_epoch: 0, po_date_utc: '', warranty_expires: '', warranty_expires_epoch: 0, warranty_expires_utc: '',
        lease_expires: '', lease_expires_epoch: 0, lease_expires_utc: '', life_expectancy: 0, purchasing_contact: '',
      },
      attachments: new ListOf('attachment', { id: 0, filename: '', uri: '' }),
    },
  },
  {
    path: 'peripheraltypes', item: 'peripheral_type', kind: 'peripheral-types', noun: 'Peripheral Types', nameMethods: [],
    template: { id: 0, name: '', fields: new ListOf('field', { name: '', order: 0, type: 'text', choices: new ListOf('choice', '', false) }) },
  },
  {
    path: 'computerinvitations', item: 'computer_invitation', kind: 'computer-invitations', noun: 'Computer Enrollment Invitations', name: 'invitation',
    nameSegment: 'invitation', idMethods: ['GET', 'POST', 'DELETE'], nameMethods: ['GET', 'POST', 'DELETE'],
    listItem: ['id', 'invitation', 'invitation_type', 'expiration_date', 'expiration_date_utc', 'expiration_date_epoch'],
    template: {
      ...invitation, ssh_username: '', ssh_password_sha256: '', multiple_uses_allowed: false, times_used: 0,
      create_account_if_does_not_exist: false, hide_account: false, lock_down_ssh: false, invited_user_uuid: '',
      enroll_into_site: site, keep_existing_site_membership: false, site,
    },
  },
  {
    path: 'mobiledeviceinvitations', item: 'mobile_device_invitation', kind: 'mobile-device-invitations', noun: 'Mobile Device Enrollment Invitations',
    name: 'invitation', nameSegment: 'invitation', idMethods: ['GET', 'POST', 'DELETE'], nameMethods: ['GET', 'POST', 'DELETE'],
    listItem: ['id', 'invitation', 'invitation_type', 'expiration_date', 'expiration_date_utc', 'expiration_date_epoch'],
    template: {
      id: 0, invitation: 0, sent_to: '', sent_from: '', reply_to: '', subject: '', message: '', username: '', last_action: 'NONE',
      invitation_type: 'USER_INITIATED_URL', login_required: true, multiple_uses_allowed: false,
      date_sent: '', date_sent_utc: '', date_sent_epoch: 0, expiration_date: '', expiration_date_utc: '', expiration_date_epoch: 0,
      enroll_into_site: site, keep_existing_site_membership: false, site, target_ios: '',
    },
  },
];
