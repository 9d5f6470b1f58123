/** The CI recipes in examples/ are valid YAML, and every jamf-contract flag and reporter they use exists. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { registerMerge } from '../../src/cli/merge.ts';
import { registerRun } from '../../src/cli/run.ts';
import { loadFleet } from '../../src/fleet/config.ts';
import { REPORTER_NAMES } from '../../src/report/index.ts';

const RECIPES = ['examples/github-actions/nightly.yml', 'examples/gitlab-ci.yml', 'examples/github-actions/matrix.yml'];

/** Every `run`/`script` string anywhere in the document. */
function scripts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) scripts(n, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'run' || key === 'script') && typeof value === 'string') out.push(value);
      else if (key === 'script' && Array.isArray(value)) out.push(...value.filter((v): v is string => typeof v === 'string'));
      else scripts(value, out);
    }
  }
  return out;
}

/** The arguments after `jamf-contract run` in each command line that has them. */
function runCommands(text: string): string[][] {
  return commandsOf(text, 'run');
}

/** The arguments after `jamf-contract COMMAND` in each command line that has them. */
function commandsOf(text: string, command: string): string[][] {
  const words = text.replace(/\\\n/g, ' ').split(/\s+/).filter(Boolean);
  const out: string[][] = [];
  words.forEach((w, i) => {
    if (w === 'jamf-contract' && words[i + 1] === command) {
      const args: string[] = [];
      for (const a of words.slice(i + 2)) {
        if (a === '&&' || a === ';' || a === '|') break;
        args.push(a);
      }
      out.push(args);
    }
  });
  return out;
}

function runOptions(command = 'run'): Set<string> {
  const program = new Command();
  registerRun(program, () => undefined);
  registerMerge(program, () => undefined);
  const run = program.commands.find((c) => c.name() === command)!;
  return new Set(run.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => Boolean(f)));
}

describe.each(RECIPES)('%s', (file) => {
  const text = readFileSync(file, 'utf8');
  const doc = parse(text) as unknown;
  const commands = scripts(doc).flatMap(runCommands);

  it('is valid YAML with at least one jamf-contract run', () => {
    expect(doc).toBeTypeOf('object');
    expect(commands.length).toBeGreaterThan(0);
  });

  it('uses only flags that `jamf-contract run` has', () => {
    const known = runOptions();
    const flags = commands.flat().filter((a) => a.startsWith('-')).map((a) => a.split('=')[0]!);
    expect(flags.length).toBeGreaterThan(3);
    expect(flags.filter((f) => !known.has(f))).toEqual([]);
  });

  it('names only reporters that exist, and writes reports to the folder it keeps', () => {
    for (const args of commands) {
      const reporters = args[args.indexOf('--reporter') + 1]?.split(',') ?? [];
      expect(reporters.filter((r) => !(REPORTER_NAMES as readonly string[]).includes(r))).toEqual([]);
      expect(args[args.indexOf('--out') + 1]).toBe('reports');
    }
    expect(text).toContain('reports/');
  });

  it('keeps secrets out of the command line', () => {
    expect(commands.flat().join(' ')).not.toMatch(/secret|password/i);
  });
});

describe('examples/github-actions/matrix.yml: servers × shards, then a merge', () => {
  const text = readFileSync('examples/github-actions/matrix.yml', 'utf8');
  const doc = parse(text) as { jobs: Record<string, { needs?: string; if?: string; strategy?: { matrix: { server: string[]; shard: number[] } } }> };
  const merges = scripts(doc).flatMap((t) => commandsOf(t, 'merge'));
  const matrix = doc.jobs.contract?.strategy?.matrix;

  it('splits each server of the example fleet into as many shards as the matrix lists', () => {
    const fleet = loadFleet('examples/fleet.yaml');
    expect(matrix?.server).toEqual(fleet.servers.map((s) => s.name));
    expect(text).toContain(`--shard \${{ matrix.shard }}/${matrix?.shard.length}\n`);
    expect(matrix?.shard).toEqual(Array.from({ length: matrix?.shard.length ?? 0 }, (_, i) => i + 1));
  });

  it('merges in a job that waits for every shard and runs whatever their verdicts', () => {
    expect(doc.jobs.merge).toMatchObject({ needs: 'contract', if: 'always()' });
    expect(merges).toHaveLength(1);
    const known = runOptions('merge');
    expect(merges.flat().filter((a) => a.startsWith('-') && !known.has(a))).toEqual([]);
    expect(merges[0]![merges[0]!.indexOf('--out') + 1]).toBe('reports');
  });

  it('names in its env block every variable the fleet file names, each from a secret', () => {
    const fleet = loadFleet('examples/fleet.yaml');
    const names = fleet.servers.flatMap((s) => [s.clientIdEnv, s.clientSecretEnv, s.usernameEnv, s.passwordEnv]).filter(Boolean);
    for (const name of names) expect(text).toContain(`${name}: \${{ secrets.${name} }}`);
  });
});

describe('the flag check can fail', () => {
  it('finds an unknown flag', () => {
    const known = runOptions();
    expect(runCommands('npx jamf-contract run c/ --reporterz junit').flat().filter((a) => a.startsWith('-') && !known.has(a))).toEqual(['--reporterz']);
  });
});
