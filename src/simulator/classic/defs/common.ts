/** Pieces several Classic documents share: links, criteria, scopes, Self Service sections. */
import { ListOf, Ref, type TemplateFields } from '../template.ts';

export const site = new Ref('sites');
export const category = new Ref('categories', 'No category assigned');

export const criteria = new ListOf('criterion', {
  name: '', priority: 0, and_or: 'and', search_type: 'is', value: '', opening_paren: false, closing_paren: false,
});

const refs = (item: string, kind: string, extra: Record<string, string> = {}): ListOf => new ListOf(item, new Ref(kind, 'None', extra));
const named = (item: string): ListOf => new ListOf(item, { name: '' });

const computers = (): ListOf => refs('computer', 'computers', { udid: 'udid' });
const mobileDevices = (): ListOf => refs('mobile_device', 'mobile-devices', { udid: 'udid', wifi_mac_address: 'wifiMacAddress' });

function audience(): TemplateFields {
  return {
    users: named('user'),
    user_groups: named('user_group'),
    network_segments: refs('network_segment', 'network-segments'),
    ibeacons: refs('ibeacon', 'ibeacons'),
  };
}

/** Who a macOS object (profile, app, policy-like) applies to. */
export function computerScope(): TemplateFields {
  const targets = (): TemplateFields => ({
    computers: computers(),
    computer_groups: refs('computer_group', 'computer-groups'),
    buildings: refs('building', 'buildings'),
    departments: refs('department', 'departments'),
  });
  return {
    all_computers: false,
    all_jss_users: false,
    ...targets(),
    jss_users: refs('user', 'users'),
    jss_user_groups: refs('user_group', 'user-groups'),
    limitations: audience(),
    exclusions: { ...targets(), ...audience(), jss_users: refs('user', 'users'), jss_user_groups: refs('user_group', 'user-groups') },
  };
}

/** Who an iOS/iPadOS object applies to. */
export function mobileScope(): TemplateFields {
  const targets = (): TemplateFields => ({
    mobile_devices: mobileDevices(),
    buildings: refs('building', 'buildings'),
    departments: refs('department', 'departments'),
    mobile_device_groups: refs('mobile_device_group', 'mobile-device-groups'),
  });
  return {
    all_mobile_devices: false,
    all_jss_users: false,
    ...targets(),
    jss_users: refs('user', 'users'),
    jss_user_groups: refs('user_group', 'user-groups'),
    limitations: audience(),
    exclusions: { ...targets(), ...audience(), jss_users: refs('user', 'users'), jss_user_groups: refs('user_group', 'user-groups') },
  };
}

/** Restricted software applies to computers only and excludes by user name. */
export function restrictedScope(): TemplateFields {
  const targets = (): TemplateFields => ({
    computers: computers(),
    computer_groups: refs('computer_group', 'computer-groups'),
    buildings: refs('building', 'buildings'),
    departments: refs('department', 'departments'),
  });
  return { all_computers: false, ...targets(), exclusions: { ...targets(), users: named('user') } };
}

/** eBooks go to computers, mobile devices and classes. */
export function ebookScope(): TemplateFields {
  const mobile = mobileScope();
  return {
    all_computers: false,
    all_mobile_devices: false,
    all_jss_users: false,
    computers: computers(),
    computer_groups: refs('computer_group', 'computer-groups'),
    mobile_devices: mobile['mobile_devices'] as ListOf,
    mobile_device_groups: mobile['mobile_device_groups'] as ListOf,
    buildings: refs('building', 'buildings'),
    departments: refs('department', 'departments'),
    classes: refs('class', 'classes'),
    jss_users: refs('user', 'users'),
    jss_user_groups: refs('user_group', 'user-groups'),
    limitations: audience(),
    exclusions: mobile['exclusions'] as TemplateFields,
  };
}

/** The Self Service section of macOS objects. */
export function selfService(extra: TemplateFields = {}): TemplateFields {
  return {
    install_button_text: 'Install',
    self_service_description: '',
    force_users_to_view_description: false,
    self_service_icon: { id: 0, uri: '', data: '' },
    feature_on_main_page: false,
    self_service_categories: new ListOf('category', { id: 0, name: '', display_in: true, feature_in: false }),
    notification: 'false',
    notification_subject: '',
    notification_message: '',
    ...extra,
  };
}

/** The Self Service section of iOS objects. */
export function mobileSelfService(): TemplateFields {
  return {
    self_service_description: '',
    security_name: { removal_disallowed: 'Never' },
    self_service_icon: { filename: '', uri: '', data: '' },
    feature_on_main_page: false,
    self_service_categories: new ListOf('category', { id: 0, name: '', priority: 9 }),
  };
}

export const vpp = (): TemplateFields => ({ assign_vpp_device_based_licenses: false, vpp_admin_account_id: -1 });
