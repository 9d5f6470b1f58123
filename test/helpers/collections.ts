/** Small Postman collections built in code for tests, and temp files to hold them. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostmanAuth, PostmanCollection, PostmanItem } from '../../src/load/postman-types.ts';

export const SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
export const SCHEMA_V20 = 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json';

export interface RequestSpec {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  auth?: PostmanAuth | null;
  /** Lines of the test script. */
  tests?: string[];
  /** Lines of the pre-request script. */
  prerequest?: string[];
}

export function request(name: string, url: string, spec: RequestSpec = {}): PostmanItem {
  const event = [
    ...(spec.prerequest ? [{ listen: 'prerequest', script: { type: 'text/javascript', exec: spec.prerequest } }] : []),
    ...(spec.tests ? [{ listen: 'test', script: { type: 'text/javascript', exec: spec.tests } }] : []),
  ];
  return {
    name,
    ...(event.length ? { event } : {}),
    request: {
      method: spec.method ?? 'GET',
      url,
      header: Object.entries(spec.headers ?? {}).map(([key, value]) => ({ key, value })),
      ...(spec.body !== undefined ? { body: { mode: 'raw', raw: spec.body } } : {}),
      ...(spec.auth !== undefined ? { auth: spec.auth } : {}),
    },
  };
}

export function folder(name: string, item: PostmanItem[], extra: Partial<PostmanItem> = {}): PostmanItem {
  return { name, item, ...extra };
}

export function collection(name: string, item: PostmanItem[], extra: Partial<PostmanCollection> = {}): PostmanCollection {
  return { info: { name, schema: SCHEMA_V21, _postman_id: `test-${name.replace(/\W+/g, '-')}` }, item, ...extra };
}

/** A status test, as a Jamf QA engineer would write it. */
export function expectStatus(code: number): string[] {
  return [`pm.test("status is ${code}", function () { pm.response.to.have.status(${code}); });`];
}

export function tempDir(prefix = 'jc-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes JSON (or raw text) to `dir/name` and returns the path. */
export function writeFile(dir: string, name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}
