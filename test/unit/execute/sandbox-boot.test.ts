/**
 * The script sandbox's worker reads its bundle itself and keeps the code as it runs it and
 * V8's compiled form of it in the cache folder (src/execute/sandbox-boot.ts): scripts run the
 * same with a cache, without one, with damaged files (rewritten) and with a cache folder that
 * cannot be written; the bundle carries the engine's hot-path change; the kept code is ASCII
 * and means what the bundle means.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parse, type Token } from 'acorn';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxRequireBase } from '../../../src/execute/sandbox-bridge.ts';
import { bootCode } from '../../../src/execute/sandbox-boot.ts';
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
      "pm.test('hot path', () => pm.expect(sdk.PropertyBase.toString()).to.include('meta[key.slice(i)] = src[key]'));",
      "pm.test('meta keys', () => pm.expect([new sdk.Item({ name: 'n', _postman_x: 1 })._, new sdk.Item({ name: 'n' })._]).to.eql([{ postman_x: 1 }, undefined]));",
      // The sandbox's lodash (3.x) and its Latin-1 letters: non-ASCII characters in the bundle's string and regular-expression literals.
      "pm.test('non-ASCII literals', () => pm.expect([_.deburr('Crème brûlée à Łódź'), _.words('ÀbcDéf ghî')]).to.eql(['Creme brulee a Łodź', ['Àbc', 'Déf', 'ghî']]));",
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

const EXPECTED = ['lodash and chai: passed', 'fails: failed', 'hot path: passed', 'meta keys: passed', 'non-ASCII literals: passed'];
const cacheFile = (dir: string): string => join(dir, readdirSync(dir).find((f) => f.endsWith('.v8'))!);
const codeFile = (dir: string): string => join(dir, readdirSync(dir).find((f) => f.endsWith('.js'))!);

describe('the sandbox worker boot', () => {
  it('writes the code and its compiled form once, then boots from them', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    expect(await runScript(dir)).toEqual(EXPECTED);
    const file = cacheFile(dir);
    const code = codeFile(dir);
    expect(statSync(file).size).toBeGreaterThan(100_000);
    const written = [statSync(file).mtimeMs, statSync(code).mtimeMs];
    expect(await runScript(dir)).toEqual(EXPECTED);
    // Used as they are, so not written again; no temporary file left.
    expect([statSync(file).mtimeMs, statSync(code).mtimeMs]).toEqual(written);
    expect(readdirSync(dir).sort()).toEqual([code, file].map((f) => f.split('/').pop()).sort());
    // The code is ASCII, and its last line is its length.
    const text = readFileSync(code, 'latin1');
    expect([...text].every((c) => c.charCodeAt(0) < 128)).toBe(true);
    expect(text.slice(text.lastIndexOf('\n//') + 3)).toBe(String(text.lastIndexOf('\n//')));
  });

  it('does not use kept code that was cut short or that does not compile, and keeps it again', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    expect(await runScript(dir)).toEqual(EXPECTED);
    const code = codeFile(dir);
    const whole = readFileSync(code, 'latin1');
    // Empty (it would compile, and run nothing), then cut mid-way.
    for (const cut of ['', whole.slice(0, 100_000)]) {
      writeFileSync(code, cut, 'latin1');
      expect(await runScript(dir)).toEqual(EXPECTED);
      expect(readFileSync(code, 'latin1')).toBe(whole);
    }
    // A file whose last line still matches its length, but that is not the code.
    const broken = `${'}'.repeat(50)}`;
    writeFileSync(code, `${broken}\n//${broken.length}`, 'latin1');
    expect(await runScript(dir)).toEqual(EXPECTED);
    expect(readFileSync(code, 'latin1')).toBe(whole);
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

  it('a process with the CLI\'s V8 flags and one without keep a compiled form each, not rewriting one another\'s', { timeout: 90_000 }, () => {
    const dir = tempDir();
    const src = join(import.meta.dirname, '../../../src');
    const script = join(dir, 'boot.mts');
    writeFileSync(script, [
      `import { SandboxPool } from ${JSON.stringify(join(src, 'execute/sandbox-host.ts'))};`,
      `import { tuneV8ForLongRuns } from ${JSON.stringify(join(src, 'cli/tune-v8.ts'))};`,
      "if (process.argv[2] === 'cli') tuneV8ForLongRuns();",
      `const pool = new SandboxPool({ cacheDir: ${JSON.stringify(join(dir, 'cache'))} });`,
      'const host = await new Promise((resolve, reject) => pool.host({}, (error, h) => (error ? reject(error) : resolve(h))));',
      "await new Promise((resolve, reject) => host.execute('pm.test(\"x\", () => {});', { id: 'x', context: {} }, (error) => (error ? reject(error) : resolve(undefined))));",
      'await pool.close();',
    ].join('\n'));
    const boot = (as: string): void => {
      const r = spawnSync(process.execPath, [join(import.meta.dirname, '../../../bin/run-ts.js'), script, as], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    };
    const compiled = (): Map<string, number> => new Map(readdirSync(join(dir, 'cache')).filter((f) => f.endsWith('.v8')).map((f) => [f, statSync(join(dir, 'cache', f)).mtimeMs]));
    boot('cli');
    const first = compiled();
    expect(first.size).toBe(1);
    boot('library');
    boot('cli');
    const after = compiled();
    expect(after.size).toBe(2);
    // The CLI's file was accepted by V8 on its second boot, so not written again.
    const [name, written] = [...first][0]!;
    expect(after.get(name)).toBe(written);
  });
});

describe('the kept code means what the bundle means', () => {
  it('every non-ASCII character of the installed bundle is inside a string or regular-expression literal, where an escape stands for it', () => {
    const text = readFileSync(join(dirname(sandboxRequireBase()), '.cache', 'bootcode.js'), 'utf8');
    const code = JSON.parse(text.slice(text.indexOf('c(null,"') + 7, text.lastIndexOf('")') + 1)) as string;
    const spans: Array<[number, number, string]> = [];
    parse(code, {
      ecmaVersion: 'latest',
      allowReturnOutsideFunction: true,
      onToken: (t: Token) => spans.push([t.start, t.end, t.type.label]),
      onComment: (_block: boolean, _text: string, start: number, end: number) => spans.push([start, end, 'comment']),
    } as Parameters<typeof parse>[1] & { onComment: (...args: unknown[]) => void });
    spans.sort((a, b) => a[0] - b[0]);
    const where = new Map<string, number>();
    let at = 0;
    for (let i = 0; i < code.length; i++) {
      if (code.charCodeAt(i) < 128) continue;
      while (at < spans.length && spans[at]![1] <= i) at++;
      const kind = at < spans.length && spans[at]![0] <= i ? spans[at]![2] : 'outside any token';
      where.set(kind, (where.get(kind) ?? 0) + 1);
      // An escape after a backslash would not stand for the character (the boot code then keeps the text as it is).
      expect(code[i - 1]).not.toBe('\\');
    }
    expect([...where.keys()].sort()).toEqual(['regexp', 'string']);
    expect(where.get('string')).toBeGreaterThan(1000);
  });

  /** Runs the boot code in a worker with a stand-in bundle of `source`; what the bundle reported. */
  function boot(dir: string, source: string): Promise<unknown> {
    const bundle = join(dir, 'bootcode.js');
    writeFileSync(bundle, `module.exports=c=>c(null,${JSON.stringify(source)});`);
    const code = `globalThis.report = (value) => require('worker_threads').parentPort.postMessage(value);\n${bootCode(bundle, join(dir, 'cache', 'sandbox'))}`;
    return new Promise((resolve, reject) => {
      // The worker ends by itself once the boot code is done (its files written).
      const worker = new Worker(code, { eval: true });
      let reported: unknown;
      worker.on('message', (value) => (reported = value));
      worker.once('error', reject);
      worker.once('exit', () => resolve(reported));
    });
  }
  const SOURCE = "report([ 'déjà vu 😀', /^[à-ÿ]+$/.test('éè'), /😀/u.test('a😀'), /^.$/u.test('😀'), 'ß'.length ]);";

  it('a stand-in bundle runs the same from its kept ASCII code, astral characters and `u` expressions included', async () => {
    const dir = tempDir();
    const expected = [['déjà vu 😀', true, true, true, 1]];
    expect([await boot(dir, SOURCE)]).toEqual(expected);
    const kept = readFileSync(join(dir, 'cache', 'sandbox.js'), 'latin1');
    expect(kept).toContain('d\\u00e9j\\u00e0 vu \\ud83d\\ude00');
    expect([await boot(dir, SOURCE)]).toEqual(expected);
    expect(readdirSync(join(dir, 'cache')).sort()).toEqual(['sandbox.js', 'sandbox.v8']);
  });

  it('a file that cannot be put in place leaves no temporary file behind, and the bundle runs', async () => {
    const dir = tempDir();
    // A folder where the kept code would go: written beside it, then the rename fails.
    mkdirSync(join(dir, 'cache', 'sandbox.js', 'taken'), { recursive: true });
    expect([await boot(dir, SOURCE)]).toEqual([['déjà vu 😀', true, true, true, 1]]);
    expect(readdirSync(join(dir, 'cache')).sort()).toEqual(['sandbox.js', 'sandbox.v8']);
  });

  it('writing its own files removes other workers\' files not written for 30 days, and nothing else', async () => {
    const dir = tempDir();
    const cache = join(dir, 'cache');
    mkdirSync(cache);
    // Old: two of an older engine, one left half-written by a killed process, two of other kinds.
    const files = ['sandbox-6.7.3-aaa-node20.1.0-x64.v8', 'sandbox-6.7.3-aaa-node20.1.0-x64.js', 'sandbox-6.7.3-aaa-node20.1.0-x64.js.123.1.tmp', 'notes.txt', 'api-schema-11.30.json', 'sandbox-6.7.4-bbb-node20.20.2-x64.v8'];
    for (const f of files) writeFileSync(join(cache, f), 'x');
    const old = new Date(Date.now() - 40 * 86_400_000);
    for (const f of files.slice(0, 5)) utimesSync(join(cache, f), old, old);
    await boot(dir, SOURCE);
    // Old sandbox files gone; the recent one, other kinds of files and its own kept.
    expect(readdirSync(cache).sort()).toEqual(['api-schema-11.30.json', 'notes.txt', 'sandbox-6.7.4-bbb-node20.20.2-x64.v8', 'sandbox.js', 'sandbox.v8']);
  });

  it('a bundle with a non-ASCII character after a backslash runs as unpacked, and its code is not kept', async () => {
    const dir = tempDir();
    // "\é" is "é"; an escape written after the backslash would be a backslash and "u00e9".
    expect(await boot(dir, "report('\\é');")).toBe('é');
    expect(readdirSync(join(dir, 'cache'))).toEqual(['sandbox.v8']);
  });
});
