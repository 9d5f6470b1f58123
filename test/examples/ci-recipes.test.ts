/** The CI recipes in examples/ are valid YAML, and every jamf-contract flag and reporter they use exists. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/run.ts';
import { REPORTER_NAMES } from '../../src/report/index.ts';

const RECIPES = ['examples/github-actions/nightly.yml', 'examples/gitlab-ci.yml'];

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
  const words = text.replace(/\\\n/g, ' ').split(/\s+/).filter(Boolean);
  const out: string[][] = [];
  words.forEach((w, i) => {
    if (w === 'jamf-contract' && words[i + 1] === 'run') {
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

function runOptions(): Set<string> {
  const program = new Command();
  registerRun(program, () => undefined);
  const run = program.commands.find((c) => c.name() === 'run')!;
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

describe('the flag check can fail', () => {
  it('finds an unknown flag', () => {
    const known = runOptions();
    expect(runCommands('npx jamf-contract run c/ --reporterz junit').flat().filter((a) => a.startsWith('-') && !known.has(a))).toEqual(['--reporterz']);
  });
});
