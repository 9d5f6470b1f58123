/**
 * The engine's seldom-used libraries are loaded when first used (src/defer-libraries.ts):
 * every deferral applies to the installed engine, none of those libraries is loaded by
 * loading the engine, and each works when used (checked in a fresh process, whose module
 * cache is its own).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFERRED, DEFERRED_VISUALIZER } from '../../../src/defer-libraries.ts';

const require = createRequire(import.meta.url);
const CHILD = fileURLToPath(new URL('./fixtures/deferred-child.ts', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));

describe('deferred engine libraries', () => {
  it('every change finds its code in the installed engine (an upgrade that moved it fails here)', () => {
    for (const patch of [...Object.values(DEFERRED).flat(2), DEFERRED_VISUALIZER]) {
      expect(readFileSync(require.resolve(patch.file), 'utf8'), patch.file).toContain(patch.from);
    }
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
    };
    expect(r.applied).toBe(Object.values(DEFERRED).flat().length);
    expect(r.before).toEqual({ faker: false, jose: false, nodeForge: false, httpSignature: false, socksProxyAgent: false, streamLength: false, sandboxBundle: false });
    const [city, email, phone, first, words] = r.dynamic;
    for (const value of r.dynamic) expect(value).not.toMatch(/\{\{|^$/);
    expect(email).toMatch(/^\S+@\S+\.\S+$/);
    expect(phone).toMatch(/\d{3}/);
    expect(city!.length + first!.length).toBeGreaterThan(2);
    expect(words!.split(' ').length).toBeGreaterThan(1);
    expect(r.jwt).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(r.asap).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(r.after).toMatchObject({ faker: true, jose: true, nodeForge: true });
  });
});
