/** The parts of the Postman collection v2.x format this project reads or rewrites. */
import type { Notice } from '../result.ts';

/** A collection as loaded: whatever its format, the same in-memory v2.1 JSON. */
export interface LoadedCollection {
  /** Absolute path of the file (or, for v3, the collection's root folder) it came from. */
  file: string;
  name: string;
  /** The format it was read from; `json` is v2.1 whatever it was. */
  schemaVersion: '1.0.0' | '2.0.0' | '2.1.0' | '3.0.0';
  json: PostmanCollection;
  /** What loading left out or changed (v3 constructs the engine cannot run, duplicates). */
  notices?: Notice[];
}

export interface PostmanVariable {
  key: string;
  value?: unknown;
  type?: string;
  disabled?: boolean;
  enabled?: boolean;
  description?: unknown;
  [k: string]: unknown;
}

/** v2.1 keeps auth parameters as a list; v2.0 as an object. */
export type PostmanAuthParams = PostmanVariable[] | Record<string, unknown>;

export interface PostmanAuth {
  type: string;
  [type: string]: PostmanAuthParams | string | undefined;
}

export interface PostmanScript {
  id?: string;
  type?: string;
  exec?: string[] | string;
}

export interface PostmanEvent {
  listen: 'prerequest' | 'test' | string;
  script?: PostmanScript;
  disabled?: boolean;
}

export interface PostmanUrlObject {
  raw?: string;
  protocol?: string;
  host?: string[] | string;
  path?: string[] | string;
  query?: PostmanVariable[];
  variable?: PostmanVariable[];
}

export interface PostmanRequest {
  description?: unknown;
  method?: string;
  url?: string | PostmanUrlObject;
  header?: PostmanVariable[] | string;
  body?: { mode?: string; raw?: string; urlencoded?: PostmanVariable[]; formdata?: PostmanVariable[]; [k: string]: unknown };
  auth?: PostmanAuth | null;
}

export interface PostmanItem {
  id?: string;
  name?: string;
  item?: PostmanItem[];
  request?: PostmanRequest | string;
  event?: PostmanEvent[];
  auth?: PostmanAuth | null;
  variable?: PostmanVariable[];
  [k: string]: unknown;
}

export interface PostmanCollection {
  info: { name?: string; schema?: string; _postman_id?: string; [k: string]: unknown };
  item: PostmanItem[];
  event?: PostmanEvent[];
  auth?: PostmanAuth | null;
  variable?: PostmanVariable[];
  [k: string]: unknown;
}

export function scriptText(script: PostmanScript | undefined): string {
  if (!script?.exec) return '';
  return Array.isArray(script.exec) ? script.exec.join('\n') : script.exec;
}

/** Walks request items depth-first, giving each its folder path. */
export function* walkItems(items: PostmanItem[], folders: string[] = []): Generator<{ item: PostmanItem; folders: string[] }> {
  for (const item of items) {
    if (Array.isArray(item.item)) yield* walkItems(item.item, [...folders, item.name ?? '']);
    else if (item.request) yield { item, folders };
  }
}
