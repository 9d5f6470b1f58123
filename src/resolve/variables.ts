/**
 * Unresolved `{{variables}}`. Jamf's collection is full of `{{id}}`, `{{name}}`,
 * `{{subset}}` that nobody set: such a request must not go out with the placeholder in it.
 * Statically we find the names no scope defines; scripts may still set them during the
 * run (chained look-ups), so the final check happens in the sandbox right before sending.
 */
import type { PostmanCollection, PostmanItem, PostmanRequest } from '../load/postman-types.ts';
import { scriptText, walkItems } from '../load/postman-types.ts';

const REF = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** Names of every `{{variable}}` a request refers to (URL, path variables, headers, body). */
export function referencedVariables(request: PostmanRequest | string | undefined): string[] {
  if (!request) return [];
  const text = typeof request === 'string' ? request : JSON.stringify([request.url, request.header, request.body]);
  const names = new Set<string>();
  for (const m of text.matchAll(REF)) {
    const name = m[1]!;
    // `{{$guid}}`, `{{$timestamp}}`…: Postman's dynamic variables always resolve.
    if (!name.startsWith('$')) names.add(name);
  }
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

/** Marker of the console line the guard script prints; intercepted, never shown. */
export const UNRESOLVED_MARKER = '\u0000jamf-contract:unresolved';

/**
 * The pre-request script added (last) to an item whose variables may be missing: it skips
 * the request through Postman's own `pm.execution.skipRequest()` and tells the runner which
 * names were missing. Only such items carry it, so other requests pay no sandbox time.
 */
export function unresolvedGuardScript(names: string[]): string {
  return [
    '(function () {',
    `  var missing = ${JSON.stringify(names)}.filter(function (n) { return !pm.variables.has(n); });`,
    '  if (missing.length) {',
    `    console.info(${JSON.stringify(UNRESOLVED_MARKER)}, missing.join(","));`,
    '    pm.execution.skipRequest();',
    '  }',
    '})();',
  ].join('\n');
}
