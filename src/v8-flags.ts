/**
 * V8 flags this process set for itself (the CLI's tuning, cli/tune-v8.ts). V8 rejects a code
 * cache made under other flags, so the caches this process writes (the script sandbox's, see
 * execute/sandbox-boot.ts) carry them in their names: the CLI and a program using the library
 * on one machine keep one each instead of rewriting one another's.
 */
import v8 from 'node:v8';

const applied: string[] = [];

export function setV8Flags(flags: readonly string[]): void {
  for (const flag of flags) {
    v8.setFlagsFromString(flag);
    // Set twice (the CLI's tuning called again) is the same V8, so the same names.
    if (!applied.includes(flag)) applied.push(flag);
  }
}

/** The flags set through `setV8Flags`, in order. */
export function appliedV8Flags(): readonly string[] {
  return applied;
}
