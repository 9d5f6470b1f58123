/**
 * Reading a Postman Collection v3 directory ("schema 3.0.0", Postman v12's Git-native
 * format) into a tree of parsed YAML files. Any folder can be a collection root; requests
 * are `*.request.yaml`, a folder's own settings are in an optional
 * `.resources/definition.yaml`, a request's examples in
 * `.resources/<request>.resources/examples/*.example.yaml`. `.yml` is accepted too.
 * Nothing is interpreted here: `to-v2.ts` maps the tree onto the v2.1 model.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { JamfContractError } from '../../errors.ts';
import { readText } from '../text.ts';
import { isMap, parseYaml, type YamlMap } from './yaml.ts';

export interface V3File {
  /** Absolute path. */
  file: string;
  /** Path shown in messages: relative to the collection root's parent (`my-api/folder/x.request.yaml`). */
  shown: string;
  doc: YamlMap;
}

export interface V3Folder {
  kind: 'folder';
  dir: string;
  dirName: string;
  definition?: V3File;
  children: V3Node[];
}

export interface V3RequestNode {
  kind: 'request';
  /** File name without `.request.yaml`: the request's name unless the file sets `name`. */
  stem: string;
  source: V3File;
  examples: V3File[];
  /** `<request>.resources/` sub-folders other than `examples/` (nothing reads them). */
  unreadResources: string[];
}

export type V3Node = V3Folder | V3RequestNode;

export const REQUEST_FILE = /\.request\.ya?ml$/i;
const EXAMPLE_FILE = /\.example\.ya?ml$/i;
const DEFINITION_FILES = ['definition.yaml', 'definition.yml'];

/** Reads the collection rooted at `root` (a folder). */
export async function readV3Tree(root: string): Promise<V3Folder> {
  const full = resolve(root);
  return readFolder(full, { base: resolve(full, '..'), root: full });
}

interface Ctx {
  /** Messages show paths relative to this. */
  base: string;
  root: string;
}

async function readFolder(dir: string, ctx: Ctx): Promise<V3Folder> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const definition = await readDefinition(dir, ctx);
  const children: V3Node[] = [];
  const requestStems = new Set(entries.filter((e) => e.isFile() && REQUEST_FILE.test(e.name)).map((e) => e.name.replace(REQUEST_FILE, '')));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isFile() && REQUEST_FILE.test(entry.name)) {
      children.push(await readRequest(path, entry.name.replace(REQUEST_FILE, ''), ctx));
    } else if (entry.isDirectory() && isFolderName(entry.name, requestStems)) {
      const folder = await readFolder(path, ctx);
      // A directory with no definition and nothing runnable below is not part of the collection.
      if (folder.definition || folder.children.length > 0) children.push(folder);
    }
  }
  return { kind: 'folder', dir, dirName: basename(dir), ...(definition ? { definition } : {}), children };
}

/** `.resources` and a request's `<name>.resources` hold metadata, never requests. */
function isFolderName(name: string, requestStems: Set<string>): boolean {
  if (name.startsWith('.') || name === 'node_modules') return false;
  return !(name.endsWith('.resources') && requestStems.has(name.slice(0, -'.resources'.length)));
}

async function readDefinition(dir: string, ctx: Ctx): Promise<V3File | undefined> {
  for (const name of DEFINITION_FILES) {
    const file = join(dir, '.resources', name);
    if (await isFile(file)) return readYamlFile(file, ctx);
  }
  return undefined;
}

async function readRequest(file: string, stem: string, ctx: Ctx): Promise<V3RequestNode> {
  const source = await readYamlFile(file, ctx);
  const dir = resolve(file, '..');
  const resourceDirs = [join(dir, '.resources', `${stem}.resources`), join(dir, `${stem}.resources`)];
  const declared = typeof source.doc.examples === 'string' ? resolve(dir, source.doc.examples) : undefined;
  const exampleDirs = [...(declared && inside(ctx.root, declared) ? [declared] : []), ...resourceDirs.map((d) => join(d, 'examples'))];
  const examples: V3File[] = [];
  const seen = new Set<string>();
  for (const exampleDir of exampleDirs) {
    if (seen.has(exampleDir)) continue;
    seen.add(exampleDir);
    for (const name of await listDir(exampleDir)) {
      if (EXAMPLE_FILE.test(name)) examples.push(await readYamlFile(join(exampleDir, name), ctx));
    }
  }
  const unreadResources: string[] = [];
  for (const d of resourceDirs) {
    for (const name of await listDir(d)) {
      if (name !== 'examples' && (await isDir(join(d, name)))) unreadResources.push(relative(ctx.base, join(d, name)));
    }
  }
  return { kind: 'request', stem, source, examples, unreadResources };
}

export async function readYamlFile(file: string, ctx: { base: string }): Promise<V3File> {
  let text: string;
  try {
    text = await readText(file);
  } catch (cause) {
    throw new JamfContractError('COLLECTION_READ', `Cannot read "${file}".`, { cause });
  }
  const doc = parseYaml(text, file);
  if (!isMap(doc)) {
    throw new JamfContractError('COLLECTION_PARSE', `${file}: expected a YAML mapping of fields ($kind, name, …), found ${doc === null ? 'an empty file' : Array.isArray(doc) ? 'a list' : 'a single value'}.`);
  }
  return { file, shown: relative(ctx.base, file).split(sep).join('/'), doc };
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** A folder is a v3 collection root when it has a definition or request files of its own. */
export async function hasV3Markers(dir: string): Promise<boolean> {
  for (const name of DEFINITION_FILES) if (await isFile(join(dir, '.resources', name))) return true;
  return (await listDir(dir)).some((name) => REQUEST_FILE.test(name));
}
