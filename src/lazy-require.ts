/**
 * Libraries loaded when first used rather than when the CLI starts: `jamf-contract --help`
 * and commands that never need them stay fast (undici, ajv, yaml… each take tens of
 * milliseconds to load). For CommonJS packages only (ESM-only ones are imported where used).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
