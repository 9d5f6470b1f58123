/**
 * `/JSSResource/policies` from store kind `policies`. The Pro API has no policy object,
 * so the store shape is the simulator's own (flat, camelCase): `name`, `enabled`, `trigger`
 * (USER_INITIATED or an event), `triggerCheckin`/`triggerLogin`/… booleans, `triggerOther`,
 * `frequency`, `categoryId`, `siteId`, `allComputers`, `selfService`, `packages`.
 */
import { List, type Fields } from './document.ts';
import { array, bool, pick, reference, text, type Data, type ReadContext } from './read.ts';
import { document } from './respond.ts';
import type { Call, Endpoint } from './routes.ts';
import { type ClassicResource, WriteProblem, defined, idAndName, idNameList, idOf, requireName, xmlBool, xmlText } from './resource.ts';

const policyName = (record: Data): string => text(record, 'name', 'general.name');
/** Classic trigger element → the store's boolean for it. */
const TRIGGERS = {
  checkin: 'triggerCheckin',
  enrollment_complete: 'triggerEnrollmentComplete',
  login: 'triggerLogin',
  logout: 'triggerLogout',
  network_state_changed: 'triggerNetworkStateChanged',
  startup: 'triggerStartup',
} as const;
const empty = (item: string): List => new List(item, [], false);

function general(record: Data, ctx: ReadContext): Fields {
  const triggerFields = Object.fromEntries(Object.entries(TRIGGERS).map(([name, key]) => [`trigger_${name}`, bool(record, key)]));
  const trigger = text(record, 'trigger');
  return {
    id: idOf(record),
    name: policyName(record),
    enabled: record['enabled'] === undefined ? true : bool(record, 'enabled'),
    trigger: trigger === '' || trigger === 'USER_INITIATED' ? 'USER_INITIATED' : 'EVENT',
    ...triggerFields,
    trigger_other: text(record, 'triggerOther', 'customTrigger'),
    frequency: text(record, 'frequency') || 'Once per computer',
    retry_event: 'none',
    retry_attempts: -1,
    notify_on_each_failed_retry: false,
    location_user_only: false,
    target_drive: '/',
    offline: bool(record, 'offline'),
    category: reference(ctx, 'categories', pick(record, 'categoryId', 'category.id'), 'No category assigned'),
    date_time_limitations: {
      activation_date: '',
      activation_date_epoch: 0,
      activation_date_utc: '',
      expiration_date: '',
      expiration_date_epoch: 0,
      expiration_date_utc: '',
      no_execute_on: empty('day'),
      no_execute_start: '',
      no_execute_end: '',
    },
    network_limitations: { minimum_network_connection: 'No Minimum', any_ip_address: true, network_segments: empty('network_segment') },
    override_default_settings: { target_drive: 'default', distribution_point: '', force_afp_smb: false, sus: 'default' },
    network_requirements: 'Any',
    site: reference(ctx, 'sites', pick(record, 'siteId', 'site.id')),
  };
}

function scope(record: Data): Fields {
  const targets = (): Fields => ({
    computers: empty('computer'),
    computer_groups: empty('computer_group'),
    buildings: empty('building'),
    departments: empty('department'),
  });
  return {
    all_computers: bool(record, 'allComputers', 'scope.allComputers'),
    ...targets(),
    limit_to_users: { user_groups: empty('user_group') },
    limitations: { users: empty('user'), user_groups: empty('user_group'), network_segments: empty('network_segment'), ibeacons: empty('ibeacon') },
    exclusions: { ...targets(), users: empty('user'), user_groups: empty('user_group'), network_segments: empty('network_segment'), ibeacons: empty('ibeacon') },
  };
}

function selfService(record: Data): Fields {
  return {
    use_for_self_service: bool(record, 'selfService.useForSelfService', 'useForSelfService'),
    self_service_display_name: text(record, 'selfService.displayName') || policyName(record),
    install_button_text: text(record, 'selfService.installButtonText') || 'Install',
    reinstall_button_text: text(record, 'selfService.reinstallButtonText') || 'Reinstall',
    self_service_description: text(record, 'selfService.description'),
    force_users_to_view_description: false,
    self_service_icon: '',
    feature_on_main_page: false,
    self_service_categories: empty('category'),
    notification: false,
    notification_subject: policyName(record),
    notification_message: '',
  };
}

function detail(record: Data, ctx: ReadContext): Fields {
  return {
    general: general(record, ctx),
    scope: scope(record),
    self_service: selfService(record),
    package_configuration: {
      packages: new List(
        'package',
        array(record, 'packages').map((pkg) => ({
          id: idOf(pkg),
          name: text(pkg, 'name', 'packageName'),
          action: text(pkg, 'action') || 'Install',
          fut: false,
          feu: false,
        })),
      ),
    },
    scripts: new List('script', []),
    printers: { size: 0, leave_existing_default: '' },
    dock_items: new List('dock_item', []),
    account_maintenance: {
      accounts: new List('account', []),
      directory_bindings: new List('binding', []),
      management_account: { action: 'doNotChange' },
      open_firmware_efi_password: { of_mode: 'none' },
    },
    reboot: {
      message: 'This computer will restart in 5 minutes.',
      startup_disk: 'Current Startup Disk',
      specify_startup: '',
      no_user_logged_in: 'Do not restart',
      user_logged_in: 'Do not restart',
      minutes_until_reboot: 5,
      start_reboot_timer_immediately: false,
      file_vault_2_reboot: false,
    },
    maintenance: Object.fromEntries(
      ['recon', 'reset_name', 'install_all_cached_packages', 'heal', 'prebindings', 'permissions', 'byhost', 'system_cache', 'user_cache', 'verify']
        .map((key) => [key, key === 'recon' ? bool(record, 'maintenance.recon', 'updateInventory') : false]),
    ),
    files_processes: {
      search_by_path: '',
      delete_file: false,
      locate_file: '',
      update_locate_database: false,
      spotlight_search: '',
      search_for_process: '',
      kill_process: false,
      run_command: '',
    },
    user_interaction: { message_start: '', allow_users_to_defer: false, allow_deferral_until_utc: '', message_finish: '' },
    disk_encryption: { action: 'none' },
  };
}

function fromXml(body: Data, existing: Data | undefined, ctx: ReadContext): Data | WriteProblem {
  const name = requireName(xmlText(body, 'general.name'), existing);
  if (name instanceof WriteProblem) return name;
  const categoryName = xmlText(body, 'general.category.name');
  const categoryId = xmlText(body, 'general.category.id') ?? categoryIdByName(ctx, categoryName);
  if (categoryName !== undefined && categoryName !== '' && categoryId === undefined) return new WriteProblem('Problem with category');
  return defined({
    name,
    enabled: xmlBool(body, 'general.enabled'),
    frequency: xmlText(body, 'general.frequency'),
    trigger: xmlText(body, 'general.trigger'),
    ...Object.fromEntries(Object.entries(TRIGGERS).map(([name, key]) => [key, xmlBool(body, `general.trigger_${name}`)])),
    triggerOther: xmlText(body, 'general.trigger_other'),
    categoryId: categoryId === '-1' ? undefined : categoryId,
    allComputers: xmlBool(body, 'scope.all_computers'),
  });
}

function categoryIdByName(ctx: ReadContext, name: string | undefined): string | undefined {
  if (name === undefined || name === '' || name === 'No category assigned') return undefined;
  const found = ctx.store.list('categories').find((category) => text(category, 'name') === name);
  return found === undefined ? undefined : text(found, 'id');
}

export const policies: ClassicResource = {
  path: 'policies',
  listRoot: 'policies',
  itemRoot: 'policy',
  kind: 'policies',
  privilegeNoun: 'Policies',
  forms: idAndName(policyName, { subsets: true }),
  subsets: {
    general: 'general',
    scope: 'scope',
    selfservice: 'self_service',
    packageconfiguration: 'package_configuration',
    packages: 'package_configuration',
    scripts: 'scripts',
    printers: 'printers',
    dockitems: 'dock_items',
    accountmaintenance: 'account_maintenance',
    reboot: 'reboot',
    maintenance: 'maintenance',
    filesprocesses: 'files_processes',
    userinteraction: 'user_interaction',
    diskencryption: 'disk_encryption',
  },
  nameOf: policyName,
  list: (records) => idNameList('policy', records, policyName),
  extra: policyFilters(),
  detail,
  fromXml,
  unique: [{ message: 'Duplicate name', of: policyName }],
};

/** `/policies/category/{category}` (by name or id) and `/policies/createdBy/{jss|casper}`: lists like `/policies`. */
function policyFilters(): Endpoint[] {
  const list = (call: Call, keep: (policy: Data) => boolean) => {
    const kept = [...call.ctx.store.list('policies')].filter(keep).sort((a, b) => policyName(a).localeCompare(policyName(b)));
    return document(call.req, 'policies', idNameList('policy', kept, policyName));
  };
  return [
    {
      method: 'GET', path: '/policies/category/{category}', privilege: 'Read Policies', summary: 'Finds the policies of a category (name or id)',
      handle: (call) => {
        const key = (call.params['category'] ?? '').toLowerCase();
        const category = call.ctx.store.list('categories').find((c) => String(c['id']) === key || text(c, 'name').toLowerCase() === key);
        const id = category === undefined ? (key === 'none' || key === 'no category assigned' ? '-1' : undefined) : String(category['id']);
        return list(call, (policy) => id !== undefined && (text(policy, 'categoryId') || '-1') === id);
      },
    },
    {
      method: 'GET', path: '/policies/createdBy/{createdBy}', privilege: 'Read Policies', summary: 'Finds the policies created in Jamf Pro (jss) or by Jamf Remote (casper)',
      handle: (call) => list(call, (policy) => (text(policy, 'createdBy') || 'jss') === (call.params['createdBy'] ?? '').toLowerCase()),
    },
  ];
}
