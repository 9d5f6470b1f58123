import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerDiff } from '../../src/cli/diff.ts';
import { isJamfContractError } from '../../src/errors.ts';
import { getWith, spec } from './helpers.ts';

async function run(args: string[]): Promise<{ exit: number; error?: string }> {
  let exit = 0;
  const program = new Command('jamf-contract').exitOverride();
  registerDiff(program, (code) => {
    exit = code;
  });
  try {
    await program.parseAsync(['diff', ...args], { from: 'user' });
    return { exit };
  } catch (error) {
    return { exit: isJamfContractError(error) ? error.exitCode : -1, error: isJamfContractError(error) ? error.code : String(error) };
  }
}

describe('jamf-contract diff', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jc-diff-cli-'));
    await writeFile(join(dir, 'old.json'), JSON.stringify(spec({ '/a': getWith({ type: 'string' }), '/b': getWith({ type: 'string' }) })));
    await writeFile(join(dir, 'new.json'), JSON.stringify(spec({ '/a': getWith({ type: 'string' }, { deprecated: true }) })));
    await writeFile(join(dir, 'same.json'), JSON.stringify(spec({ '/a': getWith({ type: 'string' }), '/b': getWith({ type: 'string' }) })));
    await writeFile(join(dir, 'bad.json'), 'not json {');
  });

  it('writes the report atomically to --out and exits 4 at the --fail-on threshold', async () => {
    const out = join(dir, 'reports', 'diff.json');
    expect(await run([join(dir, 'old.json'), join(dir, 'new.json'), '--format', 'json', '--out', out, '--fail-on', 'breaking'])).toEqual({ exit: 4 });
    const json = JSON.parse(await readFile(out, 'utf8')) as { summary: { removed: number; deprecated: number } };
    expect(json.summary).toMatchObject({ removed: 1, deprecated: 1 });
    expect((await readdir(join(dir, 'reports'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 0 below the threshold and without --fail-on', async () => {
    const out = join(dir, 'same.txt');
    expect(await run([join(dir, 'old.json'), join(dir, 'same.json'), '--fail-on', 'warning', '--out', out])).toEqual({ exit: 0 });
    expect(await run([join(dir, 'old.json'), join(dir, 'new.json'), '--out', out])).toEqual({ exit: 0 });
  });

  it('exits 2 on bad input', async () => {
    expect(await run([join(dir, 'old.json'), join(dir, 'bad.json')])).toEqual({ exit: 2, error: 'SPEC_PARSE' });
    expect(await run([join(dir, 'old.json'), join(dir, 'missing.json')])).toEqual({ exit: 2, error: 'SPEC_READ' });
  });
});
