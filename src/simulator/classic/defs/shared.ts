/**
 * Scripts and packages: store kinds the Jamf Pro API serves too (`/api/v1/scripts`,
 * `/api/v1/packages`), kept in its shape. These rows convert both ways, so an object
 * written through one API reads back through the other.
 */
import type { ResourceDef } from '../generic.ts';
import { text, type Data, type ReadContext } from '../read.ts';
import { WriteProblem, defined } from '../resource.ts';

const NO_CATEGORY = 'No category assigned';
const PRIORITIES: Record<string, string> = { BEFORE: 'Before', AFTER: 'After', AT_REBOOT: 'At Reboot' };
const PARAMETERS = ['parameter4', 'parameter5', 'parameter6', 'parameter7', 'parameter8', 'parameter9', 'parameter10', 'parameter11'];

function categoryName(record: Data, ctx: ReadContext): string {
  const id = text(record, 'categoryId');
  const found = id === '' || id === '-1' ? undefined : ctx.store.get('categories', id);
  if (found !== undefined) return text(found, 'name');
  const stored = text(record, 'categoryName');
  return stored === '' || stored === 'NONE' ? NO_CATEGORY : stored;
}

/** The category a Classic body names, as the Pro API stores it; a name the server does not know is Jamf's 409. */
function categoryFields(data: Data, ctx: ReadContext, none: string): Data | WriteProblem | undefined {
  const name = typeof data['category'] === 'string' ? data['category'] : undefined;
  if (name === undefined) return undefined;
  if (name === '' || name === NO_CATEGORY || name === 'None' || name === 'Unknown') return { categoryId: '-1', categoryName: none };
  const found = ctx.store.list('categories').find((category) => text(category, 'name') === name);
  if (found === undefined) return new WriteProblem('Problem with category');
  return { categoryId: String(found['id']), categoryName: text(found, 'name') };
}

function keyFor(table: Record<string, string>, label: unknown): string | undefined {
  return Object.entries(table).find(([, value]) => value === label)?.[0];
}

export const shared: ResourceDef[] = [
  {
    path: 'scripts', item: 'script', noun: 'Scripts', nameOf: (record) => text(record, 'name'),
    template: {
      id: 0, name: '', category: NO_CATEGORY, filename: '', info: '', notes: '', priority: 'After',
      parameters: Object.fromEntries(PARAMETERS.map((key) => [key, ''])),
      os_requirements: '', script_contents: '', script_contents_encoded: '',
    },
    toClassic: (record, ctx) => {
      const contents = text(record, 'scriptContents');
      return {
        name: text(record, 'name'), category: categoryName(record, ctx), filename: text(record, 'name'), info: text(record, 'info'),
        notes: text(record, 'notes'), priority: PRIORITIES[text(record, 'priority')] ?? 'After',
        parameters: Object.fromEntries(PARAMETERS.map((key) => [key, text(record, key)])),
        os_requirements: text(record, 'osRequirements'), script_contents: contents,
        script_contents_encoded: Buffer.from(contents, 'utf8').toString('base64'),
      };
    },
    fromClassic: (data, existing, ctx) => {
      const category = categoryFields(data, ctx, 'NONE');
      if (category instanceof WriteProblem) return category;
      const parameters = (data['parameters'] ?? {}) as Data;
      const encoded = text(data, 'script_contents_encoded');
      const contents = text(data, 'script_contents') || (encoded === '' ? '' : Buffer.from(encoded, 'base64').toString('utf8'));
      return defined({
        ...(existing === undefined ? { categoryId: '-1', categoryName: 'NONE', ...Object.fromEntries(PARAMETERS.map((key) => [key, ''])) } : {}),
        name: text(data, 'name'), info: text(data, 'info'), notes: text(data, 'notes'),
        priority: keyFor(PRIORITIES, data['priority']) ?? 'AFTER', osRequirements: text(data, 'os_requirements'),
        scriptContents: contents, ...Object.fromEntries(PARAMETERS.map((key) => [key, text(parameters, key)])), ...category,
      });
    },
  },
  {
    path: 'packages', item: 'package', noun: 'Packages', nameOf: (record) => text(record, 'packageName'),
    template: {
      id: 0, name: '', category: NO_CATEGORY, filename: '', info: '', notes: '', priority: 10, reboot_required: false,
      fill_user_template: false, fill_existing_users: false, boot_volume_required: true, allow_uninstalled: false,
      os_requirements: '', required_processor: 'None', hash_type: 'MD5', hash_value: '', switch_with_package: 'Do Not Install',
      install_if_reported_available: false, reinstall_option: 'Do Not Reinstall', triggering_files: '', send_notification: false,
    },
    unique: { filename: 'Duplicate filename' },
    toClassic: (record, ctx) => ({
      name: text(record, 'packageName'), category: categoryName(record, ctx), filename: text(record, 'fileName'),
      info: text(record, 'info'), notes: text(record, 'notes'), priority: record['priority'], reboot_required: record['rebootRequired'],
      fill_user_template: record['fillUserTemplate'], fill_existing_users: record['fillExistingUsers'],
      os_requirements: text(record, 'osRequirements'), hash_type: text(record, 'hashType') || 'MD5', hash_value: text(record, 'hashValue'),
    }),
    fromClassic: (data, existing, ctx) => {
      const category = categoryFields(data, ctx, 'NONE');
      if (category instanceof WriteProblem) return category;
      if (text(data, 'filename') === '') return new WriteProblem('Problem with filename');
      return {
        ...(existing === undefined ? newPackage() : {}),
        packageName: text(data, 'name'), fileName: text(data, 'filename'), info: text(data, 'info'), notes: text(data, 'notes'),
        priority: data['priority'] ?? 10, rebootRequired: data['reboot_required'] ?? false, fillUserTemplate: data['fill_user_template'] ?? false,
        fillExistingUsers: data['fill_existing_users'] ?? false, osRequirements: text(data, 'os_requirements'),
        hashType: text(data, 'hash_type') || null, hashValue: text(data, 'hash_value') || null,
        ...(category === undefined ? {} : { categoryId: category['categoryId'] }),
      };
    },
  },
];

/** What the Jamf Pro API fills in for a package it did not get these fields for. */
function newPackage(): Data {
  return {
    categoryId: '-1', info: null, notes: null, osRequirements: '', indexed: false, fillExistingUsers: false, swu: false,
    selfHealNotify: false, selfHealingAction: 'nothing', osInstall: false, serialNumber: null, parentPackageId: '-1',
    basePath: null, suppressUpdates: false, cloudTransferStatus: 'NOT_READY', ignoreConflicts: false, suppressFromDock: false,
    suppressEula: false, suppressRegistration: false, installLanguage: 'en_US', md5: null, sha256: null, sha3512: null,
    size: null, osInstallerVersion: null, manifest: null, manifestFileName: null, format: null,
  };
}
