/** Writing v3 collection trees (Postman v12's YAML folders) for tests, file by file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadCollections, type LoadedCollection } from '../../src/load/collection.ts';
import { tempDir } from './collections.ts';

/** Writes `files` (relative path → text) under a new temp folder (or `root`) and returns it. */
export function writeTree(files: Record<string, string>, root = tempDir('jc-v3-')): string {
  for (const [rel, text] of Object.entries(files)) {
    const path = join(root, ...rel.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return root;
}

/** YAML text from indented lines (keeps tests readable). */
export function y(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export async function loadOne(dir: string): Promise<LoadedCollection> {
  const [one, ...rest] = await loadCollections([dir]);
  if (!one || rest.length > 0) throw new Error(`expected one collection in ${dir}, got ${rest.length + (one ? 1 : 0)}`);
  return one;
}
