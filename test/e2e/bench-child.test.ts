/**
 * The benchmark's child (bench/runner/child.mjs) measuring another checkout (`--from <dir>`),
 * as `npm run bench -- --against <dir>` compares CPU per request: a checkout with a compiled
 * package runs it, one with only sources runs them through its own tsx, and one with neither
 * is refused by name. Skips, saying why, without a fresh build (the child loads dist/).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';
import { repoRoot } from '../helpers/cli.ts';
import { collection, request, tempDir, writeFile } from '../helpers/collections.ts';

const run = promisify(execFile);
const record = join(repoRoot, 'dist', '.tsbuildinfo');
const built = existsSync(join(repoRoot, 'dist', 'bundle', 'index.js')) && existsSync(record);
if (!built) console.warn('skipping the benchmark child tests: dist/ is absent (npm run build)');

interface ChildLine {
  requests: number;
  failures: number;
  cpuMs: number;
}

describe.skipIf(!built)('the benchmark child, --from another checkout', () => {
  let sim: RunningSimulator;
  let file: string;
  beforeAll(async () => {
    sim = await startSimulator({ quiet: true });
    file = writeFile(tempDir(), 'two.json', collection('Two', [
      request('version', '{{baseUrl}}/v1/jamf-pro-version', { tests: ["pm.test('200', () => pm.response.to.have.status(200));"] }),
      request('buildings', '{{baseUrl}}/v1/buildings', { tests: ["pm.test('200', () => pm.response.to.have.status(200));"] }),
    ]));
  });
  afterAll(async () => {
    await sim.close();
  });

  async function stats(): Promise<Record<string, number>> {
    return ((await (await fetch(`${sim.url}/__simulator/stats`)).json()) as { requests: Record<string, number> }).requests;
  }

  async function child(from: string): Promise<ChildLine> {
    const { stdout } = await run(process.execPath, ['bench/runner/child.mjs', 'jamf-contract', file, sim.url, '2', '--from', from], { cwd: repoRoot, timeout: 90_000 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as ChildLine;
  }

  it('runs a checkout\'s compiled package', { timeout: 120_000 }, async () => {
    sim.state.reset();
    const line = await child(repoRoot);
    expect(line).toMatchObject({ requests: 4, failures: 0 });
    expect(line.cpuMs).toBeGreaterThan(0);
    // Counted by the server: both requests of both iterations reached it.
    expect((await stats())['GET /api/v1/buildings']).toBe(2);
  });

  it('runs a checkout\'s sources through its own tsx when it has no dist/', { timeout: 120_000 }, async () => {
    // A checkout as the CLI was before it was compiled: sources and node_modules, no dist/.
    const checkout = tempDir();
    symlinkSync(join(repoRoot, 'src'), join(checkout, 'src'));
    symlinkSync(join(repoRoot, 'node_modules'), join(checkout, 'node_modules'));
    expect(existsSync(join(checkout, 'dist'))).toBe(false);
    sim.state.reset();
    const line = await child(checkout);
    expect(line).toMatchObject({ requests: 4, failures: 0 });
    expect((await stats())['GET /api/v1/buildings']).toBe(2);
  });

  it('refuses a folder that is neither, by name', { timeout: 60_000 }, async () => {
    const empty = join(tempDir(), 'not-a-checkout');
    mkdirSync(empty);
    const error = (await child(empty).then(() => undefined, (e: unknown) => e)) as { code?: number; stderr?: string } | undefined;
    expect(error?.code).toBe(2);
    expect(error?.stderr).not.toMatch(/\bat /);
    expect(error?.stderr).toContain(`${empty}: neither dist/index.js nor node_modules/tsx`);
  });
});
