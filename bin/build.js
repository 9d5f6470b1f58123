#!/usr/bin/env node
// `npm run build`: the TypeScript compiler writes dist/ (JavaScript and type declarations,
// tsconfig.build.json); this copies what it does not compile, the HTML report's page assets;
// then esbuild joins the compiled files into dist/bundle/, the package's entries.
//
// Why a bundle: loading ~140 ES modules one by one (resolving, reading, linking each) took
// 0.13–0.2 s of every start; the same code in a few dozen files loads in about half. The
// library's entry and the CLI's are bundled together, so the code they share is one module
// (one host budget, one sandbox pool, one cookie jar), and what loads when first used (fleet,
// doctor, the simulator…) stays in chunks of its own, loaded when first used. Dependencies
// stay in node_modules (the engine's scoped changes find its files there). esbuild because it
// is installed already (tsx runs on it), splits ES modules, and takes ~0.1 s.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const tsc = require.resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const dir of ['report/html']) {
  mkdirSync(join(dist, dir), { recursive: true });
  for (const file of readdirSync(join(root, 'src', dir))) {
    if (!file.endsWith('.ts')) copyFileSync(join(root, 'src', dir, file), join(dist, dir, file));
  }
}

/**
 * A compiled file's `import.meta.url` means that file (its assets, what it requires, the
 * files it imports by path): in the bundle it still does, as the URL of the file in dist/
 * that it came from, found from the bundle's own place (dist/bundle/, one level down).
 */
const placeOfOrigin = {
  name: 'place-of-origin',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      if (!args.path.startsWith(dist + sep) || !code.includes('import.meta.url')) return undefined;
      const origin = relative(dist, args.path).split(sep).join('/');
      return { contents: code.replaceAll('import.meta.url', `new URL(${JSON.stringify(origin)}, new URL('../', import.meta.url)).href`), loader: 'js' };
    });
  },
};

const bundle = join(dist, 'bundle');
rmSync(bundle, { recursive: true, force: true });
const built = await require('esbuild').build({
  // The library, the CLI, and the CLI's V8 tuning (the benchmark tunes its runs as the CLI does).
  entryPoints: { index: join(dist, 'index.js'), bin: join(dist, 'cli/bin.js'), 'tune-v8': join(dist, 'cli/tune-v8.js') },
  outdir: bundle,
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  plugins: [placeOfOrigin],
  metafile: true,
  logLevel: 'warning',
});
// Which compiled files each bundle file holds (the package test reads it to see what loads when).
const modules = Object.fromEntries(
  Object.entries(built.metafile.outputs).map(([out, { inputs }]) => [out.split('/').pop(), Object.keys(inputs).map((file) => relative(dist, join(root, file)).split(sep).join('/'))]),
);
writeFileSync(join(bundle, 'modules.json'), `${JSON.stringify(modules, null, 1)}\n`);

// The build record says when dist/ last matched src/ (bin/jamf-contract.js compares): tsc
// leaves it alone when nothing changed, so it is touched here.
const record = join(dist, '.tsbuildinfo');
if (existsSync(record)) utimesSync(record, new Date(), new Date());
