/**
 * The default objects of the seed, generated deterministically (same values on every
 * start) in the Jamf Pro API's JSON shape. Values are invented; field names are Jamf's.
 */

type Obj = Record<string, unknown>;

const CITIES = ['Minneapolis', 'Eau Claire', 'Cupertino', 'Amsterdam', 'Katowice', 'Sydney', 'Tokyo', 'London'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Human Resources', 'Support', 'Legal',
  'Operations', 'Design', 'IT', 'Research', 'Facilities'];
const CATEGORIES = ['Applications', 'Browsers', 'Developer Tools', 'Productivity', 'Security', 'Utilities',
  'Printers', 'Fonts', 'Maintenance', 'Onboarding', 'Offboarding', 'Self Service', 'Inventory', 'Network', 'Testing'];
const FIRST = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Barbara', 'Dennis', 'Frances', 'Ken', 'Radia'];
const LAST = ['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Turing', 'Liskov', 'Ritchie', 'Allen', 'Thompson', 'Perlman'];

export const SITES = ['Headquarters', 'East Campus', 'West Campus', 'Remote', 'Lab'];

/** A tiny deterministic generator so the seed is the same on every start. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function pick<T>(list: readonly T[], index: number): T {
  return list[index % list.length] as T;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function buildings(): Obj[] {
  return Array.from({ length: 30 }, (_, i) => ({
    id: String(i + 1),
    name: `Building ${pad(i + 1, 2)} ${pick(CITIES, i)}`,
    streetAddress1: `${100 + i * 7} Main Street`,
    streetAddress2: i % 3 === 0 ? `Floor ${(i % 5) + 1}` : null,
    city: pick(CITIES, i),
    stateProvince: i % 2 === 0 ? 'MN' : null,
    zipPostalCode: pad(55400 + i, 5),
    country: i % 4 === 3 ? 'Netherlands' : 'United States',
  }));
}

export const departments = (): Obj[] => DEPARTMENTS.map((name, i) => ({ id: String(i + 1), name }));

export const categories = (): Obj[] =>
  CATEGORIES.map((name, i) => ({ id: String(i + 1), name, priority: (i % 20) + 1 }));

export const sites = (): Obj[] => SITES.map((name, i) => ({ id: String(i + 1), name, divisionId: null }));

export function scripts(): Obj[] {
  return Array.from({ length: 25 }, (_, i) => {
    const category = i % 5 === 4 ? null : categories()[i % CATEGORIES.length];
    return {
      id: String(i + 1),
      name: `script-${pad(i + 1, 2)}.sh`,
      info: `Maintenance script ${i + 1}`,
      notes: '',
      priority: pick(['BEFORE', 'AFTER', 'AT_REBOOT'], i),
      categoryId: category ? String(category.id) : '-1',
      categoryName: category ? String(category.name) : 'NONE',
      parameter4: i % 2 === 0 ? 'Mode' : '',
      parameter5: '', parameter6: '', parameter7: '', parameter8: '', parameter9: '', parameter10: '', parameter11: '',
      osRequirements: i % 3 === 0 ? '14.x' : '',
      scriptContents: `#!/bin/sh\necho "script ${i + 1}"\nexit 0\n`,
    };
  });
}

export function packages(): Obj[] {
  return Array.from({ length: 20 }, (_, i) => ({
    id: String(i + 1),
    packageName: `Package ${pad(i + 1, 2)}`,
    fileName: `package-${pad(i + 1, 2)}.pkg`,
    categoryId: i % 4 === 0 ? '-1' : String((i % CATEGORIES.length) + 1),
    info: null, notes: null,
    priority: 10,
    osRequirements: '',
    fillUserTemplate: false, indexed: false, fillExistingUsers: false, swu: false,
    rebootRequired: i % 5 === 0, selfHealNotify: false, selfHealingAction: 'nothing',
    osInstall: false, serialNumber: null, parentPackageId: '-1', basePath: null,
    suppressUpdates: false, cloudTransferStatus: 'READY', ignoreConflicts: false,
    suppressFromDock: false, suppressEula: false, suppressRegistration: false,
    installLanguage: 'en_US', md5: null, sha256: null, sha3512: null,
    hashType: 'SHA_512', hashValue: ('ab' + pad(i, 4)).padEnd(128, '0'),
    size: String(1_048_576 * (i + 1)), osInstallerVersion: null, manifest: null, manifestFileName: null, format: null,
  }));
}

export function computers(): Obj[] {
  const random = sequence(7);
  return Array.from({ length: 40 }, (_, i) => {
    const id = String(i + 1);
    const serial = `C02${pad(i * 7919, 6)}XYZ`.slice(0, 12);
    const silicon = i % 3 !== 0;
    const day = pad((i % 28) + 1, 2);
    const site = i % 4 === 0 ? { id: '-1', name: 'None' } : { id: String((i % SITES.length) + 1), name: pick(SITES, i) };
    const person = `${pick(FIRST, i).toLowerCase()}.${pick(LAST, i + 3).toLowerCase()}`;
    return {
      id,
      udid: `${pad(i + 1, 8)}-0000-4000-8000-${pad(i * 37, 12)}`,
      general: {
        name: `MAC-${pad(i + 1, 3)}`,
        lastIpAddress: `10.0.${i % 8}.${10 + i}`,
        lastReportedIp: `192.168.1.${10 + i}`,
        lastReportedIpV4: `192.168.1.${10 + i}`,
        lastReportedIpV6: null,
        jamfBinaryVersion: '11.30.1-t1784555528405',
        platform: 'Mac',
        barcode1: null,
        barcode2: null,
        assetTag: i % 2 === 0 ? `AT-${pad(i + 1, 5)}` : null,
        remoteManagement: { managed: i % 10 !== 9, managementUsername: i % 10 !== 9 ? 'jamfadmin' : null },
        supervised: i % 2 === 0,
        mdmCapable: { capable: true, capableUsers: [person], userManagementInfo: [] },
        reportDate: `2026-06-${day}T09:${pad(i % 60, 2)}:00.000Z`,
        lastContactTime: `2026-06-${day}T10:${pad(i % 60, 2)}:00.000Z`,
        lastCloudBackupDate: null,
        lastEnrolledDate: `2025-0${(i % 9) + 1}-15T08:00:00.000Z`,
        mdmProfileExpiration: '2027-01-15T08:00:00.000Z',
        initialEntryDate: `2025-0${(i % 9) + 1}-15`,
        distributionPoint: null,
        enrollmentMethod: null,
        site,
        itunesStoreAccountActive: false,
        enrolledViaAutomatedDeviceEnrollment: i % 3 === 0,
        userApprovedMdm: true,
        declarativeDeviceManagementEnabled: silicon,
        extensionAttributes: [],
        managementId: `${pad(i + 1, 8)}-1111-4111-8111-${pad(i * 53, 12)}`,
        lastLoggedInUsernameSelfService: null,
        lastLoggedInUsernameSelfServiceTimestamp: null,
        lastLoggedInUsernameBinary: person,
        lastLoggedInUsernameBinaryTimestamp: `2026-06-${day}T07:00:00.000Z`,
        lastLoggedInUsernameMdm: null,
        lastLoggedInUsernameMdmTimestamp: null,
      },
      hardware: {
        make: 'Apple',
        model: silicon ? 'MacBook Pro (14-inch, 2023)' : 'MacBook Pro (13-inch, 2020)',
        modelIdentifier: silicon ? 'Mac14,9' : 'MacBookPro16,2',
        serialNumber: serial,
        processorSpeedMhz: silicon ? 0 : 2300,
        processorCount: 1,
        coreCount: silicon ? 10 : 4,
        processorType: silicon ? 'Apple M2 Pro' : 'Quad-Core Intel Core i7',
        processorArchitecture: silicon ? 'arm64' : 'x86_64',
        busSpeedMhz: 0,
        cacheSizeKilobytes: 0,
        networkAdapterType: 'IEEE80211',
        macAddress: `3C:22:FB:${pad(i, 2)}:AA:01`,
        altNetworkAdapterType: null,
        altMacAddress: null,
        totalRamMegabytes: 16384 * (1 + (i % 2)),
        openRamSlots: 0,
        batteryCapacityPercent: 80 + Math.floor(random() * 20),
        batteryHealth: 'NORMAL',
        smcVersion: silicon ? null : '2.36f97',
        nicSpeed: 'n/a',
        opticalDrive: null,
        bootRom: silicon ? '10151.121.1' : '1916.120.3.0.0',
        bleCapable: true,
        supportsIosAppInstalls: silicon,
        appleSilicon: silicon,
        provisioningUdid: null,
        extensionAttributes: [],
      },
      operatingSystem: {
        name: 'macOS',
        version: i % 5 === 0 ? '14.7.6' : '15.5',
        build: i % 5 === 0 ? '23H626' : '24F74',
        supplementalBuildVersion: null,
        rapidSecurityResponse: null,
        activeDirectoryStatus: 'Not Bound',
        fileVault2Status: i % 6 === 5 ? 'NOT_ENCRYPTED' : 'BOOT_ENCRYPTED',
        softwareUpdateDeviceId: silicon ? 'J414sAP' : null,
        extensionAttributes: [],
      },
      userAndLocation: {
        username: person,
        realname: `${pick(FIRST, i)} ${pick(LAST, i + 3)}`,
        email: i % 7 === 6 ? '' : `${person}@example.com`,
        position: pick(['Engineer', 'Manager', 'Analyst', 'Designer'], i),
        phone: '',
        departmentId: String((i % DEPARTMENTS.length) + 1),
        buildingId: String((i % 30) + 1),
        room: String(100 + i),
        extensionAttributes: [],
      },
      applications: applications(i),
      extensionAttributes: [
        extensionAttribute('1', 'Asset Owner', [pick(DEPARTMENTS, i)], 'STRING', 'TEXT'),
        extensionAttribute('2', 'Battery Cycle Count', [String(40 + ((i * 37) % 400))], 'INTEGER', 'SCRIPT'),
      ],
    };
  });
}

/** The apps inventory reports on a computer (`/JSSResource/computerapplications` is built from these). */
function applications(i: number): Obj[] {
  const app = (name: string, version: string, bundleId: string, macAppStore = false): Obj => ({
    name, path: `/Applications/${name}`, version, macAppStore, sizeMegabytes: 120 + ((i * 13) % 200), bundleId, updateAvailable: false, externalVersionId: '0',
  });
  const list = [
    app('Safari.app', i % 5 === 0 ? '18.5' : '18.6', 'com.apple.Safari'),
    app('Google Chrome.app', pick(['137.0.7151.69', '138.0.7204.50', '138.0.7204.101'], i), 'com.google.Chrome'),
    app('Slack.app', pick(['4.44.65', '4.45.60'], i), 'com.tinyspeck.slackmacgap', true),
  ];
  if (i % 3 === 0) list.push(app('Microsoft Word.app', '16.98', 'com.microsoft.Word'));
  return list;
}

/** A computer's value of one of the seed's computer extension attributes (`/JSSResource/computerextensionattributes`). */
function extensionAttribute(definitionId: string, name: string, values: string[], dataType: string, inputType: string): Obj {
  return { definitionId, name, description: '', enabled: true, multiValue: false, values, dataType, options: [], inputType };
}

/** Everyone a computer or mobile device is assigned to, once each (`/JSSResource/users`). */
export function users(): Obj[] {
  const seen = new Map<string, Obj>();
  for (const computer of computers()) {
    const location = computer['userAndLocation'] as Obj;
    const name = String(location['username']);
    if (!seen.has(name)) {
      seen.set(name, { name, full_name: location['realname'], email: location['email'] || `${name}@example.com`, phone_number: '', position: location['position'] });
    }
  }
  for (const device of mobileDevices()) {
    const name = String(device['username']);
    if (name === '' || seen.has(name)) continue;
    const [first = '', last = ''] = name.split('.');
    const full = `${first.charAt(0).toUpperCase()}${first.slice(1)} ${last.charAt(0).toUpperCase()}${last.slice(1)}`;
    seen.set(name, { name, full_name: full, email: `${name}@example.com`, phone_number: '', position: 'Teacher' });
  }
  return [...seen.values()].map((user, i) => ({ id: String(i + 1), ldap_server: { id: '1' }, sites: [], ...user }));
}

export function mobileDevices(): Obj[] {
  return Array.from({ length: 30 }, (_, i) => {
    const type = i % 10 === 9 ? 'tvos' : 'ios';
    const person = `${pick(FIRST, i + 1).toLowerCase()}.${pick(LAST, i).toLowerCase()}`;
    return {
      id: String(i + 1),
      name: type === 'tvos' ? `Apple TV ${pad(i + 1, 2)}` : `iPad ${pad(i + 1, 2)}`,
      serialNumber: `DMP${pad(i * 4391, 7)}Q`.slice(0, 11),
      wifiMacAddress: `A4:83:E7:${pad(i, 2)}:10:20`,
      udid: `0000${pad(8101 + i, 4)}-001A${pad(i * 97, 10)}`,
      phoneNumber: '',
      model: type === 'tvos' ? 'Apple TV 4K' : 'iPad (10th generation)',
      modelIdentifier: type === 'tvos' ? 'AppleTV14,1' : 'iPad13,18',
      username: type === 'tvos' ? '' : person,
      type,
      managementId: `${pad(i + 1, 8)}-2222-4222-8222-${pad(i * 61, 12)}`,
      softwareUpdateDeviceId: type === 'tvos' ? 'J255AP' : 'J271AP',
    };
  });
}

export function policies(): Obj[] {
  const triggers = ['CHECKIN', 'ENROLLMENT_COMPLETE', 'LOGIN', 'STARTUP', 'USER_INITIATED', 'CUSTOM'];
  const frequencies = ['Once per computer', 'Ongoing', 'Once per user per computer', 'Once every day'];
  return Array.from({ length: 20 }, (_, i) => {
    const category = categories()[i % CATEGORIES.length];
    const trigger = pick(triggers, i);
    return {
      id: String(i + 1),
      name: `Policy ${pad(i + 1, 2)} ${pick(['Install', 'Update', 'Inventory', 'Cleanup'], i)}`,
      enabled: i % 6 !== 5,
      categoryId: category ? String(category.id) : '-1',
      categoryName: category ? String(category.name) : 'No category assigned',
      frequency: pick(frequencies, i),
      trigger,
      triggerCheckin: trigger === 'CHECKIN',
      triggerEnrollmentComplete: trigger === 'ENROLLMENT_COMPLETE',
      triggerLogin: trigger === 'LOGIN',
      triggerStartup: trigger === 'STARTUP',
      triggerOther: trigger === 'CUSTOM' ? `custom-${i + 1}` : '',
      siteId: '-1',
      siteName: 'None',
    };
  });
}
