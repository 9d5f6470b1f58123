#!/usr/bin/env node
// The compiled CLI (dist/bundle/, built by `npm install` or `npm run build`). In a checkout whose
// sources changed since the last build (or that was never built: `npm install` converts the
// collections before it builds), the sources run through tsx instead, so what runs is always
// what is in src/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/bundle/bin.js', import.meta.url);
const buildRecord = fileURLToPath(new URL('../dist/.tsbuildinfo', import.meta.url));
const sources = fileURLToPath(new URL('../src/', import.meta.url));

/** A source file newer than the build (a few milliseconds for the whole tree). */
function changedSince(dir, time) {
  return readdirSync(dir, { withFileTypes: true }).some((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? changedSince(path, time) : statSync(path).mtimeMs > time;
  });
}

const fresh = existsSync(built) && (!existsSync(sources) || (existsSync(buildRecord) && !changedSince(sources, statSync(buildRecord).mtimeMs)));
if (fresh) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/bin.ts', import.meta.url).href);
}
