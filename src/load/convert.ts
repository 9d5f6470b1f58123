/**
 * `jamf-contract convert`: between Postman Collection v3 (Postman v12's YAML folders) and
 * v2.1 JSON (what newman and older tools read), for collections and for environments and
 * globals. The direction follows the source: a v3 folder or `*.environment.yaml` becomes
 * JSON; a JSON collection or environment becomes v3.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.ts';
import { JamfContractError } from '../errors.ts';
import { findV3Collections, loadCollections } from './collection.ts';
import { parseScopeFile, type VariableScopeKind } from './environment.ts';
import { decodeText } from './text.ts';
import { collectionToV3, yaml } from './v3/from-v2.ts';
import { loadV3Collection } from './v3/index.ts';
import { writeV3Folder } from './v3/write.ts';

export interface ConvertOptions {
  /** Replace an existing v3 collection folder. */
  force?: boolean;
}

export interface ConvertResult {
  written: string[];
  /** What the target format cannot hold or the engine cannot run, naming file/item and field. */
  warnings: string[];
}

type Source =
  | { kind: 'v3-collection'; path: string }
  | { kind: 'json-collection'; path: string }
  | { kind: 'scope'; path: string; scope: VariableScopeKind; format: 'json' | 'yaml' };

export async function convert(sources: string[], out: string, options: ConvertOptions = {}): Promise<ConvertResult> {
  if (sources.length === 0) throw new JamfContractError('USAGE', 'convert needs a source: a v3 collection folder, a collection .json, or an environment/globals file.');
  const resolved: Source[] = [];
  for (const s of sources) resolved.push(...(await classify(s)));
  const single = resolved.length === 1;
  const result: ConvertResult = { written: [], warnings: [] };
  for (const source of resolved) {
    if (source.kind === 'v3-collection') await v3ToJson(source.path, single, out, result);
    else if (source.kind === 'json-collection') await jsonToV3(source.path, single, out, options, result);
    else await convertScope(source, single, out, result);
  }
  return result;
}

async function classify(path: string): Promise<Source[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new JamfContractError('COLLECTION_READ', `Cannot read "${path}": no such file or folder.`);
  if (info.isDirectory()) {
    const roots = await findV3Collections(path);
    if (roots.length === 0) throw new JamfContractError('COLLECTION_EMPTY', `"${path}" holds no v3 collection (*.request.yaml files or .resources/definition.yaml).`);
    return roots.map((p) => ({ kind: 'v3-collection', path: p }));
  }
  if (/\.environment\.ya?ml$/i.test(path)) return [{ kind: 'scope', path, scope: 'environment', format: 'yaml' }];
  if (/\.globals\.ya?ml$/i.test(path)) return [{ kind: 'scope', path, scope: 'globals', format: 'yaml' }];
  if (/\.ya?ml$/i.test(path)) {
    throw new JamfContractError('USAGE', `"${path}": give a v3 collection's folder, or a *.environment.yaml / *.globals.yaml file.`);
  }
  const text = decodeText(await readFile(path)).text;
  if (/"values"\s*:/.test(text) && !/"item"\s*:/.test(text)) {
    return [{ kind: 'scope', path, scope: /"_postman_variable_scope"\s*:\s*"globals"/.test(text) ? 'globals' : 'environment', format: 'json' }];
  }
  return [{ kind: 'json-collection', path }];
}

async function v3ToJson(root: string, single: boolean, out: string, result: ConvertResult): Promise<void> {
  const { collection, notices } = await loadV3Collection(root);
  result.warnings.push(...notices.map((n) => n.message));
  const target = single && out.toLowerCase().endsWith('.json') ? out : join(await outDir(out, 'a .json file'), `${basename(root)}.postman_collection.json`);
  writeFileAtomic(target, `${JSON.stringify(collection, null, 2)}\n`);
  result.written.push(target);
}

async function jsonToV3(file: string, single: boolean, out: string, options: ConvertOptions, result: ConvertResult): Promise<void> {
  if (out.toLowerCase().endsWith('.json')) {
    throw new JamfContractError('USAGE', `"${file}" is a JSON collection: it converts to a v3 folder, so -o names a folder, not "${out}".`);
  }
  const [loaded] = await loadCollections([file]);
  const { files, warnings } = collectionToV3(loaded!.json);
  result.warnings.push(...warnings);
  const target = single ? out : join(out, basename(file).replace(/(\.postman_collection)?\.json$/i, ''));
  result.written.push(...(await writeV3Folder(target, files, options)));
}

async function convertScope(source: Extract<Source, { kind: 'scope' }>, single: boolean, out: string, result: ConvertResult): Promise<void> {
  const { name, entries } = parseScopeFile(decodeText(await readFile(source.path)).text, source.path, source.scope);
  const stem = basename(source.path).replace(/(\.postman_(environment|globals))?\.(json|ya?ml)$/i, '').replace(/\.(environment|globals)$/i, '');
  const label = name ?? stem;
  if (source.format === 'yaml') {
    const json = {
      name: label,
      values: entries.map((e) => ({ key: e.key, value: e.value, type: e.secret ? 'secret' : 'default', enabled: e.enabled })),
      _postman_variable_scope: source.scope,
    };
    const target = single && out.toLowerCase().endsWith('.json') ? out : join(await outDir(out, 'a .json file'), `${stem}.postman_${source.scope}.json`);
    writeFileAtomic(target, `${JSON.stringify(json, null, 2)}\n`);
    result.written.push(target);
    return;
  }
  const doc = { name: label, values: entries.map((e) => ({ key: e.key, value: e.value, enabled: e.enabled, type: e.secret ? 'secret' : 'default' })) };
  const target = single && /\.ya?ml$/i.test(out) ? out : join(await outDir(out, `a .${source.scope}.yaml file`), `${stem}.${source.scope}.yaml`);
  writeFileAtomic(target, yaml(doc));
  result.written.push(target);
}

/** `-o` as a folder (created if missing) when several outputs go to it or it names no file. */
async function outDir(out: string, fileKind: string): Promise<string> {
  const info = await stat(out).catch(() => undefined);
  if (info && !info.isDirectory()) throw new JamfContractError('USAGE', `"${out}" is a file: with several sources, -o names a folder (or ${fileKind} for one source).`);
  await mkdir(out, { recursive: true });
  return out;
}
