/**
 * Jamf's documented Classic API privilege mapping: each `/JSSResource/<resource>` is one
 * object type, and POST/GET/PUT/DELETE need its Create/Read/Update/Delete privilege.
 * Where Jamf files a resource under two object types (smart and static groups) either one
 * is enough; where the name changed between versions both spellings are accepted. Reads
 * of a device's history, management and reports need that device type's Read privilege.
 * Resources missing here are reported as not verified rather than guessed.
 */

/** Resource path segment → the object type(s) in Jamf's privilege names. */
const OBJECT_TYPES: Record<string, string[]> = {
  accounts: ['Jamf Pro User Accounts & Groups', 'Accounts'],
  activationcode: ['Activation Code'],
  advancedcomputersearches: ['Advanced Computer Searches'],
  advancedmobiledevicesearches: ['Advanced Mobile Device Searches'],
  advancedusersearches: ['Advanced User Searches'],
  allowedfileextensions: ['Allowed File Extension'],
  buildings: ['Buildings'],
  byoprofiles: ['Personal Device Profiles', 'BYO Profiles'],
  categories: ['Categories'],
  classes: ['Classes'],
  computerapplications: ['Computers'],
  computerapplicationusage: ['Computers'],
  computerextensionattributes: ['Computer Extension Attributes'],
  computergroups: ['Smart Computer Groups', 'Static Computer Groups'],
  computerhardwaresoftwarereports: ['Computers'],
  computerhistory: ['Computers'],
  computerinvitations: ['Computer Invitations'],
  computermanagement: ['Computers'],
  computers: ['Computers'],
  departments: ['Departments'],
  directorybindings: ['Directory Bindings'],
  diskencryptionconfigurations: ['Disk Encryption Configurations'],
  distributionpoints: ['Distribution Points'],
  dockitems: ['Dock Items'],
  ebooks: ['eBooks'],
  gsxconnection: ['GSX Connection'],
  healthcarelistener: ['Healthcare Listener'],
  healthcarelistenerrule: ['Healthcare Listener Rule'],
  infrastructuremanager: ['Infrastructure Managers'],
  ldapservers: ['LDAP Servers'],
  licensedsoftware: ['Licensed Software'],
  macapplications: ['Mac Applications'],
  managedpreferenceprofiles: ['Managed Preference Profiles'],
  mobiledeviceapplications: ['Mobile Device Apps', 'Mobile Device Applications'],
  mobiledeviceconfigurationprofiles: ['iOS Configuration Profiles'],
  mobiledeviceenrollmentprofiles: ['Mobile Device Enrollment Profiles'],
  mobiledeviceextensionattributes: ['Mobile Device Extension Attributes'],
  mobiledevicegroups: ['Smart Mobile Device Groups', 'Static Mobile Device Groups'],
  mobiledevicehistory: ['Mobile Devices'],
  mobiledeviceinvitations: ['Mobile Device Invitations'],
  mobiledevices: ['Mobile Devices'],
  netbootservers: ['NetBoot Servers'],
  networksegments: ['Network Segments'],
  osxconfigurationprofiles: ['macOS Configuration Profiles', 'OS X Configuration Profiles'],
  packages: ['Packages'],
  patchpolicies: ['Patch Policies'],
  patchsoftwaretitles: ['Patch Management Software Titles'],
  peripherals: ['Peripherals'],
  peripheraltypes: ['Peripheral Types'],
  policies: ['Policies'],
  printers: ['Printers'],
  removablemacaddresses: ['Removable MAC Address'],
  restrictedsoftware: ['Restricted Software'],
  scripts: ['Scripts'],
  sites: ['Sites'],
  smtpserver: ['SMTP Server'],
  softwareupdateservers: ['Software Update Servers'],
  userextensionattributes: ['User Extension Attributes'],
  usergroups: ['Smart User Groups', 'Static User Groups'],
  users: ['Users'],
  vppassignments: ['VPP Assignment'],
  vppinvitations: ['VPP Invitations'],
  webhooks: ['Webhooks'],
};

const VERBS: Record<string, string> = { GET: 'Read', HEAD: 'Read', POST: 'Create', PUT: 'Update', DELETE: 'Delete' };

/**
 * The privileges a Classic request needs (any one of them is enough), or undefined when
 * the resource is not in the mapping. `path` starts at `/JSSResource`.
 */
export function classicPrivileges(method: string, path: string): string[] | undefined {
  const resource = /^\/JSSResource\/([^/?#]+)/i.exec(path)?.[1]?.toLowerCase();
  const verb = VERBS[method.toUpperCase()];
  if (!resource || !verb) return undefined;
  const types = OBJECT_TYPES[resource];
  return types?.map((t) => `${verb} ${t}`);
}
