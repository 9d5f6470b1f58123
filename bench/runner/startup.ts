/**
 * Start-up: `jamf-contract --help` from the compiled package (bin/jamf-contract.js), from the
 * sources through tsx (how the CLI started before it was compiled), and Node doing nothing;
 * then `run` of a one-request collection, both ways. Wall times, medians of `repeats`.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCollection } from './collection.ts';
import { median } from './stats.ts';

const COMPILED = ['bin/jamf-contract.js'];
const SOURCES = ['bin/run-ts.js', 'src/cli/bin.ts'];

export interface Startup {
  help: { compiled: number; sources: number; node: number };
  run: { compiled: number; sources: number };
}

export async function measureStartup(dir: string, serverUrl: string, repeats: number): Promise<Startup> {
  const one = join(dir, 'one.json');
  writeFileSync(one, JSON.stringify(benchCollection(1, true)));
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', JAMF_CLIENT_ID: 'demo-client', JAMF_CLIENT_SECRET: 'demo-secret' };
  const run = ['run', one, '--server', serverUrl, '--no-preflight', '--openapi', 'none', '--classic-openapi', 'none', '--reporter', 'cli'];
  const time = async (args: string[]): Promise<number> => {
    const walls: number[] = [];
    for (let i = 0; i < repeats; i++) walls.push(await wall(args, env));
    return median(walls);
  };
  return {
    help: { compiled: await time([...COMPILED, '--help']), sources: await time([...SOURCES, '--help']), node: await time(['-e', '0']) },
    run: { compiled: await time([...COMPILED, ...run]), sources: await time([...SOURCES, ...run]) },
  };
}

/** Asynchronous: the simulator the runs call lives in this process, and must keep answering. */
function wall(args: string[], env: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}
