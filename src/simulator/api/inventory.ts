/**
 * Computer inventory (v1, v3, v4: the same store records seen through each version's
 * shape, with `section=` choosing what is filled and the rest `null` as real servers send)
 * and mobile devices (v2).
 */
import { badRequest, empty, json, notFound } from '../json.ts';
import { listQuery } from '../query.ts';
import { idParam, listParams, type ParameterDef, type RouteContext, type RouteDef } from '../routes.ts';
import type { Profile } from '../version.ts';
import { errorRef } from './crud.ts';

type Obj = Record<string, unknown>;
type Version = 'v1' | 'v3' | 'v4';

const SECTIONS: Record<string, string> = {
  GENERAL: 'general', DISK_ENCRYPTION: 'diskEncryption', PURCHASING: 'purchasing', APPLICATIONS: 'applications',
  STORAGE: 'storage', USER_AND_LOCATION: 'userAndLocation', CONFIGURATION_PROFILES: 'configurationProfiles',
  PRINTERS: 'printers', SERVICES: 'services', HARDWARE: 'hardware', LOCAL_USER_ACCOUNTS: 'localUserAccounts',
  CERTIFICATES: 'certificates', ATTACHMENTS: 'attachments', PLUGINS: 'plugins', PACKAGE_RECEIPTS: 'packageReceipts',
  FONTS: 'fonts', SECURITY: 'security', OPERATING_SYSTEM: 'operatingSystem', LICENSED_SOFTWARE: 'licensedSoftware',
  IBEACONS: 'ibeacons', SOFTWARE_UPDATES: 'softwareUpdates', EXTENSION_ATTRIBUTES: 'extensionAttributes',
  CONTENT_CACHING: 'contentCaching', GROUP_MEMBERSHIPS: 'groupMemberships',
};
const V1_ONLY = new Set(['PLUGINS', 'FONTS']);
const LIST_SECTIONS = new Set(['applications', 'configurationProfiles', 'printers', 'services', 'localUserAccounts', 'certificates',
  'attachments', 'plugins', 'fonts', 'licensedSoftware', 'ibeacons', 'softwareUpdates', 'extensionAttributes', 'groupMemberships']);

/** What a requested section holds when the record has nothing stored for it. */
const DEFAULTS: Record<string, () => unknown> = {
  diskEncryption: () => ({ bootPartitionEncryptionDetails: null, individualRecoveryKeyValidityStatus: 'NOT_APPLICABLE',
    institutionalRecoveryKeyPresent: false, diskEncryptionConfigurationName: '', fileVault2Enabled: false,
    fileVault2EnabledUserNames: [], fileVault2EligibilityMessage: '' }),
  purchasing: () => ({ leased: false, purchased: true, poNumber: null, poDate: null, vendor: null, warrantyDate: null,
    appleCareId: null, leaseDate: null, purchasePrice: null, lifeExpectancy: 0, purchasingAccount: null, purchasingContact: null,
    extensionAttributes: [] }),
  storage: () => ({ bootDriveAvailableSpaceMegabytes: 204800, disks: [] }),
  security: () => ({ sipStatus: 'ENABLED', gatekeeperStatus: 'APP_STORE_AND_IDENTIFIED_DEVELOPERS', xprotectVersion: '5300',
    autoLoginDisabled: true, remoteDesktopEnabled: false, activationLockEnabled: false, recoveryLockEnabled: false,
    firewallEnabled: true, secureBootLevel: 'FULL_SECURITY', externalBootLevel: 'NOT_SUPPORTED', bootstrapTokenAllowed: true,
    bootstrapTokenEscrowedStatus: 'ESCROWED', lastAttestationAttempt: null, lastSuccessfulAttestation: null, attestationStatus: null }),
  packageReceipts: () => ({ installedByJamfPro: [], installedByInstallerSwu: [], cached: [] }),
  contentCaching: () => null,
};

const FILTER_FIELDS = ['id', 'udid', 'general.name', 'general.platform', 'general.assetTag', 'general.reportDate',
  'general.lastContactTime', 'general.supervised', 'hardware.serialNumber', 'hardware.model', 'hardware.modelIdentifier',
  'operatingSystem.version', 'operatingSystem.build', 'userAndLocation.username', 'userAndLocation.email'];

function generalFor(version: Version, general: unknown): unknown {
  if (version !== 'v4' || general === null || typeof general !== 'object') return general;
  const { lastContactTime, lastReportedIp: _ip, ...rest } = general as Obj;
  const ordered: Obj = {};
  for (const [key, value] of Object.entries(rest)) {
    ordered[key] = value;
    if (key === 'reportDate') Object.assign(ordered, { lastCheckIn: lastContactTime ?? null, lastContact: lastContactTime ?? null });
  }
  return ordered;
}

function view(record: Obj, version: Version, sections: ReadonlySet<string>): Obj {
  const out: Obj = { id: record.id, udid: record.udid };
  for (const [name, key] of Object.entries(SECTIONS)) {
    if (version !== 'v1' && V1_ONLY.has(name)) continue;
    if (!sections.has(name)) {
      out[key] = null;
      continue;
    }
    const stored = record[key];
    const value = stored !== undefined ? stored : LIST_SECTIONS.has(key) ? [] : (DEFAULTS[key]?.() ?? null);
    out[key] = key === 'general' ? generalFor(version, value) : value;
  }
  return out;
}

function sectionsOf(ctx: RouteContext, version: Version): ReadonlySet<string> | undefined {
  const asked = ctx.req.query.getAll('section').flatMap((s) => s.split(',')).filter((s) => s !== '');
  if (asked.length === 0) return new Set(['GENERAL']);
  if (asked.includes('ALL')) return new Set(Object.keys(SECTIONS));
  const valid = asked.every((s) => s in SECTIONS && (version === 'v1' || !V1_ONLY.has(s)));
  return valid ? new Set(asked) : undefined;
}

const BASE_SORT = 'general.name:asc';

function computerRoutes(version: Version, schemaSuffix: string, deprecated: Partial<Record<Profile, string>> | undefined, profiles?: Profile[]): RouteDef[] {
  const base = `/${version}/computers-inventory`;
  const sectionParam: ParameterDef = {
    name: 'section', in: 'query', description: 'Sections of computer details; GENERAL when absent',
    schema: { type: 'array', items: { type: 'string', enum: Object.keys(SECTIONS).filter((s) => version === 'v1' || !V1_ONLY.has(s)) }, default: ['GENERAL'] },
  };
  const badSection = () => badRequest('INVALID_PARAMETER', 'Invalid section value', 'section');
  const common = { tag: 'computer-inventory', deprecated, profiles };
  return [
    {
      ...common, method: 'GET', path: base, summary: 'Return paginated Computer Inventory records', privileges: ['Read Computers'],
      parameters: [sectionParam, ...listParams(BASE_SORT)],
      responses: { 200: { description: 'Computer inventory', schema: `ComputerInventorySearchResults${schemaSuffix}` } },
      handler: (ctx) => {
        const sections = sectionsOf(ctx, version);
        if (!sections) return badSection();
        const page = listQuery(ctx.store.list('computers'), ctx.req.query, { fields: FILTER_FIELDS, defaultSort: BASE_SORT });
        if ('status' in page) return page;
        return json(200, { totalCount: page.totalCount, results: page.results.map((r) => view(r, version, sections)) });
      },
    },
    {
      ...common, method: 'GET', path: `${base}/{id}`, summary: 'Return a Computer Inventory record', privileges: ['Read Computers'],
      parameters: [idParam, sectionParam],
      responses: { 200: { description: 'Computer inventory record', schema: `ComputerInventory${schemaSuffix}` }, 404: errorRef },
      handler: (ctx) => {
        const sections = sectionsOf(ctx, version);
        if (!sections) return badSection();
        const record = ctx.store.get('computers', ctx.params.id ?? '');
        return record ? json(200, view(record, version, sections)) : notFound();
      },
    },
    {
      ...common, method: 'DELETE', path: `${base}/{id}`, summary: 'Remove a Computer record', privileges: ['Delete Computers'],
      parameters: [idParam], responses: { 204: { description: 'Deleted' }, 404: errorRef },
      handler: (ctx) => (ctx.store.remove('computers', ctx.params.id ?? '') ? empty(204) : notFound()),
    },
    {
      ...common, method: 'GET', path: `/${version}/computers-inventory-detail/{id}`, summary: 'Return all sections of a computer',
      privileges: ['Read Computers'], parameters: [idParam],
      responses: { 200: { description: 'Computer inventory record', schema: `ComputerInventory${schemaSuffix}` }, 404: errorRef },
      handler: (ctx) => {
        const record = ctx.store.get('computers', ctx.params.id ?? '');
        const all = new Set(Object.keys(SECTIONS));
        return record ? json(200, view(record, version, all)) : notFound();
      },
    },
  ];
}

function mobileDeviceRoutes(): RouteDef[] {
  return [
    {
      method: 'GET', path: '/v2/mobile-devices', tag: 'mobile-devices', summary: 'Get Mobile Device objects',
      privileges: ['Read Mobile Devices'], parameters: listParams('id:asc', false),
      responses: { 200: { description: 'Mobile devices', schema: 'MobileDeviceSearchResultsV2' } },
      handler: (ctx) => {
        const query = new URLSearchParams(ctx.req.query);
        query.delete('filter'); // this endpoint has no filter: Jamf ignores the parameter
        const page = listQuery(ctx.store.list('mobile-devices'), query, { fields: ['id', 'name', 'serialNumber', 'udid', 'model', 'username', 'type'], defaultSort: 'id:asc' });
        return 'status' in page ? page : json(200, page);
      },
    },
    {
      method: 'GET', path: '/v2/mobile-devices/{id}', tag: 'mobile-devices', summary: 'Get Mobile Device',
      privileges: ['Read Mobile Devices'], parameters: [idParam],
      responses: { 200: { description: 'Mobile device', schema: 'MobileDeviceV2' }, 404: errorRef },
      handler: (ctx) => {
        const found = ctx.store.get('mobile-devices', ctx.params.id ?? '');
        return found ? json(200, found) : notFound();
      },
    },
  ];
}

export function inventoryRoutes(): RouteDef[] {
  return [
    ...computerRoutes('v1', '', { '11.29.1': '2025-06-30', '11.30.1': '2025-06-30' }),
    ...computerRoutes('v3', 'V3', { '11.30.1': '2026-07-14' }),
    ...computerRoutes('v4', 'V4', undefined, ['11.30.1']),
    ...mobileDeviceRoutes(),
  ];
}
