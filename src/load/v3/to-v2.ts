/**
 * A v3 collection tree → the v2.1 collection the engine runs. Folders and collection roots
 * carry name, description, variables, auth and scripts from their optional
 * `definition.yaml`; folders without one are folders all the same. What the engine cannot
 * run is left out and reported (as notices naming file and field), never dropped silently.
 */
import { JamfContractError } from '../../errors.ts';
import type { Notice } from '../../result.ts';
import type { PostmanCollection, PostmanItem } from '../postman-types.ts';
import { pairs, toAuth, toEvents, toVariables, type Report } from './fields.ts';
import { sortByOrder } from './order.ts';
import type { V3File, V3Folder, V3Node } from './read.ts';
import { toRequestItem } from './request.ts';
import { isMap, text, type YamlValue } from './yaml.ts';

export const SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const DEFINITION_FIELDS = new Set(['$kind', 'id', 'name', 'description', 'variables', 'auth', 'scripts', 'order']);

export interface V3Conversion {
  collection: PostmanCollection;
  notices: Notice[];
}

export function v3ToCollection(root: V3Folder): V3Conversion {
  const notices: Notice[] = [];
  const seen = new Set<string>();
  const warn = (code: string, message: string): void => {
    if (seen.has(message)) return;
    seen.add(message);
    notices.push({ level: 'warning', code, message });
  };
  const def = root.definition?.doc ?? {};
  const report = reporter(root.definition, root.dirName, warn);
  checkDefinition(root.definition, report);
  const auth = toAuth(def.auth, report);
  const events = toEvents(def.scripts, report);
  const variables = toVariables(pairs(def.variables, report, 'variables'));
  const collection: PostmanCollection = {
    info: {
      name: text(def.name) ?? root.dirName,
      ...(typeof def.id === 'string' ? { _postman_id: def.id } : {}),
      ...(def.description !== undefined && def.description !== null ? { description: text(def.description) } : {}),
      schema: SCHEMA_V21,
    },
    item: items(root.children, warn),
    ...(events.length > 0 ? { event: events } : {}),
    ...(auth ? { auth } : {}),
    ...(variables.length > 0 ? { variable: variables } : {}),
  };
  return { collection, notices };
}

function items(children: V3Node[], warn: Report['warn']): PostmanItem[] {
  const sorted = sortByOrder(
    children,
    (n) => (n.kind === 'folder' ? n.definition?.doc.order : n.source.doc.order),
    (n) => (n.kind === 'folder' ? n.dirName : n.stem),
  );
  const out: PostmanItem[] = [];
  for (const node of sorted) {
    if (node.kind === 'folder') {
      out.push(folderItem(node, warn));
      continue;
    }
    const report = reporter(node.source, node.stem, warn);
    if (!runnableKind(node.source, report)) continue;
    reportVaultReferences(node.source.doc, report, '');
    const item = toRequestItem(node, report);
    if (item) out.push(item);
  }
  return out;
}

function folderItem(folder: V3Folder, warn: Report['warn']): PostmanItem {
  const def = folder.definition?.doc ?? {};
  const report = reporter(folder.definition, folder.dirName, warn);
  checkDefinition(folder.definition, report);
  const auth = toAuth(def.auth, report);
  const events = toEvents(def.scripts, report);
  const variables = toVariables(pairs(def.variables, report, 'variables'));
  if (variables.length > 0) {
    report.warn('V3_FOLDER_VARIABLES', `${report.shown}: variables on a folder are kept but not applied: Postman's engine (as newman) has collection, environment and global variables only. Move them to the collection's definition.yaml or an environment.`);
  }
  return {
    ...(typeof def.id === 'string' ? { id: def.id } : {}),
    name: text(def.name) ?? folder.dirName,
    ...(def.description !== undefined && def.description !== null ? { description: text(def.description) } : {}),
    item: items(folder.children, warn),
    ...(events.length > 0 ? { event: events } : {}),
    ...(auth ? { auth } : {}),
    ...(variables.length > 0 ? { variable: variables } : {}),
  };
}

function reporter(file: V3File | undefined, fallback: string, warn: Report['warn']): Report {
  return { shown: file?.shown ?? fallback, warn };
}

function checkDefinition(file: V3File | undefined, report: Report): void {
  if (!file) return;
  const kind = file.doc.$kind;
  if (kind !== undefined && kind !== 'collection') {
    throw new JamfContractError('COLLECTION_PARSE', `${file.file}: $kind is "${text(kind)}"; a definition.yaml has $kind: collection.`);
  }
  for (const key of Object.keys(file.doc)) {
    if (!DEFINITION_FIELDS.has(key)) report.warn('V3_FIELD_IGNORED', `${report.shown}: unknown field "${key}"; ignored, as Postman ignores it.`);
  }
  reportVaultReferences(file.doc, report, '');
}

function runnableKind(file: V3File, report: Report): boolean {
  const kind = text(file.doc.$kind);
  if (kind === 'http-request') return true;
  if (kind === undefined) {
    throw new JamfContractError('COLLECTION_PARSE', `${file.file}: no $kind. A request file starts with "$kind: http-request".`);
  }
  report.warn(
    'V3_SKIPPED',
    /-request$/.test(kind)
      ? `${report.shown}: $kind ${kind} is not HTTP; jamf-contract runs HTTP requests only, so it is not run.`
      : `${report.shown}: $kind "${kind}" is not a request kind jamf-contract knows; not run.`,
  );
  return false;
}

/**
 * `{{vault:name}}` reads Postman Vault, which lives in the Postman app. Such a request is
 * sent only if something defines the variable (`--var "vault:name=…"`, an environment).
 */
function reportVaultReferences(value: YamlValue | undefined, report: Report, field: string): void {
  if (typeof value === 'string') {
    const names = [...value.matchAll(/\{\{\s*(vault:[^}]+?)\s*\}\}/g)].map((m) => m[1]);
    for (const name of new Set(names)) {
      report.warn('V3_VAULT', `${report.shown}: ${field || '(value)'} uses the Postman Vault secret {{${name}}}, which only the Postman app can read; define it with --var "${name}=…" or in an environment, else the request is skipped as unresolved.`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => reportVaultReferences(v, report, `${field}[${i}]`));
  } else if (isMap(value)) {
    for (const [k, v] of Object.entries(value)) reportVaultReferences(v, report, field ? `${field}.${k}` : k);
  }
}
