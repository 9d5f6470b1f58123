/**
 * Patch management (sources, titles, policies, reports) and Volume Purchasing (accounts,
 * assignments, invitations). Patch reports are worked out from the title's versions and
 * the seeded computers, so they stay consistent with inventory.
 */
import { List, type Fields } from '../document.ts';
import type { ResourceDef } from '../generic.ts';
import { text, type Data } from '../read.ts';
import { type ClassicResource, WriteProblem } from '../resource.ts';
import { document, idAnswer, xmlBody } from '../respond.ts';
import type { Call, Endpoint } from '../routes.ts';
import { statusPage } from '../status-page.ts';
import { ListOf, Ref } from '../template.ts';
import { category, site } from './common.ts';

const general = { id: 'general.id', name: 'general.name', listItem: [['id', 'general.id'], ['name', 'general.name']] as const } as const;
const refs = (item: string, kind: string): ListOf => new ListOf(item, new Ref(kind));
const byId = (records: Data[]): Data[] => [...records].sort((a, b) => Number(a['id']) - Number(b['id']));

/** Each computer runs one of the title's versions (deterministically), for the reports. */
function versionsReport(title: Data, call: Call, only?: string): Fields {
  const versions = (Array.isArray(title['versions']) ? title['versions'] : []) as Data[];
  const computers = byId(call.ctx.store.list('computers'));
  const running = (index: number): Data[] => computers.filter((_, at) => versions.length > 0 && at % (versions.length + 1) === index);
  const rows = versions.map((version, index) => ({ software_version: text(version, 'software_version'), computers: running(index) }))
    .filter((row) => only === undefined || row.software_version === only);
  return {
    name: text(title, 'name'),
    patch_software_title_id: String(title['id']),
    total_computers: computers.length,
    total_versions: versions.length,
    versions: new List('version', rows.map((row) => ({
      software_version: row.software_version,
      computers: new List('computer', row.computers.map((computer) => ({ id: Number(computer['id']), name: text(computer, 'general.name') }))),
    }))),
  };
}

function patchReports(): Endpoint[] {
  const title = (call: Call): Data | undefined => call.ctx.store.get('patch-software-titles', String(Number(call.params['id'] ?? '')));
  const answer = (call: Call, version?: string) => {
    const found = title(call);
    return found === undefined ? statusPage(404) : document(call.req, 'patch_report', versionsReport(found, call, version));
  };
  return [
    { method: 'GET', path: '/patchreports/patchsoftwaretitleid/{id}', privilege: 'Read Patch Management Software Titles', summary: 'Finds the patch report of a software title', handle: (call) => answer(call) },
    { method: 'GET', path: '/patchreports/patchsoftwaretitleid/{id}/version/{version}', privilege: 'Read Patch Management Software Titles', summary: 'Finds the computers on one version of a software title', handle: (call) => answer(call, call.params['version']) },
  ];
}

/** The titles a patch source offers: for the seed, the titles configured from it plus a few more. */
function availableTitles(): Endpoint[] {
  return [{
    method: 'GET', path: '/patchavailabletitles/sourceid/{id}', privilege: 'Read Patch Management Software Titles', summary: 'Finds the titles a patch source offers',
    handle: (call) => {
      const id = call.params['id'] ?? '';
      const source = call.ctx.store.get('patch-internal-sources', id) ?? call.ctx.store.get('patch-external-sources', id);
      if (source === undefined) return statusPage(404);
      const titles = call.ctx.store.list('patch-available-titles').filter((item) => String(item['source_id']) === String(source['id']));
      return document(call.req, 'patch_available_titles', {
        available_titles: new List('available_title', titles.map((item) => ({
          name_id: text(item, 'name_id'), current_version: text(item, 'current_version'), publisher: text(item, 'publisher'),
          last_modified: text(item, 'last_modified'), app_name: text(item, 'app_name'),
        }))),
      });
    },
  }];
}

/** `/patchpolicies/softwaretitleconfig/id/{id}`: the title's policies, and where new ones are created. */
function policiesOfTitle(resource: ClassicResource): Endpoint[] {
  const path = '/patchpolicies/softwaretitleconfig/id/{softwaretitleconfigid}';
  return [
    {
      method: 'GET', path, privilege: 'Read Patch Policies', summary: 'Finds the patch policies of a software title configuration',
      handle: (call) => {
        const title = call.params['softwaretitleconfigid'] ?? '';
        const mine = byId(call.ctx.store.list(resource.kind)).filter((policy) => String(policy['software_title_configuration_id']) === title);
        return document(call.req, 'patch_policies', new List('patch_policy', mine.map((policy) => ({ id: Number(policy['id']), name: resource.nameOf(policy) }))));
      },
    },
    {
      method: 'POST', path, privilege: 'Create Patch Policies', summary: 'Creates a patch policy for a software title configuration',
      handle: (call) => {
        const title = call.params['softwaretitleconfigid'] ?? '';
        if (call.ctx.store.get('patch-software-titles', title) === undefined) return statusPage(404);
        const body = xmlBody(call.req);
        if ('status' in body) return body;
        const fields = resource.fromXml(body.value, undefined, call.ctx);
        if (fields instanceof WriteProblem) return statusPage(409, fields.message);
        const saved = call.ctx.store.create(resource.kind, { ...fields, software_title_configuration_id: Number(title) });
        return idAnswer(201, resource.itemRoot, Number(saved['id']));
      },
    },
  ];
}

const vppScope = {
  all_jss_users: false, jss_users: refs('user', 'users'), jss_user_groups: refs('user_group', 'user-groups'),
  limitations: { user_groups: new ListOf('user_group', { name: '' }) },
  exclusions: { jss_users: refs('user', 'users'), user_groups: new ListOf('user_group', { name: '' }), jss_user_groups: refs('user_group', 'user-groups') },
};

export const patchAndVpp: ResourceDef[] = [
  {
    path: 'patchexternalsources', item: 'patch_external_source', list: 'patch_external_sources', kind: 'patch-external-sources',
    noun: 'Patch External Source', nameMethods: ['GET', 'POST', 'PUT'], idMethods: ['GET', 'POST', 'PUT', 'DELETE'],
    template: { id: 0, name: '', host_name: '', ssl_enabled: true, enabled: true, port: 443 },
  },
  {
    path: 'patchinternalsources', item: 'patch_internal_source', list: 'patch_internal_sources', kind: 'patch-internal-sources',
    noun: 'Patch Internal Source', idMethods: ['GET'], nameMethods: ['GET'],
    template: { id: 0, name: '', enabled: true, endpoint: '' },
  },
  {
    path: 'patchsoftwaretitles', item: 'patch_software_title', list: 'patch_software_titles', kind: 'patch-software-titles',
    noun: 'Patch Management Software Titles', nameMethods: [], listItem: ['id', 'name', 'name_id', 'source_id'],
    template: {
      id: 0, name: '', name_id: '', source_id: 1, notifications: { email_notification: false, web_notification: true }, category, site,
      versions: new ListOf('version', { software_version: '', package: new Ref('packages') }),
    },
    extra: () => [...patchReports(), ...availableTitles()],
  },
  {
    path: 'patchpolicies', item: 'patch_policy', list: 'patch_policies', kind: 'patch-policies', noun: 'Patch Policies', ...general,
    nameMethods: [], idMethods: ['GET', 'PUT', 'DELETE'], subsets: true,
    template: {
      general: {
        id: 0, name: '', enabled: true, target_version: '', release_date: 0, incremental_update: false, reboot: false, minimum_os: '',
        kill_apps: new ListOf('kill_app', { kill_app_name: '', kill_app_bundle_id: '' }), distribution_method: 'prompt',
        allow_downgrade: false, patch_unknown: false,
      },
      scope: {
        all_computers: false, computers: refs('computer', 'computers'), computer_groups: refs('computer_group', 'computer-groups'),
        users: new ListOf('user', { name: '' }), buildings: refs('building', 'buildings'), departments: refs('department', 'departments'),
        limitations: { network_segments: refs('network_segment', 'network-segments'), ibeacons: refs('ibeacon', 'ibeacons') },
        exclusions: {
          computers: refs('computer', 'computers'), computer_groups: refs('computer_group', 'computer-groups'), users: new ListOf('user', { name: '' }),
          buildings: refs('building', 'buildings'), departments: refs('department', 'departments'),
          network_segments: refs('network_segment', 'network-segments'), ibeacons: refs('ibeacon', 'ibeacons'),
        },
      },
      user_interaction: {
        install_button_text: 'Update', self_service_description: '',
        notifications: { notification_enabled: true, notification_type: 'Self Service', notification_subject: 'Update available', notification_message: '', reminders: { notification_reminders_enabled: false, notification_reminder_frequency: 1 } },
        deadlines: { deadline_enabled: false, deadline_period: 7 },
        grace_period: { grace_period_duration: 15, notification_center_subject: 'Important', message: '$APP_NAMES will quit in $DELAY_MINUTES minutes so that $SOFTWARE_TITLE can be updated. Save anything you are working on and quit the app(s).' },
      },
      software_title_configuration_id: 0,
    },
    extra: policiesOfTitle,
  },
  {
    path: 'vppaccounts', item: 'vpp_account', list: 'vpp_accounts', kind: 'vpp-accounts', noun: 'Volume Purchasing Locations', nameMethods: [],
    template: {
      id: 0, name: '', contact: '', service_token: '********************', account_name: '', expiration_date: '', country: 'US',
      apple_id: '', site, populate_catalog_from_vpp_content: true, notify_disassociation: true, auto_register_managed_users: false,
    },
  },
  {
    path: 'vppassignments', item: 'vpp_assignment', list: 'vpp_assignments', kind: 'vpp-assignments', noun: 'VPP Assignment', nameMethods: [],
    id: 'general.id', name: 'general.name',
    listItem: [['id', 'general.id'], ['vpp_admin_account_id', 'general.vpp_admin_account_id'], ['name', 'general.name']],
    template: {
      general: { id: 0, name: '', vpp_admin_account_id: 1, vpp_admin_account_name: '' },
      ios_apps: new ListOf('ios_app', { adam_id: 0, name: '' }),
      mac_apps: new ListOf('mac_app', { adam_id: 0, name: '' }),
      ebooks: new ListOf('ebook', { adam_id: 0, name: '' }),
      scope: vppScope,
    },
    derive: (data, _record, ctx) => {
      const account = ctx.store.get('vpp-accounts', String((data['general'] as Data | undefined)?.['vpp_admin_account_id'] ?? ''));
      return { ...data, general: { ...(data['general'] as Data), vpp_admin_account_name: account === undefined ? '' : text(account, 'name') } };
    },
  },
  {
    path: 'vppinvitations', item: 'vpp_invitation', list: 'vpp_invitations', kind: 'vpp-invitations', noun: 'VPP Invitations', nameMethods: [],
    subsets: true, ...general,
    template: {
      general: {
        id: 0, name: '', vpp_account: new Ref('vpp-accounts'), distribution_method: 'Send emails', sender_name: '', sender_email_address: '',
        subject: '', message: '', require_login: false, auto_register_managed_users: false,
      },
      scope: vppScope,
      invitation_usages: new ListOf('invitation_usage', { user: { id: 0, name: '' }, status: '' }),
    },
  },
];
