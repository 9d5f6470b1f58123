/** Apps, books and software rules: Mac App Store and mobile apps, eBooks, licensed and restricted software. */
import { changeRecord, readRecord } from '../endpoints.ts';
import type { ResourceDef } from '../generic.ts';
import { text, type Data } from '../read.ts';
import type { ClassicResource } from '../resource.ts';
import type { Call, ClassicMethod, Endpoint } from '../routes.ts';
import { ListOf } from '../template.ts';
import { category, computerScope, ebookScope, mobileScope, restrictedScope, selfService, site, vpp } from './common.ts';

/** `/mobiledeviceapplications/bundleid/{bundleid}/version/{version}`: one version of an app. */
function bundleAndVersion(resource: ClassicResource): Endpoint[] {
  const find = (call: Call): Data | undefined => call.ctx.store.list(resource.kind).find((app) =>
    text(app, 'general.bundle_id') === call.params['bundleid'] && text(app, 'general.version') === call.params['version']);
  const path = '/mobiledeviceapplications/bundleid/{bundleid}/version/{version}';
  const verb: Record<Exclude<ClassicMethod, 'POST'>, string> = { GET: 'Read', PUT: 'Update', DELETE: 'Delete' };
  return (['GET', 'PUT', 'DELETE'] as const).map((method) => ({
    method, path, privilege: `${verb[method]} Mobile Device Applications`, summary: `${method === 'GET' ? 'Finds' : method === 'PUT' ? 'Updates' : 'Deletes'} a mobile device application by bundle id and version`,
    handle: (call: Call) => (method === 'GET' ? readRecord(call, resource, find(call)) : changeRecord(call, resource, method, find(call))),
  }));
}

const definitions = (): ListOf => new ListOf('definition', { compare_type: 'like', name: '', version: '' });

const purchasing = {
  is_perpetual: true, is_annual: false, po_number: '', vendor: '', purchase_price: '', purchasing_account: '', po_date: '',
  po_date_epoch: 0, po_date_utc: '', license_expires: '', license_expires_epoch: 0, license_expires_utc: '', life_expectancy: 0,
  purchasing_contact: '',
} as const;

export const software: ResourceDef[] = [
  {
    path: 'licensedsoftware', item: 'licensed_software', list: 'licensed_software', kind: 'licensed-software', noun: 'Licensed Software',
    id: 'general.id', name: 'general.name', listItem: [['id', 'general.id'], ['name', 'general.name']],
    template: {
      general: {
        id: 0, name: '', publisher: '', platform: 'Mac', send_email_on_violation: false, remove_titles_from_inventory_reports: false,
        exclude_titles_purchased_from_app_store: false, notes: '', site,
      },
      software_definitions: definitions(),
      font_definitions: definitions(),
      plugin_definitions: definitions(),
      licenses: new ListOf('license', {
        serial_number_1: '', serial_number_2: '', organization_name: '', registered_to: '', license_type: 'Standard',
        license_count: 1, notes: '', purchasing, attachments: new ListOf('attachment', { id: 0, filename: '', uri: '' }, false),
      }),
    },
  },
  {
    path: 'restrictedsoftware', item: 'restricted_software', list: 'restricted_software', kind: 'restricted-software', noun: 'Restricted Software',
    id: 'general.id', name: 'general.name', listItem: [['id', 'general.id'], ['name', 'general.name']],
    template: {
      general: {
        id: 0, name: '', process_name: '', match_exact_process_name: true, send_notification: false, kill_process: true,
        delete_executable: false, display_message: '', site,
      },
      scope: restrictedScope(),
    },
  },
  {
    path: 'macapplications', item: 'mac_application', list: 'mac_applications', kind: 'mac-applications', noun: 'Mac Applications',
    id: 'general.id', name: 'general.name', subsets: true, listItem: [['id', 'general.id'], ['name', 'general.name']],
    template: {
      general: { id: 0, name: '', version: '', is_free: true, bundle_id: '', url: '', category, site, deployment_type: 'Make Available in Self Service' },
      scope: computerScope(),
      self_service: selfService(),
      vpp_codes: new ListOf('vpp_code', '', false),
      vpp: vpp(),
    },
  },
  {
    path: 'mobiledeviceapplications', item: 'mobile_device_application', list: 'mobile_device_applications', kind: 'mobile-device-applications',
    noun: 'Mobile Device Applications', id: 'general.id', name: 'general.name', subsets: true,
    lookups: { bundleid: 'general.bundle_id' },
    extra: bundleAndVersion,
    listItem: [['id', 'general.id'], ['name', 'general.name'], ['display_name', 'general.display_name'], ['bundle_id', 'general.bundle_id'], ['version', 'general.version'], ['internal_app', 'general.internal_app']],
    template: {
      general: {
        id: 0, name: '', display_name: '', description: '', bundle_id: '', version: '', internal_app: false, category,
        ipa: { name: '', uri: '', data: '' }, icon: { id: 0, name: '', uri: '', data: '' }, mobile_device_provisioning_profile: -1,
        url: '', itunes_store_url: '', make_available_after_install: true, itunes_country_region: 'US', itunes_sync_time: 0,
        deployment_type: 'Make Available in Self Service', deploy_automatically: false, deploy_as_managed_app: true,
        remove_app_when_mdm_profile_is_removed: true, prevent_backup_of_app_data: false, keep_description_and_icon_up_to_date: true,
        keep_app_updated_on_devices: true, free: true, take_over_management: false, host_externally: false, external_url: '', site,
      },
      scope: mobileScope(),
      self_service: {
        self_service_description: '', self_service_icon: { id: 0, name: '', uri: '', data: '' }, feature_on_main_page: false,
        self_service_categories: new ListOf('category', { id: 0, name: '', display_in: true }), notification: false,
        notification_subject: '', notification_message: '',
      },
      vpp_codes: new ListOf('vpp_code', '', false),
      vpp: vpp(),
      app_configuration: { preferences: '' },
    },
  },
  {
    path: 'ebooks', item: 'ebook', noun: 'eBooks', id: 'general.id', name: 'general.name', subsets: true,
    listItem: [['id', 'general.id'], ['name', 'general.name']],
    template: {
      general: {
        id: 0, name: '', author: '', version: '', free: true, url: '', deployment_type: 'Make Available in Self Service',
        file_type: 'PDF', deploy_as_managed: false, category, self_service_icon: { id: 0, uri: '', data: '' }, site,
      },
      scope: ebookScope(),
      self_service: { ...selfService(), self_service_display_name: '', notification: false },
    },
  },
];
