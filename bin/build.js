#!/usr/bin/env node
// `npm run build`: the TypeScript compiler writes dist/ (JavaScript and type declarations,
// tsconfig.build.json); this copies what it does not compile, the HTML report's page assets.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const dir of ['report/html']) {
  mkdirSync(join(root, 'dist', dir), { recursive: true });
  for (const file of readdirSync(join(root, 'src', dir))) {
    if (!file.endsWith('.ts')) copyFileSync(join(root, 'src', dir, file), join(root, 'dist', dir, file));
  }
}
// The build record says when dist/ last matched src/ (bin/jamf-contract.js compares): tsc
// leaves it alone when nothing changed, so it is touched here.
const record = join(root, 'dist', '.tsbuildinfo');
if (existsSync(record)) utimesSync(record, new Date(), new Date());
