/**
 * Configuration and enrollment profiles (macOS, iOS, enrollment, personal device) and the
 * older managed preference profiles and computer configurations the collection still calls.
 */
import type { ResourceDef } from '../generic.ts';
import { ListOf, Ref, type TemplateFields } from '../template.ts';
import { category, computerScope, mobileScope, mobileSelfService, selfService, site } from './common.ts';

const byGeneral = { id: 'general.id', name: 'general.name', listItem: [['id', 'general.id'], ['name', 'general.name']] as const } as const;

const location = {
  username: '', realname: '', real_name: '', email_address: '', position: '', phone: '', phone_number: '', department: '', building: '', room: '',
} as const;

const purchasing = {
  is_purchased: true, is_leased: false, po_number: '', vendor: '', applecare_id: '', purchase_price: '', purchasing_account: '',
  po_date: '', po_date_epoch: 0, po_date_utc: '', warranty_expires: '', warranty_expires_epoch: 0, warranty_expires_utc: '',
  lease_expires: '', lease_expires_epoch: 0, lease_expires_utc: '', life_expectancy: 0, purchasing_contact: '',
} as const;

const PAYLOAD = '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd"><plist version="1"><dict><key>PayloadContent</key><array/><key>PayloadType</key><string>Configuration</string></dict></plist>';

/** Managed preference profiles scope like old policies: limits and network limitations. */
function preferenceScope(): TemplateFields {
  const { all_computers, computers, computer_groups, buildings, departments, limitations, exclusions } = computerScope();
  return {
    all_computers: all_computers!, computers: computers!, computer_groups: computer_groups!, buildings: buildings!, departments: departments!,
    limit_to_users: { user_groups: new ListOf('user_group', { name: '' }) },
    network_limitations: { any_ip_address: true, network_segments: new ListOf('network_segment', new Ref('network-segments')) },
    limitations: limitations!, exclusions: exclusions!,
  };
}

export const profiles: ResourceDef[] = [
  {
    path: 'osxconfigurationprofiles', item: 'os_x_configuration_profile', list: 'os_x_configuration_profiles', kind: 'macos-configuration-profiles',
    noun: 'macOS Configuration Profiles', subsets: true, ...byGeneral,
    template: {
      general: {
        id: 0, name: '', description: '', site, category, distribution_method: 'Install Automatically', user_removable: false,
        level: 'computer', uuid: '', redeploy_on_update: 'Newly Assigned', payloads: PAYLOAD,
      },
      scope: computerScope(),
      self_service: selfService({ self_service_display_name: '' }),
    },
  },
  {
    path: 'mobiledeviceconfigurationprofiles', item: 'configuration_profile', list: 'configuration_profiles', kind: 'ios-configuration-profiles',
    noun: 'iOS Configuration Profiles', subsets: true, ...byGeneral,
    template: {
      general: {
        id: 0, name: '', description: '', site, category, uuid: '', deployment_method: 'Install Automatically',
        redeploy_on_update: 'Newly Assigned', redeploy_days_before_certificate_expires: 0, payloads: PAYLOAD,
      },
      scope: mobileScope(),
      self_service: mobileSelfService(),
    },
  },
  {
    path: 'mobiledeviceenrollmentprofiles', item: 'mobile_device_enrollment_profile', list: 'mobile_device_enrollment_profiles',
    kind: 'mobile-device-enrollment-profiles', noun: 'Enrollment Profiles', subsets: true, id: 'general.id', name: 'general.name',
    lookups: { invitation: 'general.invitation' },
    listItem: [['id', 'general.id'], ['name', 'general.name'], ['invitation', 'general.invitation']],
    template: {
      general: { id: 0, name: '', invitation: '', uuid: '', description: '', site },
      location,
      purchasing,
      attachments: new ListOf('attachment', { id: 0, filename: '', uri: '' }),
    },
  },
  {
    path: 'byoprofiles', item: 'byoprofile', list: 'byoprofiles', kind: 'personal-device-profiles', noun: 'Personal Device Profiles',
    subsets: true, ...byGeneral,
    template: {
      general: { id: 0, name: '', site, enabled: true, description: '' },
      enrollment_messaging: { welcome_message: '', completion_message: '' },
    },
  },
  {
    path: 'managedpreferenceprofiles', item: 'managed_preference_profile', list: 'managed_preference_profiles',
    kind: 'managed-preference-profiles', noun: 'Managed Preference Profiles', subsets: true, ...byGeneral,
    template: {
      general: { id: 0, name: '', enabled: true, plist: '<plist version="1.0"><dict/></plist>', site },
      scope: preferenceScope(),
      settings: new ListOf('setting', { domain: '', key: '', value: '' }, false),
    },
  },
  {
    path: 'computerconfigurations', item: 'computer_configuration', list: 'computer_configurations', kind: 'computer-configurations',
    noun: 'Computer Configurations', ...byGeneral,
    template: {
      general: { id: 0, name: '', description: '', type: 'Standard' },
      packages: new ListOf('package', new Ref('packages')),
      scripts: new ListOf('script', new Ref('scripts')),
      printers: new ListOf('printer', new Ref('printers')),
      directory_bindings: new ListOf('directory_binding', new Ref('directory-bindings')),
      management: { username: '', password_sha256: '', create_account: true, hide_account: true, allow_ssh_for_management_only: false },
      home_page: '',
      partitions: new ListOf('partition', { name: '', size_gb: 0, maximum_percentage: 100, format: 'APFS', is_restore_partition: false, reimage: false }),
    },
  },
];
