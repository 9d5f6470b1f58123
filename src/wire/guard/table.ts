/**
 * What a write does on a Jamf server, by operation: the guard's table. Read from Jamf's own
 * operations (the Jamf Pro API schema of 11.30.1 and the Classic resources of Jamf's
 * official collection). docs/safety.md shows the same rows, and a test holds the two
 * together and runs every row's example.
 *
 * Rows are tried in order; the first whose API, method and pattern match decides. Patterns
 * match the normalized path below `/api` or `/JSSResource` (lower case, decoded, no trailing
 * slash). What no row matches falls to the defaults: a DELETE is destructive (a deletion not
 * known to be recoverable cannot be undone), any other write is a write. Reads (GET, HEAD,
 * OPTIONS) are never looked up here: a read stays a read whatever its path says. A few POSTs
 * are reads (Jamf's CSV exports and validations): rows of class `read` name them one by one,
 * and a method-override header or another reading of the path still wins if it is worse.
 */

export type WriteClass = 'write' | 'destructive';
export type RuleClass = 'read' | WriteClass;
export type RuleApi = 'pro' | 'classic' | 'any';

export interface GuardRule {
  id: string;
  api: RuleApi;
  /** Upper-case methods the row applies to; `*` for every write method. */
  methods: string[] | '*';
  pattern: RegExp;
  class: RuleClass;
  /** Why, as the report and docs/safety.md say it. */
  reason: string;
  /** A request the row decides, for its test and the docs: `METHOD /path as sent`. */
  example: string;
}

const V = String.raw`v\d+`;
const ANY = '*' as const;

export const GUARD_RULES: GuardRule[] = [
  // POSTs that only read: the body is a query (page, sort, filter, columns) or a file to check.
  { id: 'read-export', api: 'pro', methods: ['POST'], pattern: new RegExp(`^/${V}/(buildings|packages|cloud-idp|inventory-preload|jamf-remote-assist/session|(activation-code|onboarding|reenrollment|enrollment|buildings/[^/]+|packages/[^/]+)/history)/export$`), class: 'read', reason: 'exports a list as CSV or JSON (the body says which rows and columns); changes nothing', example: 'POST /api/v1/buildings/export' },
  { id: 'read-validate', api: 'pro', methods: ['POST'], pattern: new RegExp(`^/(${V}/)?(inventory-preload/(validate-csv|csv-validate)|pki/adcs-settings/validate-(client-)?certificate|pki/digicert/trust-lifecycle-manager/validate-client-certificate|ldap-keystore/verify)$`), class: 'read', reason: 'checks a file or certificate it is given and answers; stores nothing', example: 'POST /api/v2/inventory-preload/csv-validate' },

  // The run's own session.
  { id: 'token-invalidate', api: 'pro', methods: ANY, pattern: /^\/(v\d+\/auth\/invalidate-token|auth\/invalidatetoken)$/, class: 'destructive', reason: 'invalidates the token the run is using', example: 'POST /api/v1/auth/invalidate-token' },
  { id: 'token-keep-alive', api: 'pro', methods: ANY, pattern: /^\/(v\d+\/auth\/keep-alive|auth\/keepalive)$/, class: 'destructive', reason: 'replaces the token the run is using and invalidates it', example: 'POST /api/v1/auth/keep-alive' },

  // Credentials and access that stop working once changed.
  { id: 'client-secret-rotation', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/api-integrations/[^/]+/client-credentials$`), class: 'destructive', reason: 'rotates an API client\'s secret (the old secret stops working)', example: 'POST /api/v1/api-integrations/3/client-credentials' },
  { id: 'password-change', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/user/change-password$`), class: 'destructive', reason: 'changes an account\'s password', example: 'POST /api/v1/user/change-password' },
  { id: 'sso-disable', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/sso/disable$`), class: 'destructive', reason: 'turns single sign-on off for every user', example: 'POST /api/v3/sso/disable' },
  { id: 'sso-certificate', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/sso/(cert|failover/generate)$`), class: 'destructive', reason: 'replaces the SSO signing certificate or failover URL (the old one stops working)', example: 'POST /api/v2/sso/cert' },
  { id: 'signing-keys', api: 'pro', methods: ANY, pattern: new RegExp(`^/(${V}/oidc/generate-certificate|${V}/pki/venafi/[^/]+/jamf-public-key/regenerate|settings/issuetomcatsslcertificate|${V}/jcds/renew-credentials)$`), class: 'destructive', reason: 'regenerates server keys, certificates or service credentials', example: 'POST /api/v1/oidc/generate-certificate' },
  { id: 'server-initialize', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/system/(initialize|platform-initialize|initialize-database-connection)$`), class: 'destructive', reason: 'sets up or reconnects the server itself', example: 'POST /api/v1/system/initialize' },

  // Commands that reach devices.
  { id: 'classic-device-command', api: 'classic', methods: ANY, pattern: /^\/(computercommands|mobiledevicecommands)(\/|$)/, class: 'destructive', reason: 'sends an MDM command to devices', example: 'POST /JSSResource/mobiledevicecommands/command/EraseDevice/id/1' },
  { id: 'mdm-command', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/mdm(/|$)`), class: 'destructive', reason: 'queues an MDM command or push to devices', example: 'POST /api/v2/mdm/commands' },
  { id: 'device-erase', api: 'any', methods: ANY, pattern: /(^|\/)(erase|wipe|erasedevice)(\/|$)/, class: 'destructive', reason: 'erases devices', example: 'POST /api/v2/mobile-devices/7/erase' },
  { id: 'device-unmanage', api: 'any', methods: ANY, pattern: /(^|\/)(unmanage|remove-mdm-profile)(\/|$)/, class: 'destructive', reason: 'removes devices from management', example: 'POST /api/v4/computers-inventory/5/remove-mdm-profile' },
  { id: 'device-power', api: 'any', methods: ANY, pattern: /(^|\/)(restart|restartdevice|shut-?down|shutdowndevice|devicelock|lock-device|clear-?passcode|clearpasscode)(\/|$)/, class: 'destructive', reason: 'locks, restarts or shuts down devices', example: 'POST /api/v1/devices/5/restart' },
  { id: 'framework-redeploy', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/jamf-management-framework/redeploy(/|$)`), class: 'destructive', reason: 'redeploys the management framework to a computer', example: 'POST /api/v1/jamf-management-framework/redeploy/5' },
  { id: 'package-deploy', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/deploy-package$`), class: 'destructive', reason: 'installs packages on devices through MDM', example: 'POST /api/v1/deploy-package' },
  { id: 'software-updates', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/(managed-software-updates/plans|macos-managed-software-updates/send-updates)(/|$)`), class: 'destructive', reason: 'schedules OS updates (and restarts) on devices', example: 'POST /api/v1/managed-software-updates/plans' },
  { id: 'ddm-sync', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/ddm/[^/]+/sync$`), class: 'destructive', reason: 'forces a declarative-management sync on a device', example: 'POST /api/v1/ddm/abc-123/sync' },
  { id: 'laps', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/local-admin-password(/|$)`), class: 'destructive', reason: 'sets or rotates local admin passwords on devices (LAPS)', example: 'PUT /api/v2/local-admin-password/abc-123/set-password' },
  { id: 'app-config-reinstall', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/mobile-device-apps/reinstall-app-config$`), class: 'destructive', reason: 'reinstalls app configuration on devices', example: 'POST /api/v1/mobile-device-apps/reinstall-app-config' },
  { id: 'task-retry', api: 'pro', methods: ANY, pattern: /\/(tasks\/retry|logs\/retry|logs\/retry-all)$/, class: 'destructive', reason: 'sends install or patch tasks to devices again', example: 'POST /api/v2/patch-policies/4/logs/retry-all' },
  { id: 'enrollment-disown', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/device-enrollments/[^/]+/disown$`), class: 'destructive', reason: 'releases devices from Automated Device Enrollment', example: 'POST /api/v1/device-enrollments/1/disown' },
  { id: 'remote-session', api: 'pro', methods: ANY, pattern: /^\/preview\/remote-administration-configurations\/.*\/sessions(\/|$)/, class: 'destructive', reason: 'opens or changes a remote-control session on a device', example: 'POST /api/preview/remote-administration-configurations/team-viewer/1/sessions' },
  { id: 'vpp-licenses', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/volume-purchasing-locations/[^/]+/(reclaim|revoke-licenses)$`), class: 'destructive', reason: 'revokes or reclaims volume-purchasing licences', example: 'POST /api/v1/volume-purchasing-locations/1/revoke-licenses' },

  // History and logs.
  { id: 'log-flush', api: 'pro', methods: ANY, pattern: new RegExp(`^/${V}/log-flushing(/|$)`), class: 'destructive', reason: 'flushes logs and history', example: 'POST /api/v1/log-flushing/task' },
  { id: 'classic-flush', api: 'classic', methods: ANY, pattern: /^\/(commandflush|logflush)(\/|$)/, class: 'destructive', reason: 'flushes command history or logs', example: 'DELETE /JSSResource/logflush/policy/id/1/interval/3+months' },
  { id: 'delete-all', api: 'any', methods: ANY, pattern: /\/delete-all$/, class: 'destructive', reason: 'deletes every record of a kind', example: 'POST /api/v2/inventory-preload/records/delete-all' },

  // Deletions a user can undo by creating the object again: no device, person or access depends on them.
  { id: 'recoverable-delete', api: 'pro', methods: ['DELETE'], pattern: new RegExp(`^/${V}/(buildings|departments|categories|advanced-mobile-device-searches|advanced-user-content-searches|dock-items|notifications|user/preferences|self-service/branding/(ios|macos))(/[^/]+)*$`), class: 'write', reason: 'deletes reference data that can be created again (buildings, departments, categories, saved searches, dock items, notifications, preferences, branding)', example: 'DELETE /api/v1/buildings/1' },
  { id: 'recoverable-delete-multiple', api: 'pro', methods: ['POST'], pattern: new RegExp(`^/${V}/(buildings|departments|categories|advanced-mobile-device-searches|advanced-user-content-searches|dock-items)/delete-multiple$`), class: 'write', reason: 'deletes several objects of reference data that can be created again', example: 'POST /api/v1/buildings/delete-multiple' },
  { id: 'recoverable-dashboard', api: 'pro', methods: ['DELETE'], pattern: new RegExp(`^/${V}/(patch-policies|patch-software-title-configurations)/[^/]+/dashboard$`), class: 'write', reason: 'removes an entry from the dashboard', example: 'DELETE /api/v2/patch-policies/4/dashboard' },
  { id: 'classic-recoverable-delete', api: 'classic', methods: ['DELETE'], pattern: /^\/(buildings|departments|categories|advancedcomputersearches|advancedmobiledevicesearches|advancedusersearches|dockitems)(\/|$)/, class: 'write', reason: 'deletes reference data that can be created again (buildings, departments, categories, saved searches, dock items)', example: 'DELETE /JSSResource/buildings/id/1' },
  { id: 'delete-multiple', api: 'any', methods: ANY, pattern: /\/delete-multiple$/, class: 'destructive', reason: 'deletes several objects at once', example: 'POST /api/v1/computer-extension-attributes/delete-multiple' },
];

/** What no row decides. */
export const DEFAULT_RULES = {
  delete: { id: 'delete', class: 'destructive' as const, reason: 'a deletion that cannot be undone' },
  write: { id: 'write', class: 'write' as const, reason: 'creates or changes data' },
  unknownMethod: { id: 'unknown-method', class: 'destructive' as const, reason: 'a method the guard cannot classify (treated as destructive)' },
};
