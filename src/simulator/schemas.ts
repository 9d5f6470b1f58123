/**
 * The component schemas of the simulator's own `/api/schema`, written for the simulator.
 * They follow Jamf's field names, types and required lists for the operations simulated.
 */
import type { Schema } from './routes.ts';

const str: Schema = { type: 'string' };
const nstr: Schema = { type: 'string', nullable: true };
const int: Schema = { type: 'integer' };
const int64: Schema = { type: 'integer', format: 'int64' };
const bool: Schema = { type: 'boolean' };
const dateTime: Schema = { type: 'string', format: 'date-time' };
const ro = (s: Schema): Schema => ({ ...s, readOnly: true });
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const list = (items: Schema): Schema => ({ type: 'array', items });
const obj = (properties: Record<string, Schema>, required?: string[]): Schema =>
  required ? { type: 'object', required, properties } : { type: 'object', properties };
const results = (item: string, required = false): Schema =>
  obj({ totalCount: required ? ro(int) : int, results: list(ref(item)) }, required ? ['results', 'totalCount'] : undefined);

const extensionAttribute = obj({
  definitionId: str, name: ro(str), description: ro(nstr), enabled: ro(bool), multiValue: ro(bool),
  values: list(str), dataType: { ...ro(nstr), enum: ['STRING', 'INTEGER', 'DATE_TIME'] }, options: list(str),
  inputType: { ...ro(nstr), enum: ['TEXT', 'POPUP', 'SCRIPT', 'LDAP'] },
});

function general(v4: boolean): Schema {
  const contact: Record<string, Schema> = v4
    ? { lastCheckIn: dateTime, lastContact: dateTime }
    : { lastContactTime: dateTime };
  return obj({
    name: str, lastIpAddress: str, ...(v4 ? {} : { lastReportedIp: str }), lastReportedIpV4: str, lastReportedIpV6: str,
    jamfBinaryVersion: str, platform: str, barcode1: str, barcode2: str, assetTag: str,
    remoteManagement: obj({ managed: bool, managementUsername: str }),
    supervised: bool,
    mdmCapable: obj({ capable: bool, capableUsers: list(str), userManagementInfo: list(obj({ capableUser: str, managementId: str }, ['capableUser', 'managementId'])) }),
    reportDate: dateTime, ...contact, lastCloudBackupDate: dateTime, lastEnrolledDate: dateTime, mdmProfileExpiration: dateTime,
    initialEntryDate: { type: 'string', format: 'date' }, distributionPoint: str,
    enrollmentMethod: obj({ id: ro(str), objectName: ro(str), objectType: ro(str) }),
    site: obj({ id: str, name: str }),
    itunesStoreAccountActive: bool, enrolledViaAutomatedDeviceEnrollment: bool, userApprovedMdm: bool,
    declarativeDeviceManagementEnabled: bool, extensionAttributes: list(ref('ComputerExtensionAttribute')),
    managementId: ro(str),
    lastLoggedInUsernameSelfService: nstr, lastLoggedInUsernameSelfServiceTimestamp: { ...dateTime, nullable: true },
    lastLoggedInUsernameBinary: nstr, lastLoggedInUsernameBinaryTimestamp: { ...dateTime, nullable: true },
    lastLoggedInUsernameMdm: nstr, lastLoggedInUsernameMdmTimestamp: { ...dateTime, nullable: true },
  });
}

const hardware = obj({
  make: ro(str), model: ro(str), modelIdentifier: ro(str), serialNumber: ro(str), processorSpeedMhz: ro(int64),
  processorCount: ro(int), coreCount: ro(int), processorType: ro(str), processorArchitecture: ro(str), busSpeedMhz: ro(int64),
  cacheSizeKilobytes: ro(int64), networkAdapterType: str, macAddress: str, altNetworkAdapterType: str, altMacAddress: str,
  totalRamMegabytes: ro(int64), openRamSlots: ro(int), batteryCapacityPercent: ro(int),
  batteryHealth: { ...ro(str), enum: ['NON_GENUINE', 'NORMAL', 'SERVICE_RECOMMENDED', 'UNKNOWN', 'UNSUPPORTED'] },
  smcVersion: ro(str), nicSpeed: ro(str), opticalDrive: ro(str), bootRom: ro(str), bleCapable: ro(bool),
  supportsIosAppInstalls: ro(bool), appleSilicon: ro(bool), provisioningUdid: ro(str), extensionAttributes: list(ref('ComputerExtensionAttribute')),
});

const operatingSystem = obj({
  name: ro(str), version: ro(str), build: ro(str), supplementalBuildVersion: ro(str), rapidSecurityResponse: ro(str),
  activeDirectoryStatus: ro(str),
  fileVault2Status: { type: 'string', enum: ['NOT_APPLICABLE', 'NOT_ENCRYPTED', 'BOOT_ENCRYPTED', 'SOME_ENCRYPTED', 'ALL_ENCRYPTED'] },
  softwareUpdateDeviceId: ro(str), extensionAttributes: list(ref('ComputerExtensionAttribute')),
});

const userAndLocation = obj({
  username: str, realname: str, email: str, position: str, phone: str, departmentId: str, buildingId: str, room: str,
  extensionAttributes: list(ref('ComputerExtensionAttribute')),
});

/** Sections the simulator fills; the others are listed loosely (it answers them empty or null). */
function inventory(generalName: string): Schema {
  const loose: Schema = { type: 'object' };
  return obj({
    id: ro(str), udid: str, general: ref(generalName), diskEncryption: loose, purchasing: loose, applications: list(loose),
    storage: loose, userAndLocation: ref('ComputerUserAndLocation'), configurationProfiles: list(loose), printers: list(loose),
    services: list(loose), hardware: ref('ComputerHardware'), localUserAccounts: list(loose), certificates: list(loose),
    attachments: list(loose), packageReceipts: loose, security: loose, operatingSystem: ref('ComputerOperatingSystem'),
    licensedSoftware: list(loose), ibeacons: list(loose), softwareUpdates: list(loose), extensionAttributes: list(ref('ComputerExtensionAttribute')),
    contentCaching: loose, groupMemberships: list(loose),
  });
}

export const COMPONENTS: Record<string, Schema> = {
  ApiError: obj({ httpStatus: int, errors: list(ref('ApiErrorCause')) }),
  ApiErrorCause: obj({ code: str, field: str, description: str, id: nstr }, ['field']),
  HrefResponse: obj({ id: { type: 'string', minLength: 1 }, href: str }),
  JamfProVersion: obj({ version: str }),
  OAuthTokenRequest: obj({ grant_type: str, client_id: str, client_secret: { type: 'string', format: 'password' }, scope: str }, ['client_id', 'client_secret', 'grant_type']),
  OAuthTokenResponse: obj({ access_token: str, token_type: str, scope: str, expires_in: int }, ['access_token', 'expires_in', 'scope', 'token_type']),
  OAuthTokenEndpointErrorResponse: obj({ error: str, error_description: str, error_uri: str }, ['error']),
  AuthTokenV1: obj({ token: str, expires: str }),
  AuthorizationV1: obj({
    account: obj({ id: str, username: str, realName: str, email: str, preferences: { type: 'object' }, multiSiteAdmin: bool, accessLevel: str, privilegeSet: str, privilegesBySite: { type: 'object' }, groupIds: list(str), currentSiteId: str }),
    accountGroups: list({ type: 'object' }), sites: list(obj({ id: str, name: str })),
    authenticationType: { type: 'string', enum: ['JSS', 'LDAP', 'SSO', 'CLIENT_CREDENTIALS'] },
  }),
  ApiRole: obj({ id: ro(str), displayName: str, privileges: list(str) }, ['displayName', 'id', 'privileges']),
  ApiRoleRequest: obj({ displayName: str, privileges: list(str) }, ['displayName', 'privileges']),
  ApiRoleResult: results('ApiRole', true),
  ApiRolePrivileges: obj({ privileges: list(str) }, ['privileges']),
  ApiIntegrationRequest: obj({ authorizationScopes: list(str), displayName: str, enabled: bool, accessTokenLifetimeSeconds: int }, ['authorizationScopes', 'displayName']),
  ApiIntegrationResponse: obj({
    id: int, authorizationScopes: list(str), displayName: str, enabled: bool, accessTokenLifetimeSeconds: int,
    appType: { ...ro(str), enum: ['CLIENT_CREDENTIALS', 'NATIVE_APP_OAUTH', 'NONE'] }, clientId: ro(str),
  }, ['appType', 'authorizationScopes', 'clientId', 'displayName', 'enabled', 'id']),
  ApiIntegrationSearchResult: results('ApiIntegrationResponse', true),
  OAuthClientCredentials: obj({ clientId: str, clientSecret: str }, ['clientId', 'clientSecret']),
  Building: obj({ id: ro(str), name: str, streetAddress1: nstr, streetAddress2: nstr, city: nstr, stateProvince: nstr, zipPostalCode: nstr, country: nstr }, ['name']),
  BuildingSearchResults: results('Building'),
  Department: obj({ id: { ...ro(str), minLength: 1 }, name: { type: 'string', minLength: 1, maxLength: 225 } }, ['name']),
  DepartmentsSearchResults: results('Department'),
  Category: obj({ id: { ...ro(str), minLength: 1 }, name: str, priority: { type: 'integer', format: 'int32' } }, ['name', 'priority']),
  CategoriesSearchResults: results('Category'),
  Script: obj({
    id: { ...ro(str), minLength: 1 }, name: str, info: str, notes: str, priority: { type: 'string', enum: ['BEFORE', 'AFTER', 'AT_REBOOT'] },
    categoryId: str, categoryName: str, parameter4: str, parameter5: str, parameter6: str, parameter7: str, parameter8: str,
    parameter9: str, parameter10: str, parameter11: str, osRequirements: str, scriptContents: str,
  }, ['name']),
  ScriptsSearchResults: results('Script'),
  V1Site: obj({ id: str, divisionId: nstr, name: str }),
  Package: obj({
    id: ro(str), packageName: str, fileName: str, categoryId: str, info: nstr, notes: nstr, priority: int, osRequirements: nstr,
    fillUserTemplate: bool, indexed: ro(bool), fillExistingUsers: bool, swu: bool, rebootRequired: bool, selfHealNotify: bool,
    selfHealingAction: nstr, osInstall: bool, serialNumber: nstr, parentPackageId: nstr, basePath: nstr, suppressUpdates: bool,
    cloudTransferStatus: ro(str), ignoreConflicts: bool, suppressFromDock: bool, suppressEula: bool, suppressRegistration: bool,
    installLanguage: nstr, md5: nstr, sha256: nstr, sha3512: nstr, hashType: nstr, hashValue: nstr, size: ro(nstr),
    osInstallerVersion: nstr, manifest: nstr, manifestFileName: nstr, format: nstr,
  }, ['categoryId', 'fileName', 'fillUserTemplate', 'osInstall', 'packageName', 'priority', 'rebootRequired', 'suppressEula',
    'suppressFromDock', 'suppressRegistration', 'suppressUpdates']),
  PackagesSearchResults: results('Package'),
  ComputerExtensionAttribute: extensionAttribute,
  ComputerGeneral: general(false),
  ComputerGeneralV4: general(true),
  ComputerHardware: hardware,
  ComputerOperatingSystem: operatingSystem,
  ComputerUserAndLocation: userAndLocation,
  ComputerInventory: inventory('ComputerGeneral'),
  ComputerInventoryV3: inventory('ComputerGeneral'),
  ComputerInventoryV4: inventory('ComputerGeneralV4'),
  ComputerInventorySearchResults: results('ComputerInventory'),
  ComputerInventorySearchResultsV3: results('ComputerInventoryV3'),
  ComputerInventorySearchResultsV4: results('ComputerInventoryV4'),
  MobileDeviceV2: obj({
    id: ro(str), name: str, serialNumber: str, wifiMacAddress: str, udid: str, phoneNumber: str, model: str, modelIdentifier: str,
    username: str, type: { type: 'string', enum: ['ios', 'tvos', 'watchos', 'visionos', 'unknown'] }, managementId: ro(str), softwareUpdateDeviceId: str,
  }),
  MobileDeviceSearchResultsV2: results('MobileDeviceV2'),
};
