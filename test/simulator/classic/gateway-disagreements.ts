/**
 * Where the simulator's Classic answers knowingly differ from Jamf's gateway OpenAPI
 * (`classic-api-gateway-openapi.json`): each entry is something real Jamf servers send
 * (as Jamf's own example bodies in its official collection show) that the gateway schema
 * describes differently, or a route the gateway does not list. Nothing else may differ.
 */

export interface Allowed {
  kind: 'schema' | 'content-type';
  pointer: RegExp;
  why: string;
}

const entry = (kind: Allowed['kind'], pointer: RegExp, why: string): Allowed => ({ kind, pointer, why });

/** Operations whose 200 the gateway documents without a body, although Jamf sends one. */
export const NO_BODY_DOCUMENTED = entry('content-type', /^$/, 'the gateway documents no body for this 200');

/** `<jss_objects><privilege>A</privilege>…`: the gateway wants `{privilege}` objects, XML repeats plain strings. */
export const PRIVILEGE_LISTS = entry(
  'schema',
  /^\/privileges\/(jss_objects|jss_settings|jss_actions|recon|casper_admin|casper_remote|casper_imaging)\/\d+$/,
  'gateway models each <privilege> as an object; Jamf repeats plain <privilege> strings',
);

/** Route (swagger form) → what may differ there. */
const BY_ROUTE: ReadonlyArray<readonly [RegExp, readonly Allowed[]]> = [
  [/^\/accounts\/(userid|username|groupid|groupname)\//, [PRIVILEGE_LISTS]],
  [/^\/computers\/subset\/basic$/, [entry('schema', /^\/computer$/, 'gateway models <computer> as one object; Jamf repeats <computer> once per computer')]],
  [/^\/policies\/(id|name)\/\{[a-z]+\}$/, [entry('schema', /^\/disk_encryption\/action$/, 'Jamf sends <action>none</action> for a policy without the payload; the gateway enum lists only apply/remediate')]],
  [/\/subset\/\{subset\}$/, [NO_BODY_DOCUMENTED]],
  [/^\/departments\/name\//, [NO_BODY_DOCUMENTED]],
  [/^\/computers\/match\//, [NO_BODY_DOCUMENTED]],
  [/^\/ldapservers\/(name\/\{name\}$|id\/\{id\}\/(user|group))/, [NO_BODY_DOCUMENTED]],
  [/^\/policies\/(category|createdBy)\//, [NO_BODY_DOCUMENTED]],
  [/^\/computerhardwaresoftwarereports\//, [entry('schema', /^\/(software|font|plugin)_report$/, 'gateway models one <software_report>; Jamf repeats it once per change')]],
  [/^\/patchsoftwaretitles\/id\//, [entry('content-type', /^$/, 'the gateway documents only a JSON body for this GET; Jamf answers XML by default like every Classic GET')]],
  [/^\/classes\/(id|name)\//, [entry('schema', /^\/(students|teachers|student_ids|teacher_ids|student_group_ids|teacher_group_ids|mobile_device_group_ids)\/\d+$/, 'gateway models each <student>, <teacher> and <id> as an object; Jamf repeats plain values')]],
  [/^\/users\/(id|name|email)\//, [entry('schema', /^\/links\/(computers\/computer|mobile_devices\/mobile_device|peripherals\/peripheral|vpp_assignments\/vpp_assignment)$/, 'gateway models one linked <computer>; Jamf repeats it once per linked computer')]],
];

export function allowedFor(route: string): Allowed[] {
  return BY_ROUTE.filter(([pattern]) => pattern.test(route)).flatMap(([, allowed]) => allowed);
}

/** Routes Jamf serves (the official collection calls them) that the gateway does not list. */
export const NOT_IN_GATEWAY: readonly RegExp[] = [
  // Resources of the official collection that newer servers dropped (NetBoot, pre-profile configurations, BYO and managed preference profiles).
  /^\/(netbootservers|computerconfigurations|byoprofiles|managedpreferenceprofiles)(\/|$)/,
  /^\/ldapservers\/name\/\{name\}\/(user|group)\//,
  // Lookups the official collection calls that the gateway lists only by id (or not at all).
  /^\/(computerhistory|mobiledevicehistory|computermanagement)\/(name|udid|serialnumber|macaddress)\/\{[a-z]+\}\/subset\/\{subset\}$/,
  /^\/computermanagement\/(name|udid|serialnumber|macaddress)\/\{[a-z]+\}\/(username|patchfilter)\//,
  /^\/(computercommands|mobiledevicecommands)\/id\/\{id\}$/,
  /^\/(ebooks|patchpolicies|vppinvitations)\/name\/\{name\}\/subset\/\{subset\}$/,
  /^\/computerhardwaresoftwarereports\/(name|udid|serialnumber|macaddress)\/.*\/subset\/\{subset\}$/,
  /^\/(mobiledevices|computers|policies)\/(name|udid|serialnumber|macaddress)\/\{[a-z]+\}\/subset\/\{subset\}$/,
];
