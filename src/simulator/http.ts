/**
 * The types shared by every part of the simulator: one request and one response shape,
 * so the Pro API, the Classic API and fault injection can be written as plain functions.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface SimRequest {
  method: string;
  /** Path as sent, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

/** Jamf UI privilege names, e.g. "Read Computers". */
export type Privilege = string;

export type AuthResult =
  | { ok: true; privileges: ReadonlySet<Privilege>; subject: string }
  | { ok: false; response: SimResponse };

export interface ClassicDeps {
  /** Checks Bearer (client-credentials or user token) or Basic (when the version allows) for the Classic API; on failure `response` is Jamf's plain 401. */
  authenticate(req: SimRequest): AuthResult;
  /** Shared objects that both APIs see (buildings, departments, categories, sites…), in Pro API JSON shape. */
  store: SimStore;
  version: string;
}

export interface SimStore {
  list(kind: string): Array<Record<string, unknown>>;
  get(kind: string, id: string): Record<string, unknown> | undefined;
  /** Assigns a new string id. */
  create(kind: string, fields: Record<string, unknown>): Record<string, unknown>;
  update(kind: string, id: string, fields: Record<string, unknown>): Record<string, unknown> | undefined;
  remove(kind: string, id: string): boolean;
}
