/**
 * The compiled package (dist/, joined into dist/bundle/, built by `npm install` and `npm run
 * build`): the CLI starts from it, and plain Node imports the library by its name, types
 * included. The other tests run the sources; this one skips, saying why, when there is no
 * build or it is older than them.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.ts';
import { collection, request, tempDir, writeFile } from '../helpers/collections.ts';

const dist = join(repoRoot, 'dist');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = existsSync(join(dist, 'bundle/index.js')) && existsSync(join(dist, 'bundle/bin.js'));
// The compiler's build record, written by every build that changed anything (output files of unchanged sources keep their times).
const record = join(dist, '.tsbuildinfo');
const fresh = built && existsSync(record) && statSync(record).mtimeMs >= newest(join(repoRoot, 'src'));
const why = !built ? 'dist/ is absent: npm install (or npm run build) builds it' : 'dist/ is older than src/: run npm run build';
if (!fresh) console.warn(`skipping the compiled package tests: ${why}`);

describe.skipIf(!fresh)('the compiled package', () => {
  it('bin/jamf-contract.js runs the build', { timeout: 60_000 }, () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin/jamf-contract.js'), '--help'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Usage: jamf-contract/);
    expect(r.stdout).toMatch(/\brun\b.*\bsimulate\b/s);
  });

  it('plain Node imports the library by its name and runs a collection with it', { timeout: 120_000 }, () => {
    const file = writeFile(tempDir(), 'one.json', collection('One', [request('version', '{{baseUrl}}/v1/jamf-pro-version', { tests: ["pm.test('200', () => pm.response.to.have.status(200));"] })]));
    const script = `
      import { runCollections, startSimulator } from 'jamf-contract';
      const sim = await startSimulator({ quiet: true });
      try {
        const summary = await runCollections({ collections: [${JSON.stringify(file)}], serverUrl: sim.url, credentials: { clientId: 'demo-client', clientSecret: 'demo-secret' } });
        console.log(JSON.stringify(summary.counts));
      } finally {
        await sim.close();
      }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toMatchObject({ sent: 1, testsPassed: 1, testsFailed: 0 });
  });

  it('when the engine was loaded first, nothing of the collection is sent and the user token is still invalidated', { timeout: 120_000 }, () => {
    // The engine loads while the session opens (run.ts): its fault is raised once the session
    // is open, so the session is closed as on any other fault. Counted by the simulator.
    const file = writeFile(tempDir(), 'one.json', collection('One', [request('buildings', '{{baseUrl}}/v1/buildings')]));
    const script = `
      import { createRequire } from 'node:module';
      createRequire(${JSON.stringify(join(repoRoot, 'package.json'))})('postman-runtime/lib/requester/requester');
      const { runCollections, startSimulator } = await import('jamf-contract');
      const sim = await startSimulator({ quiet: true });
      try {
        const error = await runCollections({ collections: [${JSON.stringify(file)}], serverUrl: sim.url, credentials: { username: 'admin', password: 'admin' } }).then(() => undefined, (e) => e);
        const stats = await (await fetch(sim.url + '/__simulator/stats')).json();
        console.log(JSON.stringify({ code: error?.code, requests: stats.requests }));
      } finally {
        await sim.close();
      }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { code?: string; requests: Record<string, number> };
    expect(out.code).toBe('INTERNAL');
    expect(out.requests['GET /api/v1/buildings']).toBeUndefined();
    expect(out.requests['POST /api/v1/auth/token']).toBe(1);
    expect(out.requests['POST /api/v1/auth/invalidate-token']).toBe(1);
  });

  it('importing the library does not load what a run does not need; those functions load it when called', { timeout: 60_000 }, () => {
    // Every file the import loads, recorded by a loader hook in the same process; the compiled
    // modules each bundle file holds, as the build recorded them.
    const script = `
      import { register } from 'node:module';
      import { MessageChannel } from 'node:worker_threads';
      const { port1, port2 } = new MessageChannel();
      const loaded = [];
      port1.on('message', (url) => loaded.push(url));
      register('data:text/javascript,' + encodeURIComponent('let port; export function initialize(d) { port = d.port; } export async function load(url, context, next) { port.postMessage(url); return next(url, context); }'), { data: { port: port2 }, transferList: [port2] });
      const lib = await import('jamf-contract');
      const atImport = [...loaded];
      const merged = await lib.mergeReports([], {}).then(() => 'resolved', (e) => e.code ?? String(e));
      await new Promise((resolve) => setTimeout(resolve, 100));
      port1.close();
      console.log(JSON.stringify({ atImport, after: loaded, merged }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { atImport: string[]; after: string[]; merged: string };
    const held = JSON.parse(readFileSync(join(dist, 'bundle/modules.json'), 'utf8')) as Record<string, string[]>;
    /** The compiled modules that the loaded files hold: bundle files by what they hold, other files of dist/ as themselves. */
    const modules = (urls: string[]): string[] =>
      urls.flatMap((url) => {
        const m = /\/dist\/(.+)$/.exec(url);
        if (!m) return [];
        return m[1]!.startsWith('bundle/') ? (held[m[1]!.slice('bundle/'.length)] ?? [`unlisted ${m[1]}`]) : [m[1]!];
      });
    const deferred = ['fleet/run.js', 'doctor/index.js', 'report/merge/index.js', 'load/convert.js', 'generate/sources.js', 'simulator/index.js'];
    // The library comes from the bundle: a few files, each holding several compiled modules, the run's among them.
    expect(out.atImport.some((url) => url.endsWith('/dist/bundle/index.js'))).toBe(true);
    expect(out.atImport.filter((url) => url.includes('/dist/')).length * 3).toBeLessThan(modules(out.atImport).length);
    expect(modules(out.atImport)).toContain('execute/run.js');
    expect(modules(out.atImport).filter((file) => deferred.includes(file))).toEqual([]);
    // Called: its module loads and answers as it would have (no files to merge is a usage error).
    expect(modules(out.after)).toContain('report/merge/index.js');
    expect(out.merged).toBe('USAGE');
  });

  it('ships type declarations for what it exports', () => {
    expect(existsSync(join(dist, 'index.d.ts'))).toBe(true);
    expect(existsSync(join(dist, 'execute/run.d.ts'))).toBe(true);
  });

  it('npm pack ships it: the bundle, the compiled files and their declarations', { timeout: 60_000 }, () => {
    // dist/ is not in git; without .npmignore npm would read .gitignore and leave it out.
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['dist/bundle/index.js', 'dist/bundle/bin.js', 'dist/index.d.ts', 'dist/cli/bin.js', 'bin/jamf-contract.js']));
    expect(files.filter((f) => f.startsWith('node_modules/') || f.startsWith('reports/'))).toEqual([]);
  });
});

describe('bin/jamf-contract.js in a checkout', () => {
  /** A copy of the launcher beside a stand-in build and stand-in sources that say which ran. */
  function tree(): { dir: string; run(): string } {
    const dir = tempDir();
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(repoRoot, 'bin/jamf-contract.js'), join(dir, 'bin/jamf-contract.js'));
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    mkdirSync(join(dir, 'dist/bundle'), { recursive: true });
    writeFileSync(join(dir, 'dist/bundle/bin.js'), "console.log('dist');\n");
    mkdirSync(join(dir, 'src/cli'), { recursive: true });
    writeFileSync(join(dir, 'src/cli/bin.ts'), "const which: string = 'src';\nconsole.log(which);\n");
    return {
      dir,
      run: () => {
        const r = spawnSync(process.execPath, [join(dir, 'bin/jamf-contract.js')], { encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        return r.stdout.trim();
      },
    };
  }
  const age = (path: string, seconds: number): void => {
    const when = new Date(Date.now() - seconds * 1000);
    utimesSync(path, when, when);
  };

  it('runs the build when it is newer than every source, the sources when one changed since, or when there is no build record', { timeout: 60_000 }, () => {
    const t = tree();
    expect(t.run()).toBe('src');
    writeFileSync(join(t.dir, 'dist/.tsbuildinfo'), '{}');
    age(join(t.dir, 'src/cli/bin.ts'), 60);
    expect(t.run()).toBe('dist');
    writeFileSync(join(t.dir, 'src/cli/bin.ts'), "console.log('src');\n");
    age(join(t.dir, 'dist/.tsbuildinfo'), 30);
    expect(t.run()).toBe('src');
  });
});
