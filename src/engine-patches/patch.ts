/**
 * Scoped patches of the engine's own files: a module's source, changed, compiled into this
 * process's module cache under its own file name, so the engine loads the changed copy.
 * Nothing global is patched and the files on disk are untouched. A patch applies only to the
 * exact code it was written for: when a file is already loaded, or its code is not found (a
 * newer engine), nothing changes and the engine runs as shipped.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Patch {
  /** Module id, e.g. `postman-runtime/lib/runner/run.js`. */
  file: string;
  /**
   * Packages through which `file` is found, in order, for a library the engine requires that
   * is not ours to require (e.g. `['postman-request', '@postman/tough-cookie']` for psl): the
   * copy the engine loads, wherever the install put it.
   */
  via?: readonly string[];
  /** A file beside the module `file` resolves to, for packages whose exports hide their files (e.g. `v4.js` of uuid). */
  beside?: string;
  from: string;
  to: string;
}

/** Where `patch.file` is, found as the engine finds it; undefined when it cannot be found. */
export function resolvePatched(patch: Patch, from: string = import.meta.url): string | undefined {
  try {
    let base = from;
    for (const pkg of patch.via ?? []) base = createRequire(base).resolve(pkg);
    const file = createRequire(base).resolve(patch.file);
    return patch.beside ? join(dirname(file), patch.beside) : file;
  } catch {
    return undefined;
  }
}

/**
 * Applies all of `patches` or none of them (for changes that only work together); `from` is
 * a file whose `require` resolves the ids (default: this package).
 */
export function precompile(patches: Patch[], from: string = import.meta.url): boolean {
  return precompileEach([patches], from) === 1;
}

/**
 * Applies each of `groups` all or none, as `precompile` does, where several groups may change
 * one file: each file is compiled once, with every change that applied to it, in the order the
 * groups first change it (list a file before the files whose compiling requires it). Returns
 * how many groups applied; a group whose file was loaded meanwhile, by a file compiled before
 * it, does not count.
 */
export function precompileEach(groups: Patch[][], from: string = import.meta.url): number {
  return precompileGroups(groups, from).filter(Boolean).length;
}

/** `precompileEach`, answering for each group whether it applied. */
export function precompileGroups(groups: Patch[][], from: string = import.meta.url): boolean[] {
  const require = createRequire(from);
  const files = new Map<string, string>();
  const applied: Array<string[] | undefined> = [];
  for (const patches of groups) {
    const changed = new Map<string, string>();
    const fits = patches.every((patch) => {
      const filename = resolvePatched(patch, from);
      if (!filename || require.cache[filename]) return false;
      const source = changed.get(filename) ?? files.get(filename) ?? readFileSync(filename, 'utf8');
      if (!source.includes(patch.from)) return false;
      changed.set(filename, source.replace(patch.from, patch.to));
      return true;
    });
    if (!fits) {
      applied.push(undefined);
      continue;
    }
    for (const [filename, code] of changed) files.set(filename, code);
    applied.push([...changed.keys()]);
  }
  const missed = new Set<string>();
  for (const [filename, code] of files) {
    if (require.cache[filename]) missed.add(filename);
    else compile(filename, code, require);
  }
  return applied.map((filenames) => filenames !== undefined && !filenames.some((f) => missed.has(f)));
}

function compile(filename: string, code: string, require: NodeJS.Require): void {
  const mod = new Module(filename) as Module & { _compile(code: string, filename: string): void; paths: string[] };
  mod.filename = filename;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(filename));
  mod._compile(code, filename);
  mod.loaded = true;
  require.cache[filename] = mod;
}
