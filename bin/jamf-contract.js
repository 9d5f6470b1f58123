#!/usr/bin/env node
// The compiled CLI (dist/, built by `npm install` or `npm run build`). A checkout that was
// never built (`npm install` converts the collections before it builds) runs the sources
// through tsx instead.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/bin.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/bin.ts', import.meta.url).href);
}
