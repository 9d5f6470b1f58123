/**
 * Spawning the real CLI with a clean environment (never the test process's JAMF_* or tokens).
 * Tests run the sources (through tsx), never a build that may be older than them; the
 * compiled package has its own test (test/e2e/package.test.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** `node …CLI args` runs `jamf-contract args` from the sources. */
export const CLI = [fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url)), fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url))];
/** Schema caches go to a temp folder, not the user's ~/.cache. */
const cacheHome = mkdtempSync(join(tmpdir(), 'jc-cache-'));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `jamf-contract ARGS` asynchronously (the simulator may live in this process). */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 150_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CACHE_HOME: cacheHome, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
