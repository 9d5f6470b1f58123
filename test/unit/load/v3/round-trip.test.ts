/**
 * Round trips are stable: v2.1 → v3 → v2.1 gives the same requests, scripts, auth,
 * variables and order (compared as the engine would see them), and v3 → v2.1 → v3 gives
 * back the same files. Over the project's collections and Jamf's official Classic
 * collection, read in place from ../shared/jamf (skipped with a message when absent).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCollections } from '../../../../src/load/collection.ts';
import type { PostmanAuth, PostmanCollection, PostmanEvent, PostmanItem, PostmanRequest, PostmanVariable } from '../../../../src/load/postman-types.ts';
import { scriptText } from '../../../../src/load/postman-types.ts';
import { collectionToV3 } from '../../../../src/load/v3/from-v2.ts';
import { writeV3Folder } from '../../../../src/load/v3/write.ts';
import { repoRoot } from '../../../helpers/cli.ts';
import { tempDir } from '../../../helpers/collections.ts';

const require = createRequire(import.meta.url);
const { Url } = require('postman-collection') as { Url: new (u: unknown) => { toString(): string } };

const official = join(repoRoot, '../shared/jamf/postman/classic-api-v10.35.postman_collection.json');
const present = existsSync(official);
if (!present) console.log('Skipping the official Classic round trip: ../shared/jamf/postman/classic-api-v10.35.postman_collection.json is absent.');

/** The collection as the engine sees it: what is sent, what runs, in which order. */
export function engineView(c: PostmanCollection): unknown {
  return {
    name: c.info.name,
    variables: vars(c.variable),
    auth: auth(c.auth),
    events: events(c.event),
    items: items(c.item),
  };
}

function items(list: PostmanItem[]): unknown[] {
  return list.map((i) =>
    Array.isArray(i.item)
      ? { folder: i.name, auth: auth(i.auth), events: events(i.event), variables: vars(i.variable), items: items(i.item) }
      : { request: i.name, ...request(i.request as PostmanRequest), events: events(i.event), profile: i.protocolProfileBehavior ?? {}, examples: ((i.response as Array<Record<string, unknown>>) ?? []).map((r) => [r.name, r.code, r.body]) },
  );
}

function request(r: PostmanRequest): Record<string, unknown> {
  const url = typeof r.url === 'string' ? r.url : r.url;
  const body = r.body?.mode === 'raw' ? { raw: r.body.raw ?? '', language: (r.body.options as { raw?: { language?: string } })?.raw?.language ?? 'text' } : r.body?.mode ? { [r.body.mode]: r.body[r.body.mode] } : undefined;
  return {
    method: (r.method ?? 'GET').toUpperCase(),
    url: typeof url === 'string' ? url : new Url(url).toString(),
    query: typeof url === 'object' ? vars(url.query) : [],
    pathVariables: typeof url === 'object' ? vars(url.variable) : [],
    headers: vars(Array.isArray(r.header) ? r.header : []),
    body,
    auth: auth(r.auth),
  };
}

function vars(list: PostmanVariable[] | undefined): unknown[] {
  return (list ?? []).map((v) => [v.key, v.value === undefined || v.value === null ? '' : v.value, Boolean(v.disabled)]);
}

function auth(a: PostmanAuth | null | undefined): unknown {
  if (!a) return 'inherit';
  const params = a[a.type];
  return { type: a.type, params: Array.isArray(params) ? params.map((p) => [p.key, String(p.value ?? '')]) : params ? Object.entries(params) : [] };
}

function events(list: PostmanEvent[] | undefined): unknown[] {
  return (list ?? []).map((e) => [e.listen, scriptText(e.script)]);
}

async function throughV3(c: PostmanCollection): Promise<{ back: PostmanCollection; warnings: string[]; files: Map<string, string> }> {
  const { files, warnings } = collectionToV3(c);
  const dir = join(tempDir('jc-rt-'), 'collection');
  await writeV3Folder(dir, files);
  const [loaded] = await loadCollections([dir]);
  return { back: loaded!.json, warnings, files };
}

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split(sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('round trips', () => {
  for (const name of ['jamf-pro-api', 'jamf-classic-api']) {
    it(`the project's ${name}: v3 → v2.1 → v3 gives back the same files; v2.1 → v3 → v2.1 the same collection`, async () => {
      const dir = join(repoRoot, 'collections', name);
      const [loaded] = await loadCollections([dir]);
      expect(loaded!.notices).toEqual([]);
      const { back, warnings, files } = await throughV3(loaded!.json);
      expect(warnings).toEqual([]);
      expect(files).toEqual(filesOf(dir));
      expect(engineView(back)).toEqual(engineView(loaded!.json));
    });
  }

  it.skipIf(!present)("Jamf's official Classic collection: v2.1 → v3 → v2.1 keeps every request, script, auth, variable and the order", async () => {
    const [loaded] = await loadCollections([official]);
    const { back, warnings } = await throughV3(loaded!.json);
    expect(warnings).toEqual([]);
    const before = engineView(loaded!.json) as { items: unknown[] };
    expect(JSON.stringify(before).length).toBeGreaterThan(100_000);
    expect(engineView(back)).toEqual(before);
  });
});
