/**
 * Start-up: `jamf-contract --help` from the compiled package (bin/jamf-contract.js), from the
 * sources through tsx (how the CLI started before it was compiled), and Node doing nothing;
 * then `run` of a one-request collection, both ways. Wall times, medians of `repeats`.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCollection } from './collection.ts';

const COMPILED = ['bin/jamf-contract.js'];
const SOURCES = ['bin/run-ts.js', 'src/cli/bin.ts'];

export interface Startup {
  help: { compiled: number; sources: number; node: number };
  run: { compiled: number; sources: number };
}

export function measureStartup(dir: string, serverUrl: string, repeats: number): Startup {
  const one = join(dir, 'one.json');
  writeFileSync(one, JSON.stringify(benchCollection(1, true)));
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', JAMF_CLIENT_ID: 'demo-client', JAMF_CLIENT_SECRET: 'demo-secret' };
  const run = ['run', one, '--server', serverUrl, '--no-preflight', '--openapi', 'none', '--classic-openapi', 'none', '--reporter', 'cli'];
  const time = (args: string[]): number => median(Array.from({ length: repeats }, () => wall(args, env)));
  return {
    help: { compiled: time([...COMPILED, '--help']), sources: time([...SOURCES, '--help']), node: time(['-e', '0']) },
    run: { compiled: time([...COMPILED, ...run]), sources: time([...SOURCES, ...run]) },
  };
}

function wall(args: string[], env: Record<string, string>): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
