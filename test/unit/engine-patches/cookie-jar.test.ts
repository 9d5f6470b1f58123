/**
 * The cookie jar that holds no cookie answers without looking (engine-patches/hot-path.ts):
 * in a fresh process, the engine's jar and tough-cookie's file as shipped give the same
 * answers — cookies, strings, errors, double callbacks on bad arguments — to 80 questions each
 * (URLs of every shape, every option), of jars empty, filled and emptied again.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./cookie-jar-child.ts', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));

interface Compared { asked: number; differs: string[]; answered: string[] }

describe("the engine's cookie jar", () => {
  it('answers as tough-cookie does, empty, filled and emptied, and skips the lookup only when empty', { timeout: 60_000 }, () => {
    const out = execFileSync(process.execPath, [RUN_TS, CHILD], { encoding: 'utf8', timeout: 50_000 });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { applied: number; empty: Compared; filled: Compared; emptied: Compared; readsEmpty: number; readsFilled: number };
    expect(r.applied).toBeGreaterThan(0);
    for (const jar of [r.empty, r.filled, r.emptied]) {
      expect(jar.differs).toEqual([]);
      expect(jar.asked).toBe(160);
    }
    // The questions reach cookies, host-only and domain cookies, same-site levels and errors.
    expect(r.filled.answered).toEqual(expect.arrayContaining(['host=127', 'wide=1', 'APBALANCEID=aws.node1; wide=1; strict=1', '(none)']));
    expect(r.filled.answered.some((a) => a.startsWith('error Invalid sameSiteContext'))).toBe(true);
    expect(r.empty.answered).toContain('(none)');
    // The change is in force: an empty jar never reads the URL; a jar with a cookie does.
    expect(r.readsEmpty).toBe(0);
    expect(r.readsFilled).toBeGreaterThan(0);
  });
});
