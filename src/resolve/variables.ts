/**
 * Unresolved `{{variables}}`, seen before the run. Jamf's collection is full of `{{id}}`,
 * `{{name}}`, `{{subset}}` that nobody set. Statically we find the names no scope defines
 * (for `--dry-run`, `--unresolved fail` and the doctor); scripts may still set them during
 * the run (chained look-ups), so the decision for each request is made at the wire, on the
 * request as it is about to be sent (`resolve/unresolved.ts`).
 */
import type { PostmanCollection, PostmanItem, PostmanRequest } from '../load/postman-types.ts';
import { scriptText, walkItems } from '../load/postman-types.ts';

const REF = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** Names of every `{{variable}}` a request refers to (URL, path variables, headers, body). */
export function referencedVariables(request: PostmanRequest | string | undefined): string[] {
  if (!request) return [];
  const names = new Set<string>();
  // The strings themselves, not their JSON text: `{{b\\ar}}` is the variable `b\ar`.
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(REF)) {
        const name = m[1]!;
        // `{{$guid}}`, `{{$timestamp}}`…: Postman's dynamic variables always resolve.
        if (!name.startsWith('$')) names.add(name);
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(typeof request === 'string' ? request : [request.url, request.header, request.body]);
  return [...names];
}

/** Variable names some script in the collection sets (`pm.*.set("name", …)`, `postman.setEnvironmentVariable`). */
export function variablesSetByScripts(collection: PostmanCollection): Set<string> {
  const names = new Set<string>();
  const SET = /(?:\.set|setEnvironmentVariable|setGlobalVariable)\(\s*["'`]([^"'`]+)["'`]/g;
  const visit = (events: PostmanItem['event']): void => {
    for (const e of events ?? []) for (const m of scriptText(e.script).matchAll(SET)) names.add(m[1]!);
  };
  visit(collection.event);
  const walk = (items: PostmanItem[]): void => {
    for (const item of items) {
      visit(item.event);
      if (item.item) walk(item.item);
    }
  };
  walk(collection.item);
  return names;
}

export interface UnknownVariables {
  item: PostmanItem;
  folders: string[];
  names: string[];
}

/** Requests that refer to variables no scope defines before the run starts. */
export function findUnknownVariables(collection: PostmanCollection, known: ReadonlySet<string>): UnknownVariables[] {
  const out: UnknownVariables[] = [];
  for (const { item, folders } of walkItems(collection.item)) {
    const names = referencedVariables(item.request).filter((n) => !known.has(n));
    if (names.length > 0) out.push({ item, folders, names });
  }
  return out;
}
