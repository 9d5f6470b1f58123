/**
 * The script sandbox's worker reads its bundle itself and keeps V8's compiled form of it in
 * the cache folder (src/execute/sandbox-boot.ts): scripts run the same with a cache, without
 * one, with a damaged one (rewritten) and with a cache folder that cannot be written; the
 * bundle carries the engine's hot-path change.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SandboxPool, type RunHost } from '../../../src/execute/sandbox-host.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jc-sandbox-boot-'));
  dirs.push(dir);
  return dir;
}

/** Runs one script in a fresh pool (its own worker); the names and outcomes of its tests. */
async function runScript(cacheDir: string | false): Promise<string[]> {
  const pool = new SandboxPool({ cacheDir });
  try {
    const host = await new Promise<RunHost>((resolve, reject) => pool.host({ timeout: 10_000 }, (error, h) => (error || !h ? reject(error) : resolve(h))));
    const seen: string[] = [];
    const own: string[] = [];
    const id = `boot-${Math.random()}`;
    const names = (assertions: unknown): string[] => (assertions as Array<{ name: string; passed: boolean }>).map((a) => `${a.name}: ${a.passed ? 'passed' : 'failed'}`);
    // The run-wide event and the execution's own, each once per assertion (one message from the worker).
    host.on('execution.assertion', (_cursor: unknown, assertions: unknown) => seen.push(...names(assertions)));
    host.on(`execution.assertion.${id}`, (_cursor: unknown, assertions: unknown, ...rest: unknown[]) => {
      own.push(...names(assertions));
      if (rest.length > 0) own.push(`extra arguments: ${JSON.stringify(rest)}`);
    });
    const script = [
      "pm.test('lodash and chai', () => pm.expect(_.sum([1, 2])).to.eql(3));",
      "pm.test('fails', () => pm.expect(1).to.eql(2));",
      // The bundle's postman-collection carries the hot-path change, with meta keys read as before.
      "const sdk = require('postman-collection');",
      "pm.test('hot path', () => pm.expect(sdk.PropertyBase.toString()).to.include('charCodeAt(0) === 95'));",
      "pm.test('meta keys', () => pm.expect([new sdk.Item({ name: 'n', _postman_x: 1 })._, new sdk.Item({ name: 'n' })._]).to.eql([{ postman_x: 1 }, undefined]));",
    ].join('\n');
    await new Promise<void>((resolve, reject) =>
      host.execute(script, { id, timeout: 10_000, context: {} }, (error) => (error ? reject(error) : resolve())),
    );
    expect(own).toEqual(seen);
    return seen;
  } finally {
    await pool.close();
  }
}

const EXPECTED = ['lodash and chai: passed', 'fails: failed', 'hot path: passed', 'meta keys: passed'];
const cacheFile = (dir: string): string => join(dir, readdirSync(dir).find((f) => f.endsWith('.v8'))!);

describe('the sandbox worker boot', () => {
  it('writes the compiled bundle once, then boots from it', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    expect(await runScript(dir)).toEqual(EXPECTED);
    const file = cacheFile(dir);
    expect(statSync(file).size).toBeGreaterThan(100_000);
    const written = statSync(file).mtimeMs;
    expect(await runScript(dir)).toEqual(EXPECTED);
    // Accepted by V8, so not written again; no temporary file left.
    expect(statSync(file).mtimeMs).toBe(written);
    expect(readdirSync(dir)).toEqual([file.split('/').pop()]);
  });

  it('replaces a damaged cache file and runs the same', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    expect(await runScript(dir)).toEqual(EXPECTED);
    const file = cacheFile(dir);
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(await runScript(dir)).toEqual(EXPECTED);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('runs without a cache when the folder cannot be written, or none is wanted', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    expect(await runScript(join(notAFolder, 'cache'))).toEqual(EXPECTED);
    expect(await runScript(false)).toEqual(EXPECTED);
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
