/**
 * `/JSSResource/mobiledevices` from store kind `mobile-devices` (Pro API v2 shape: flat
 * list fields, detail sections `location`, `purchasing`, `ios`, …). Element order follows
 * Jamf's own bodies.
 */
import { Attributed, List, type Fields } from './document.ts';
import { mobileDeviceSearches } from './computer-search.ts';
import { groupsOf } from './group-membership.ts';
import { location, purchasing } from './inventory-sections.ts';
import { array, bool, dates, num, pick, reference, text, type Data, type ReadContext } from './read.ts';
import { type ClassicResource, WriteProblem, defined, idAndName, idOf, lookup, requireName, xmlBool, xmlText } from './resource.ts';

const osTypes: Record<string, string> = { ios: 'iOS', tvos: 'tvOS', ipados: 'iPadOS', watchos: 'watchOS', visionos: 'visionOS' };
const MODEL_DISPLAY_DEPRECATED = { deprecated: '9.4' };

const deviceName = (record: Data): string => text(record, 'name', 'general.name', 'deviceName');

function summary(record: Data): Fields {
  const model = text(record, 'model', 'hardware.model', 'ios.model');
  return {
    id: idOf(record),
    name: deviceName(record),
    device_name: deviceName(record),
    udid: text(record, 'udid'),
    serial_number: text(record, 'serialNumber', 'hardware.serialNumber'),
    phone_number: text(record, 'phoneNumber', 'network.phoneNumber', 'ios.network.phoneNumber'),
    wifi_mac_address: text(record, 'wifiMacAddress', 'hardware.wifiMacAddress'),
    managed: bool(record, 'managed', 'general.managed'),
    supervised: bool(record, 'supervised', 'ios.supervised'),
    model,
    model_identifier: text(record, 'modelIdentifier', 'hardware.modelIdentifier', 'ios.modelIdentifier'),
    modelDisplay: new Attributed(model, MODEL_DISPLAY_DEPRECATED),
    model_display: model,
    username: text(record, 'username', 'location.username', 'userAndLocation.username'),
  };
}

function general(record: Data, ctx: ReadContext): Fields {
  const inventory = dates(pick(record, 'lastInventoryUpdateTimestamp', 'lastInventoryUpdateDate', 'general.lastInventoryUpdateDate'));
  const initial = dates(pick(record, 'initialEntryTimestamp', 'initialEntryDate', 'general.initialEntryDate'));
  const enrolled = dates(pick(record, 'lastEnrollmentTimestamp', 'lastEnrolledDate', 'general.lastEnrolledDate'));
  const cloudBackup = dates(pick(record, 'ios.lastCloudBackupTimestamp', 'lastCloudBackupDate'));
  const backup = dates(pick(record, 'ios.lastBackupTimestamp', 'lastBackupDate'));
  const list = summary(record);
  const capacity = num(record, 'ios.capacityMb', 'capacityMb', 'hardware.capacityMb');
  const available = num(record, 'ios.availableMb', 'availableMb', 'hardware.availableSpaceMb');
  return {
    id: list['id']!,
    display_name: deviceName(record),
    device_name: deviceName(record),
    name: deviceName(record),
    asset_tag: text(record, 'assetTag', 'general.assetTag'),
    last_inventory_update: inventory.long,
    last_inventory_update_epoch: inventory.epoch,
    last_inventory_update_utc: inventory.utc,
    capacity,
    capacity_mb: capacity,
    available,
    available_mb: available,
    percentage_used: num(record, 'ios.percentageUsed', 'percentageUsed'),
    os_type: osTypes[text(record, 'osType', 'type', 'general.osType').toLowerCase()] ?? 'iOS',
    os_version: text(record, 'osVersion', 'general.osVersion'),
    os_build: text(record, 'osBuild', 'general.osBuild'),
    serial_number: list['serial_number']!,
    udid: list['udid']!,
    initial_entry_date_epoch: initial.epoch,
    initial_entry_date_utc: initial.utc,
    phone_number: list['phone_number']!,
    ip_address: text(record, 'ipAddress', 'general.ipAddress'),
    wifi_mac_address: list['wifi_mac_address']!,
    bluetooth_mac_address: text(record, 'bluetoothMacAddress', 'hardware.bluetoothMacAddress'),
    modem_firmware: text(record, 'modemFirmwareVersion', 'hardware.modemFirmwareVersion'),
    model: list['model']!,
    model_identifier: list['model_identifier']!,
    model_number: text(record, 'modelNumber', 'hardware.modelNumber'),
    modelDisplay: list['modelDisplay']!,
    model_display: list['model_display']!,
    device_ownership_level: text(record, 'deviceOwnershipLevel', 'general.deviceOwnershipType') || 'Institutional',
    last_enrollment_epoch: enrolled.epoch,
    last_enrollment_utc: enrolled.utc,
    managed: list['managed']!,
    supervised: list['supervised']!,
    exchange_activesync_device_identifier: text(record, 'exchangeActiveSyncDeviceIdentifier'),
    shared: bool(record, 'ios.shared', 'shared') ? 'Yes' : 'No',
    tethered: text(record, 'tethered'),
    battery_level: num(record, 'ios.batteryLevel', 'batteryLevel', 'hardware.batteryLevel'),
    ble_capable: bool(record, 'ios.bleCapable', 'bleCapable', 'hardware.bleCapable'),
    device_locator_service_enabled: bool(record, 'ios.deviceLocatorServiceEnabled', 'deviceLocatorServiceEnabled'),
    do_not_disturb_enabled: bool(record, 'ios.doNotDisturbEnabled', 'doNotDisturbEnabled'),
    cloud_backup_enabled: bool(record, 'ios.cloudBackupEnabled', 'cloudBackupEnabled'),
    last_cloud_backup_date_epoch: cloudBackup.epoch,
    last_cloud_backup_date_utc: cloudBackup.utc,
    location_services_enabled: bool(record, 'ios.locationServicesEnabled', 'locationServicesEnabled'),
    itunes_store_account_is_active: bool(record, 'ios.itunesStoreAccountActive', 'itunesStoreAccountActive'),
    last_backup_time_epoch: backup.epoch,
    last_backup_time_utc: backup.utc,
    site: reference(ctx, 'sites', pick(record, 'site.id', 'siteId', 'general.siteId')),
  };
}


function applications(record: Data): List {
  return new List(
    'application',
    array(record, 'ios.applications', 'applications').map((app) => ({
      application_name: text(app, 'name', 'applicationName'),
      application_version: text(app, 'version', 'applicationVersion'),
      identifier: text(app, 'identifier', 'bundleId'),
    })),
  );
}

function security(record: Data): Fields {
  const s = (key: string): unknown => pick(record, `ios.security.${key}`, `security.${key}`);
  const flag = (key: string): boolean => s(key) === true;
  const lostIssued = dates(s('lostModeEnableIssuedTimestamp'));
  const lostLocation = dates(s('lostLocationTimestamp'));
  const coordinate = (key: string, fallback: number): string => (typeof s(key) === 'number' ? String(s(key)) : fallback.toFixed(1));
  return {
    data_protection: flag('dataProtected'),
    block_level_encryption_capable: flag('blockLevelEncryptionCapable'),
    file_level_encryption_capable: flag('fileLevelEncryptionCapable'),
    passcode_present: flag('passcodePresent'),
    passcode_compliant: flag('passcodeCompliant'),
    passcode_compliant_with_profile: flag('passcodeCompliantWithProfile'),
    passcode_lock_grace_period_enforced: String(s('passcodeLockGracePeriodEnforcedSeconds') ?? 'Immediate'),
    hardware_encryption: Number(s('hardwareEncryption') ?? 0),
    activation_lock_enabled: flag('activationLockEnabled'),
    jailbreak_detected: String(s('jailBreakDetected') ?? 'Normal'),
    lost_mode_enabled: flag('lostModeEnabled') ? 'true' : 'false',
    lost_mode_enforced: flag('lostModeEnforced'),
    lost_mode_enable_issued_epoch: lostIssued.epoch,
    lost_mode_enable_issued_utc: lostIssued.utc,
    lost_mode_message: String(s('lostModeMessage') ?? ''),
    lost_mode_phone: String(s('lostModePhone') ?? ''),
    lost_mode_footnote: String(s('lostModeFootnote') ?? ''),
    lost_location_epoch: lostLocation.epoch,
    lost_location_utc: lostLocation.utc,
    lost_location_latitude: coordinate('lostLocationLatitude', 0),
    lost_location_longitude: coordinate('lostLocationLongitude', 0),
    lost_location_altitude: coordinate('lostLocationAltitude', -1),
    lost_location_speed: coordinate('lostLocationSpeed', -1),
    lost_location_course: coordinate('lostLocationCourse', -1),
    lost_location_horizontal_accuracy: coordinate('lostLocationHorizontalAccuracy', -1),
    lost_location_vertical_accuracy: coordinate('lostLocationVerticalAccuracy', -1),
  };
}

function network(record: Data): Fields {
  const n = (key: string): string => text(record, `ios.network.${key}`, `network.${key}`);
  return {
    home_carrier_network: n('homeCarrierNetwork'),
    cellular_technology: n('cellularTechnology') || 'None',
    voice_roaming_enabled: text(record, 'ios.network.voiceRoamingEnabled', 'network.voiceRoamingEnabled') === 'true' ? 'Yes' : 'No',
    imei: n('imei'),
    iccid: n('iccid'),
    meid: n('meid'),
    current_carrier_network: n('currentCarrierNetwork'),
    carrier_settings_version: n('carrierSettingsVersion'),
    current_mobile_country_code: n('currentMobileCountryCode'),
    current_mobile_network_code: n('currentMobileNetworkCode'),
    home_mobile_country_code: n('homeMobileCountryCode'),
    home_mobile_network_code: n('homeMobileNetworkCode'),
    data_roaming_enabled: n('dataRoamingEnabled') === 'true',
    roaming: n('roaming') === 'true',
    phone_number: text(record, 'phoneNumber', 'ios.network.phoneNumber', 'network.phoneNumber'),
  };
}

function certificates(record: Data): List {
  return new List(
    'certificate',
    array(record, 'ios.certificates', 'certificates').map((cert) => ({
      common_name: text(cert, 'commonName', 'common_name'),
      identity: bool(cert, 'identity'),
    })),
  );
}

function configurationProfiles(record: Data): List {
  return new List(
    'configuration_profile',
    array(record, 'ios.configurationProfiles', 'configurationProfiles').map((profile) => ({
      display_name: text(profile, 'displayName'),
      version: text(profile, 'version'),
      identifier: text(profile, 'identifier'),
      uuid: text(profile, 'uuid'),
    })),
  );
}

function provisioningProfiles(record: Data): List {
  return new List(
    'mobile_device_provisioning_profile',
    array(record, 'ios.provisioningProfiles', 'provisioningProfiles').map((profile) => {
      const expires = dates(pick(profile, 'expirationDate'));
      return {
        display_name: text(profile, 'displayName'),
        expiration_date: expires.plain.slice(0, 10),
        expiration_date_epoch: expires.epoch,
        expiration_date_utc: expires.utc,
        uuid: text(profile, 'uuid'),
      };
    }),
  );
}

function groups(record: Data, ctx: ReadContext): List {
  return new List(
    'mobile_device_group',
    groupsOf(ctx, 'mobile-device-groups', 'mobile-devices', 'mobile_devices', record).map((group) => ({ id: idOf(group), name: text(group, 'name') })),
  );
}

export function extensionAttributes(record: Data, withMultiValue = false): List {
  return new List(
    'extension_attribute',
    array(record, 'extensionAttributes').map((attribute) => {
      const values = pick(attribute, 'values', 'value');
      const value = Array.isArray(values) ? values.map(String).join(', ') : text(attribute, 'value');
      return {
        id: Number(pick(attribute, 'definitionId', 'id') ?? 0),
        name: text(attribute, 'name'),
        type: text(attribute, 'type', 'dataType') === 'INTEGER' ? 'Number' : 'String',
        ...(withMultiValue ? { multi_value: bool(attribute, 'multiValue') } : {}),
        value,
      };
    }),
    false,
  );
}

function detail(record: Data, ctx: ReadContext): Fields {
  return {
    general: general(record, ctx),
    location: location(record, ctx),
    purchasing: purchasing(record),
    applications: applications(record),
    security: security(record),
    network: network(record),
    certificates: certificates(record),
    configuration_profiles: configurationProfiles(record),
    provisioning_profiles: provisioningProfiles(record),
    mobile_device_groups: groups(record, ctx),
    extension_attributes: extensionAttributes(record),
  };
}

/** Classic writes name the device in `general`; location takes names, stored by id. */
function fromXml(body: Data, existing: Data | undefined): Data | WriteProblem {
  const name = requireName(xmlText(body, 'general.name') ?? xmlText(body, 'general.device_name'), existing);
  if (name instanceof WriteProblem) return name;
  const udid = xmlText(body, 'general.udid');
  const serial = xmlText(body, 'general.serial_number');
  if (existing === undefined && (udid === undefined || udid === '')) return new WriteProblem('Problem with UDID');
  return defined({
    name,
    udid,
    serialNumber: serial,
    assetTag: xmlText(body, 'general.asset_tag'),
    wifiMacAddress: xmlText(body, 'general.wifi_mac_address'),
    phoneNumber: xmlText(body, 'general.phone_number'),
    managed: xmlBool(body, 'general.managed'),
    username: xmlText(body, 'location.username'),
  });
}

export const mobileDevices: ClassicResource = {
  path: 'mobiledevices',
  listRoot: 'mobile_devices',
  itemRoot: 'mobile_device',
  kind: 'mobile-devices',
  privilegeNoun: 'Mobile Devices',
  forms: [
    ...idAndName(deviceName, { subsets: true }),
    lookup('udid', (record) => text(record, 'udid'), { subsets: true }),
    lookup('serialnumber', (record) => text(record, 'serialNumber', 'hardware.serialNumber'), { subsets: true }),
    lookup('macaddress', (record) => text(record, 'wifiMacAddress', 'hardware.wifiMacAddress'), { subsets: true }),
  ],
  subsets: {
    general: 'general',
    location: 'location',
    purchasing: 'purchasing',
    applications: 'applications',
    security: 'security',
    network: 'network',
    certificates: 'certificates',
    configurationprofiles: 'configuration_profiles',
    provisioningprofiles: 'provisioning_profiles',
    mobiledevicegroups: 'mobile_device_groups',
    extensionattributes: 'extension_attributes',
  },
  nameOf: deviceName,
  list: (records) => new List('mobile_device', records.map(summary)),
  extra: mobileDeviceSearches(),
  detail,
  fromXml,
  unique: [
    { message: 'Duplicate UDID', of: (record) => text(record, 'udid') },
    { message: 'Duplicate serial number', of: (record) => text(record, 'serialNumber', 'hardware.serialNumber') },
  ],
};
