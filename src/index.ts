/** The public library API: everything the CLI uses is importable from here. */
export * from './errors.ts';
export * from './result.ts';
export { Redactor, REDACTED } from './secrets.ts';
