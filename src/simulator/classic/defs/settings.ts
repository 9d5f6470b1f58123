/** Server settings (the singletons, without ids) and small settings lists. */
import { type ResourceDef } from '../generic.ts';
import { ListOf } from '../template.ts';

export const settings: ResourceDef[] = [
  {
    path: 'activationcode', item: 'activation_code', noun: 'Activation Code', singleton: true,
    template: { organization_name: 'Example Organisation', code: 'UW5M-L6TC-ZBPC-XHTD-CEE5-GRVQ-A6UT-K3S8' },
  },
  {
    path: 'computercheckin', item: 'computer_check_in', noun: 'Computer Check-In', singleton: true,
    template: {
      check_in_frequency: 15, create_startup_script: true, log_startup_event: true, check_for_policies_at_startup: true,
      apply_computer_level_managed_preferences: false, ensure_ssh_is_enabled: false, create_login_logout_hooks: true,
      log_username: true, check_for_policies_at_login_logout: true, apply_user_level_managed_preferences: false,
      hide_restore_partition: false, perform_login_actions_in_background: true, display_status_to_user: false,
    },
  },
  {
    path: 'computerinventorycollection', item: 'computer_inventory_collection', noun: 'Computer Inventory Collection Settings', singleton: true,
    template: {
      local_user_accounts: true, home_directory_sizes: false, hidden_accounts: false, printers: true, active_services: false,
      mobile_device_app_purchasing_info: false, computer_location_information: true, package_receipts: true,
      available_software_updates: true, include_applications: true, include_fonts: false, include_plugins: false,
      applications: new ListOf('application', { path: '', platform: 'Mac' }),
      fonts: new ListOf('font', { path: '', platform: 'Mac' }),
      plugins: new ListOf('plugin', { path: '', platform: 'Mac' }),
    },
  },
  {
    path: 'gsxconnection', item: 'gsx_connection', noun: 'GSX Connection', singleton: true,
    template: { enabled: false, username: '', account_number: 0, region: 'Americas', uri: 'https://gsxapi.apple.com' },
  },
  {
    path: 'smtpserver', item: 'smtp_server', noun: 'SMTP Server', singleton: true,
    template: {
      enabled: true, host: 'smtp.example.com', port: 587, timeout: 5, authorization_required: true, username: 'jamf-mailer',
      password_sha256: '', ssl: false, tls: true, send_from_name: 'Jamf Pro Server', send_from_email: 'jamf@example.com',
    },
  },
  {
    path: 'allowedfileextensions', item: 'allowed_file_extension', kind: 'allowed-file-extensions', noun: 'Allowed File Extension',
    template: { id: 0, extension: '' }, name: 'extension', nameSegment: 'extension', idMethods: ['GET', 'POST', 'DELETE'], nameMethods: ['GET'],
  },
  {
    path: 'jsonwebtokenconfigurations', item: 'json_web_token_configuration', kind: 'json-web-token-configurations', noun: 'JSON Web Token Configuration',
    template: { id: 0, name: '', disabled: false, encryption_key: '', token_expiry: 5 }, nameMethods: [],
  },
  {
    path: 'removablemacaddresses', item: 'removable_mac_address', kind: 'removable-mac-addresses', noun: 'Removable MAC Address',
    template: { id: 0, name: '' },
  },
  {
    path: 'infrastructuremanager', item: 'infrastructure_manager', list: 'infrastructure_managers', kind: 'infrastructure-managers',
    noun: 'Infrastructure Managers', name: null, idMethods: ['GET', 'PUT', 'DELETE'], listSized: false,
    listItem: ['id', 'uuid', 'name', 'hostname', 'last_check_in', 'last_reported_ip', 'operating_system', 'operating_system_version', 'recurring_check_in_frequency'],
    template: {
      id: 0, uuid: '', name: '', hostname: '', last_check_in: '', last_reported_ip: '', operating_system: 'Linux',
      operating_system_version: '', recurring_check_in_frequency: 30,
    },
  },
  {
    path: 'healthcarelistener', item: 'healthcare_listener', list: 'healthcare_listeners', kind: 'healthcare-listeners',
    noun: 'Infrastructure Managers', name: null, idMethods: ['GET', 'PUT'], listItem: 'all',
    // A listener's rules are the rules that name it.
    derive: (data, record, ctx) => ({ ...data, rules: ctx.store.list('healthcare-listener-rules').filter((rule) => String(rule['hcl_id']) === String(record['id'])) }),
    template: {
      id: 0, infrastructure_manager_id: 0, enabled: true, name: '', single_ips: '', range_ips: '', port: 8080,
      rules: new ListOf('rule', { id: 0, hcl_id: 0, name: '', operating_system: 'iPhone', mdm_command: 'DeviceLock', adt_message: 'A02', adt_message_field: 'PV1-6-3' }),
    },
  },
  {
    path: 'healthcarelistenerrule', item: 'healthcare_listener_rule', list: 'healthcare_listener_rules', kind: 'healthcare-listener-rules',
    noun: 'Infrastructure Managers', name: null, idMethods: ['GET', 'POST', 'PUT'], listItem: 'all',
    template: {
      id: 0, hcl_id: 0, name: '', operating_system: 'iPhone', mdm_command: 'DeviceLock', adt_message: 'A02',
      adt_message_field: 'PV1-6-3', device_inventory_field: -1, notification_enabled: false, notify_unsupported_enabled: false,
      notification_threshold: 15, notification_emails: { email: '' },
    },
  },
  {
    path: 'sites', item: 'site', noun: 'Sites', template: { id: 0, name: '' },
  },
];
