/** docs/from-newman.md: every newman option it says jamf-contract accepts is an option of `run`. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/run.ts';

const doc = readFileSync(new URL('../../docs/from-newman.md', import.meta.url), 'utf8');
const table = doc.slice(doc.indexOf('## Every newman option'), doc.indexOf('## Reporters'));
const rows = table.split('\n').filter((l) => l.startsWith('| `')).map((l) => l.split('|').map((c) => c.trim()));

function runOptions(): Set<string> {
  const program = new Command();
  registerRun(program, () => undefined);
  const run = program.commands.find((c) => c.name() === 'run')!;
  return new Set(run.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => Boolean(f)));
}

/** `--foo`, `-x` in a cell; placeholders like `--reporter-<name>-export` are expanded by the caller. */
const flagsIn = (cell: string): string[] => [...cell.matchAll(/(?<![\w-])(--?[a-z][a-z-]*)/g)].map((m) => m[1]!);

describe('docs/from-newman.md', () => {
  it('lists newman\'s options', () => {
    expect(rows.length).toBeGreaterThan(30);
  });

  it('every option it says is the same or an alias exists on run', () => {
    const known = runOptions();
    const accepted = rows.filter(([, newman, ours]) => newman && ours && !/^(coming|not supported|not tested)/.test(ours));
    const flags = accepted.flatMap(([, newman]) => flagsIn(newman!.replace(/`<[^`]*>`|<[^>]*>/g, '')))
      .filter((f) => !['-h', '--help', '-v', '--version'].includes(f) && !f.startsWith('--reporter-'));
    const exports = ['junit', 'json', 'html', 'ctrf', 'github', 'htmlextra'].map((n) => `--reporter-${n}-export`);
    expect(flags.length).toBeGreaterThan(15);
    expect([...flags, ...exports].filter((f) => !known.has(f))).toEqual([]);
  });

  it('says "coming" or "not supported" for the newman options run does not have', () => {
    const known = runOptions();
    const missing = rows.flatMap(([, newman, ours]) => flagsIn((newman ?? '').replace(/<[^>]*>/g, '')).filter((f) => !known.has(f) && !['-v', '-h', '--help'].includes(f) && !f.startsWith('--reporter-')).map((f) => [f, ours]));
    for (const [flag, ours] of missing) expect(ours, flag).toMatch(/^(coming|not supported|not tested|`-V|`jamf-contract)/);
  });
});
