/**
 * The engine's changes (src/engine-patches/): every one finds its code in the installed
 * engine; the seldom-used libraries are not loaded by loading the engine, and each works
 * when used; the hot-path change keeps postman-collection's meta keys as before (checked in
 * a fresh process, whose module cache is its own), and the request command's item is resolved
 * as before from the item itself.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLE_HOT_PATH, DEFERRED, DEFERRED_VISUALIZER, HOT_PATH, ITEM_REQUEST_COPY, resolvePatched, START_UP } from '../../../src/engine-patches/index.ts';

const require = createRequire(import.meta.url);
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));

describe('changes to the engine', () => {
  it('every change finds its code in the installed engine (an upgrade that moved it fails here)', () => {
    for (const patch of [...Object.values(DEFERRED).flat(2), ...Object.values(HOT_PATH).flat(2), ...Object.values(START_UP).flat(2), DEFERRED_VISUALIZER, ...ITEM_REQUEST_COPY]) {
      const file = resolvePatched(patch);
      expect(file, patch.file).toBeDefined();
      expect(readFileSync(file!, 'utf8'), patch.file).toContain(patch.from);
    }
    // The sandbox's bundle holds it once, as a JSON string inside a module.
    const bundle = JSON.parse(/c\(null,("[\s\S]*")\)/.exec(readFileSync(require.resolve('postman-sandbox/.cache/bootcode.js'), 'utf8'))![1]!) as string;
    for (const change of BUNDLE_HOT_PATH) expect(bundle.split(change.from).length, change.from).toBe(2);
  });

  it('loads none of them with the engine, and each works when used', { timeout: 60_000 }, () => {
    const out = execFileSync(process.execPath, [RUN_TS, CHILD], { encoding: 'utf8', timeout: 50_000 });
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      applied: number;
      before: Record<string, boolean>;
      after: Record<string, boolean>;
      dynamic: string[];
      jwt?: string;
      asap?: string;
      version: { text?: string; major?: number; prerelease?: unknown };
      meta: Record<string, unknown>;
      pslDiffers: string[];
      suffixDiffers: string[];
      suffixPatched: boolean;
      lodashScoped: { differs: string[]; own: boolean; lodashUnchanged: boolean; chains: string };
      uuids: { format: boolean; distinct: number; buffer: number[]; patched: boolean };
      itemContext: { patched: boolean; items: number; differs: string[]; sameObject: number; collections: number };
      form: string;
    };
    expect(r.applied).toBe(Object.values(DEFERRED).flat().length + Object.values(HOT_PATH).flat().length + Object.values(START_UP).flat().length);
    // psl with its start-up change answers every domain as psl as shipped does.
    expect(r.pslDiffers).toEqual([]);
    // The cookie jar's public-suffix answers, remembered, are tough-cookie's own (thrown errors too).
    expect(r.suffixDiffers).toEqual([]);
    expect(r.suffixPatched).toBe(true);
    // postman-collection's own has/get answer as lodash's on every input tried; lodash itself untouched.
    expect(r.lodashScoped).toEqual({ differs: [], own: true, lodashUnchanged: true, chains: '{"a":1}' });
    // Version 4 UUIDs, all different, from Node's randomUUID; uuid's own way when given a buffer (version 4, variant 10).
    expect(r.uuids).toEqual({ format: true, distinct: 200, buffer: [4, 2], patched: true });
    // The request command's item resolved from the item itself equals the one resolved from a
    // copy (every item of three or four collections, awkward ones included), never the collection's own.
    expect(r.itemContext).toMatchObject({ patched: true, differs: [], sameObject: 0 });
    expect(r.itemContext.items).toBeGreaterThan(r.itemContext.collections === 4 ? 600 : 40);
    expect(r.before).toEqual({ faker: false, semver: false, jose: false, nodeForge: false, httpSignature: false, socksProxyAgent: false, streamLength: false, qs: false, sandboxBundle: false });
    // qs's own encoding (arrays indexed, spaces and ampersands escaped), loaded when first used.
    expect(r.form).toBe('a%5B0%5D=1&a%5B1%5D=2&b%20c=d%26e');
    const [city, email, phone, first, words] = r.dynamic;
    for (const value of r.dynamic) expect(value).not.toMatch(/\{\{|^$/);
    expect(email).toMatch(/^\S+@\S+\.\S+$/);
    expect(phone).toMatch(/\d{3}/);
    expect(city!.length + first!.length).toBeGreaterThan(2);
    expect(words!.split(' ').length).toBeGreaterThan(1);
    expect(r.jwt).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(r.asap).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    // As the unpatched engine gives it (prerelease parts joined).
    expect(r.version).toEqual({ text: '2.3.4-beta.1', major: 2, prerelease: 'beta,1' });
    expect(r.after).toMatchObject({ faker: true, semver: true, jose: true, nodeForge: true, qs: true });
    expect(r.meta).toEqual({ collection: { postman_id: 'c-1', exporter_id: '7' }, item: { postman_isSubFolder: true }, request: null });
  });
});
