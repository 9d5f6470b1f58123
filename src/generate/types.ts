/** What `generate` takes and gives: a plan per GET operation, the collection, and a summary of what it left open. */

/** A `{{variable}}` a request needs that nothing in the collection sets, and why. */
export interface NeedsValue {
  variable: string;
  why: string;
}

/** What the credentials may read: every privilege, or a set (from the roles of a client or the token). */
export interface Grants {
  /** Whose privileges: `API client "qa-client"`, `the token's roles`. */
  label: string;
  privileges: Set<string> | 'all';
}

export type DeprecatedMode = 'folder' | 'in-place' | 'exclude';

export interface GenerateInput {
  /** A Jamf Pro API document (`/api/schema`). */
  document: Record<string, unknown>;
  /** Jamf's Classic API swagger: Classic list + detail requests for every resource it lists. */
  classic?: Record<string, unknown>;
  /** Collection name (default "Jamf Pro API (generated)"). */
  name?: string;
  /** Deprecated operations: in a "Deprecated" folder (default), in their tag's folder, or left out. */
  deprecated?: DeprecatedMode;
  /** Values for parameters no list enumerates: full variable names (`v1.dock-items.id`) or bare parameter names (`clientManagementId`). */
  vars?: Record<string, string>;
  /** Leave out what these grants cannot read. */
  grants?: Grants;
  /** Also read local admin passwords (viewing one starts Jamf's rotation of it). */
  includeSecrets?: boolean;
}

export type LeftOutReason = 'privileges' | 'deprecated' | 'secret';

export interface GenerateSummary {
  /** GET operations in the document (Pro API), plus the Classic operations considered. */
  operations: number;
  /** Requests in the collection. */
  requests: number;
  /** Requests whose ids come from a list earlier in the run. */
  chained: number;
  /** Deprecated operations in the collection. */
  deprecated: number;
  /** Requests in the collection that a run skips until their variables are given (`--var`). */
  needsValue: Array<{ operation: string; needs: NeedsValue[] }>;
  /** Operations not in the collection. */
  leftOut: Array<{ operation: string; reason: LeftOutReason; detail: string }>;
  /** `--var` names that matched no parameter. */
  unusedVars: string[];
  classic?: { operations: number; requests: number };
  /** Whose privileges decided what was left out. */
  privilegesOf?: string;
}

export interface GenerateResult {
  collection: import('../load/postman-types.ts').PostmanCollection;
  summary: GenerateSummary;
}

/** One request to write, whichever API it belongs to. */
export interface PlannedRequest {
  api: 'pro' | 'classic';
  /** `GET /v1/buildings/{id}` or `GET /JSSResource/buildings/id/{id}`: the request's name. */
  operation: string;
  /** Folder names from the collection root. */
  folders: string[];
  /** The collection variable the URL starts with: `baseUrl` (server + /api) or `url` (server). */
  base: 'baseUrl' | 'url';
  /** Path segments below the base, literal or `{{variable}}`. */
  segments: string[];
  query: Array<{ key: string; value: string }>;
  accept?: string;
  /** Documented 2xx statuses. */
  statuses: number[];
  /** Expected content type (`application/json`, `image/*`, `xml`); none for empty answers. */
  media?: string;
  /** Chain variables the test script sets from the answer, with the property they come from. */
  sets: Array<{ variable: string; property: string; from: 'paged' | 'array' | 'xml' }>;
  /** Operations (lists) whose scripts set variables this request uses. */
  dependsOn: string[];
  needs: NeedsValue[];
  /** Variables given with `--var`: name → value. */
  given: Record<string, string>;
  description: string[];
  deprecated: boolean;
}
