/**
 * `/JSSResource/computers` from store kind `computers` (Pro API computers-inventory shape:
 * `general`, `hardware`, `operatingSystem`, `userAndLocation`, `purchasing`, …).
 */
import { List, type Fields } from './document.ts';
import { location, purchasing } from './inventory-sections.ts';
import { computerSearches } from './computer-search.ts';
import { groupsOf } from './group-membership.ts';
import { extensionAttributes } from './mobile-devices.ts';
import { array, bool, dates, num, pick, reference, strings, text, type Data, type ReadContext } from './read.ts';
import { type ClassicResource, WriteProblem, defined, idAndName, idNameList, idOf, lookup, requireName, xmlBool, xmlText } from './resource.ts';

const computerName = (record: Data): string => text(record, 'general.name', 'name');
const serialOf = (record: Data): string => text(record, 'hardware.serialNumber', 'serialNumber');

function general(record: Data, ctx: ReadContext): Fields {
  const g = (...keys: string[]): string => text(record, ...keys.map((key) => `general.${key}`));
  const report = dates(pick(record, 'general.reportDate'));
  const contact = dates(pick(record, 'general.lastContactTime'));
  const initial = dates(pick(record, 'general.initialEntryDate'));
  const enrolled = dates(pick(record, 'general.lastEnrolledDate'));
  const backup = dates(pick(record, 'general.lastCloudBackupDate'));
  return {
    id: idOf(record),
    name: computerName(record),
    mac_address: text(record, 'hardware.macAddress'),
    network_adapter_type: text(record, 'hardware.networkAdapterType'),
    alt_mac_address: text(record, 'hardware.altMacAddress'),
    alt_network_adapter_type: text(record, 'hardware.altNetworkAdapterType'),
    ip_address: g('lastIpAddress'),
    last_reported_ip: g('lastReportedIp'),
    serial_number: serialOf(record),
    udid: text(record, 'udid', 'general.udid'),
    jamf_version: g('jamfBinaryVersion'),
    platform: g('platform') || 'Mac',
    barcode_1: g('barcode1'),
    barcode_2: g('barcode2'),
    asset_tag: g('assetTag'),
    remote_management: {
      managed: bool(record, 'general.remoteManagement.managed'),
      management_username: g('remoteManagement.managementUsername'),
    },
    supervised: bool(record, 'general.supervised'),
    mdm_capable: bool(record, 'general.mdmCapable.capable'),
    mdm_capable_users: new List('mdm_capable_user', strings(record, 'general.mdmCapable.capableUsers'), false),
    report_date: report.plain,
    report_date_epoch: report.epoch,
    report_date_utc: report.utc,
    last_contact_time: contact.plain,
    last_contact_time_epoch: contact.epoch,
    last_contact_time_utc: contact.utc,
    initial_entry_date: initial.plain.slice(0, 10),
    initial_entry_date_epoch: initial.epoch,
    initial_entry_date_utc: initial.utc,
    last_enrolled_date_epoch: enrolled.epoch,
    last_enrolled_date_utc: enrolled.utc,
    last_cloud_backup_date_epoch: backup.epoch,
    last_cloud_backup_date_utc: backup.utc,
    distribution_point: g('distributionPoint'),
    sus: g('sus'),
    site: reference(ctx, 'sites', pick(record, 'general.site.id', 'general.siteId', 'siteId')),
    itunes_store_account_is_active: bool(record, 'general.itunesStoreAccountActive'),
  };
}

function hardware(record: Data): Fields {
  const h = (key: string): string => text(record, `hardware.${key}`);
  const n = (key: string): number => num(record, `hardware.${key}`);
  return {
    make: h('make') || 'Apple',
    model: h('model'),
    model_identifier: h('modelIdentifier'),
    os_name: text(record, 'operatingSystem.name') || 'macOS',
    os_version: text(record, 'operatingSystem.version'),
    os_build: text(record, 'operatingSystem.build'),
    active_directory_status: text(record, 'operatingSystem.activeDirectoryStatus') || 'Not Bound',
    service_pack: '',
    processor_type: h('processorType'),
    is_apple_silicon: bool(record, 'hardware.appleSilicon'),
    processor_architecture: h('processorArchitecture'),
    processor_speed: n('processorSpeedMhz'),
    processor_speed_mhz: n('processorSpeedMhz'),
    number_processors: n('processorCount'),
    number_cores: n('coreCount'),
    total_ram: n('totalRamMegabytes'),
    total_ram_mb: n('totalRamMegabytes'),
    boot_rom: h('bootRom'),
    bus_speed: n('busSpeedMhz'),
    bus_speed_mhz: n('busSpeedMhz'),
    battery_capacity: n('batteryCapacityPercent'),
    cache_size: n('cacheSizeKilobytes'),
    cache_size_kb: n('cacheSizeKilobytes'),
    available_ram_slots: n('openRamSlots'),
    optical_drive: h('opticalDrive'),
    nic_speed: h('nicSpeed'),
    smc_version: h('smcVersion'),
    ble_capable: bool(record, 'hardware.bleCapable'),
    sip_status: text(record, 'security.sipStatus') || 'Enabled',
    gatekeeper_status: text(record, 'security.gatekeeperStatus'),
    xprotect_version: text(record, 'security.xprotectVersion'),
    institutional_recovery_key: 'Not Present',
    disk_encryption_configuration: '',
    storage: new List('device', [], false),
    mapped_printers: new List('printer', [], false),
  };
}

function software(record: Data): Fields {
  const empty = (item: string): List => new List(item, [], false);
  return {
    unix_executables: empty('string'),
    licensed_software: empty('string'),
    installed_by_casper: empty('package'),
    installed_by_installer_swu: empty('package'),
    cached_by_casper: empty('package'),
    available_software_updates: empty('name'),
    available_updates: empty('update'),
    running_services: empty('name'),
    applications: new List(
      'application',
      array(record, 'applications').map((app) => ({
        name: text(app, 'name'),
        path: text(app, 'path'),
        version: text(app, 'version'),
        bundle_id: text(app, 'bundleId'),
      })),
    ),
    fonts: new List('font', []),
    plugins: new List('plugin', []),
  };
}

function detail(record: Data, ctx: ReadContext): Fields {
  return {
    general: general(record, ctx),
    location: location(record, ctx, 'userAndLocation'),
    purchasing: purchasing(record),
    peripherals: new List('peripheral', []),
    hardware: hardware(record),
    certificates: new List(
      'certificate',
      array(record, 'certificates').map((cert) => ({ common_name: text(cert, 'commonName'), identity: bool(cert, 'identity') })),
    ),
    security: {
      activation_lock: bool(record, 'security.activationLockEnabled'),
      recovery_lock_enabled: bool(record, 'security.recoveryLockEnabled'),
      secure_boot_level: text(record, 'security.secureBootLevel') || 'unknown',
      external_boot_level: text(record, 'security.externalBootLevel') || 'unknown',
      firewall_enabled: bool(record, 'security.firewallEnabled'),
    },
    software: software(record),
    extension_attributes: extensionAttributes(record, true),
    groups_accounts: {
      computer_group_memberships: new List('group', groupsOf(ctx, 'computer-groups', 'computers', 'computers', record).map((group) => text(group, 'name')), false),
      local_accounts: new List('user', [], false),
    },
    iphones: new List('iphone', [], false),
    configuration_profiles: new List(
      'configuration_profile',
      array(record, 'configurationProfiles').map((profile) => ({
        id: Number(pick(profile, 'id') ?? 0),
        name: text(profile, 'displayName', 'name'),
        uuid: text(profile, 'profileIdentifier', 'uuid'),
        is_removable: bool(profile, 'removable'),
      })),
    ),
  };
}

function fromXml(body: Data, existing: Data | undefined): Data | WriteProblem {
  const name = requireName(xmlText(body, 'general.name'), existing);
  if (name instanceof WriteProblem) return name;
  const previous = (section: string): Data => (existing?.[section] as Data | undefined) ?? {};
  const generalFields = defined({ name, assetTag: xmlText(body, 'general.asset_tag'), barcode1: xmlText(body, 'general.barcode_1') });
  const managed = xmlBool(body, 'general.managed') ?? xmlBool(body, 'general.remote_management.managed');
  if (managed !== undefined) generalFields['remoteManagement'] = { ...(previous('general')['remoteManagement'] as Data), managed };
  return defined({
    udid: xmlText(body, 'general.udid'),
    general: { ...previous('general'), ...generalFields },
    hardware: {
      ...previous('hardware'),
      ...defined({
        serialNumber: xmlText(body, 'general.serial_number'),
        macAddress: xmlText(body, 'general.mac_address'),
        model: xmlText(body, 'general.model') ?? xmlText(body, 'hardware.model'),
      }),
    },
    userAndLocation: {
      ...previous('userAndLocation'),
      ...defined({ username: xmlText(body, 'location.username') ?? xmlText(body, 'general.username') }),
    },
  });
}

export const computers: ClassicResource = {
  path: 'computers',
  listRoot: 'computers',
  itemRoot: 'computer',
  kind: 'computers',
  privilegeNoun: 'Computers',
  forms: [
    ...idAndName(computerName, { subsets: true }),
    lookup('udid', (record) => text(record, 'udid'), { subsets: true }),
    lookup('serialnumber', serialOf, { subsets: true }),
    lookup('macaddress', (record) => text(record, 'hardware.macAddress'), { subsets: true }),
  ],
  subsets: {
    general: 'general',
    location: 'location',
    purchasing: 'purchasing',
    peripherals: 'peripherals',
    hardware: 'hardware',
    certificates: 'certificates',
    security: 'security',
    software: 'software',
    extensionattributes: 'extension_attributes',
    groupsaccounts: 'groups_accounts',
    iphones: 'iphones',
    configurationprofiles: 'configuration_profiles',
  },
  nameOf: computerName,
  list: (records) => idNameList('computer', records, computerName),
  extra: computerSearches(),
  detail,
  fromXml,
  unique: [
    { message: 'Duplicate UDID', of: (record) => text(record, 'udid') },
    { message: 'Duplicate serial number', of: serialOf },
  ],
};
