/** `--folder` / `--exclude-folder`: narrowing a collection to some folders, at any depth. */
import { JamfContractError } from '../errors.ts';
import type { PostmanItem } from './postman-types.ts';
import type { LoadedCollection } from './collection.ts';

export interface FolderSelection {
  include: string[];
  exclude: string[];
}

/**
 * Keeps the folders named in `include` (with everything inside them) and drops those in
 * `exclude`. Ancestors of kept folders stay, so their scripts and auth still apply.
 * Every included name must exist in at least one collection.
 */
export function selectFolders(collections: LoadedCollection[], selection: FolderSelection): LoadedCollection[] {
  if (selection.include.length === 0 && selection.exclude.length === 0) return collections;
  const include = new Set(selection.include);
  const exclude = new Set(selection.exclude);
  const found = new Set<string>();
  const out: LoadedCollection[] = [];
  for (const c of collections) {
    const items = filter(c.json.item, include, exclude, found, include.size === 0);
    if (items.length > 0) out.push({ ...c, json: { ...c.json, item: items } });
  }
  const missing = selection.include.filter((name) => !found.has(name));
  if (missing.length > 0) {
    throw new JamfContractError(
      'FOLDER_NOT_FOUND',
      `No folder named ${missing.map((m) => `"${m}"`).join(', ')} in ${collections.map((c) => `"${c.name}"`).join(', ')}. Folder names are matched exactly, at any depth.`,
    );
  }
  return out;
}

function filter(items: PostmanItem[], include: Set<string>, exclude: Set<string>, found: Set<string>, keepAll: boolean): PostmanItem[] {
  const out: PostmanItem[] = [];
  for (const item of items) {
    const isFolder = Array.isArray(item.item);
    if (isFolder && exclude.has(item.name ?? '')) continue;
    if (!isFolder) {
      if (keepAll) out.push(item);
      continue;
    }
    const named = include.has(item.name ?? '');
    if (named) found.add(item.name ?? '');
    const children = filter(item.item!, include, exclude, found, keepAll || named);
    if (children.length > 0) out.push({ ...item, item: children });
  }
  return out;
}
