import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addNewmanOptions, colorFor, exitAfterNewmanFlags } from '../../../src/cli/newman-flags.ts';
import { isJamfContractError } from '../../../src/errors.ts';
import { clearReportsForArgs, reporterList, targetsOf } from '../../../src/cli/report-flags.ts';

describe('colorFor', () => {
  it.each([
    { flag: true, env: {}, tty: true, want: true },
    { flag: true, env: {}, tty: false, want: false },
    { flag: 'auto', env: {}, tty: true, want: true },
    { flag: 'on', env: { NO_COLOR: '1' }, tty: false, want: true },
    { flag: 'off', env: { FORCE_COLOR: '1' }, tty: true, want: false },
    { flag: false, env: { FORCE_COLOR: '1' }, tty: true, want: false },
    { flag: true, env: { NO_COLOR: '1' }, tty: true, want: false },
    { flag: true, env: { NO_COLOR: '' }, tty: true, want: true },
    { flag: true, env: { FORCE_COLOR: '1' }, tty: false, want: true },
    { flag: true, env: { FORCE_COLOR: '0' }, tty: true, want: false },
    { flag: true, env: { FORCE_COLOR: 'false' }, tty: true, want: false },
  ] as const)('flag $flag, env $env, terminal $tty → $want', ({ flag, env, tty, want }) => {
    expect(colorFor(flag, env, tty)).toBe(want);
  });
});

describe('exitAfterNewmanFlags (-x)', () => {
  it.each([
    { x: true, code: 4, want: 0 },
    { x: true, code: 3, want: 0 },
    { x: true, code: 0, want: 0 },
    { x: true, code: 130, want: 130 },
    { x: false, code: 4, want: 4 },
  ])('-x $x, code $code → $want', ({ x, code, want }) => {
    expect(exitAfterNewmanFlags({ suppressExitCode: x }, code)).toBe(want);
  });
});

describe('reporterList', () => {
  it.each([
    { given: {}, want: ['cli'] },
    { given: { out: 'r' }, want: ['cli', 'junit', 'json'] },
    { given: { reporter: ['json'], out: 'r' }, want: ['json'] },
    { given: { reporterHtmlExport: 'x.html' }, want: ['cli', 'html'] },
    { given: { reporter: ['junit'], reporterCtrfExport: 'c.json' }, want: ['junit', 'ctrf'] },
    { given: { reporter: ['cli,junit'], silent: true }, want: ['junit'] },
    { given: { silent: true, out: 'r' }, want: ['junit', 'json'] },
    { given: { reporter: ['htmlextra'], reporterHtmlextraExport: 'x.html' }, want: ['html'] },
  ])('given $given → $want', ({ given, want }) => {
    expect(reporterList({ reporter: [], ...given })).toEqual(want);
  });

  it('maps export flags to targets', () => {
    expect(targetsOf({ reporter: [], reporterJunitExport: 'a.xml', reporterHtmlextraExport: 'b.html' })).toEqual({ outDir: 'reports', exports: { junit: 'a.xml', html: 'b.html' } });
  });
});

describe('clearReportsForArgs', () => {
  it('reads --out and export flags from raw arguments, both spellings, and stops at --', async () => {
    const { mkdtempSync, writeFileSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'args-'));
    const files = ['a/junit.xml', 'b.json', 'c/report.json'].map((f) => join(dir, f));
    const { mkdirSync } = await import('node:fs');
    for (const f of files) {
      mkdirSync(join(f, '..'), { recursive: true });
      writeFileSync(f, 'old');
    }
    clearReportsForArgs(['x.json', '-o', join(dir, 'a'), `--reporter-json-export=${files[1]}`, '--', '--out', join(dir, 'c')]);
    expect(files.map((f) => existsSync(f))).toEqual([false, false, true]);
  });

  it('removes nothing and refuses the run when a file it reads is where a report goes (any spelling), or two reports share a path', async () => {
    const { mkdtempSync, writeFileSync, readFileSync, symlinkSync, mkdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'args-'));
    const collection = join(dir, 'collection.json');
    const env = join(dir, 'report.json');
    const old = join(dir, 'junit.xml');
    writeFileSync(collection, '{"item":[]}');
    writeFileSync(env, '{"values":[]}');
    writeFileSync(old, 'old');
    mkdirSync(join(dir, 'sub'));
    symlinkSync(collection, join(dir, 'link.json'));
    const refused = (args: string[]): string => {
      try {
        clearReportsForArgs(args);
      } catch (error) {
        expect(isJamfContractError(error) && error.code).toBe('USAGE');
        return (error as Error).message;
      }
      return 'not refused';
    };
    expect(refused([collection, '--reporter-json-export', collection])).toContain(`${collection} is read by this run`);
    expect(refused([join(dir, 'link.json'), `--reporter-junit-export=${join(dir, 'sub', '..', 'collection.json')}`])).toContain('is read by this run');
    expect(refused([collection, '-e', env, '-o', dir])).toContain(`${env} is read by this run`);
    expect(refused([collection, `--environment=${env}`, '--out', dir])).toContain(`${env} is read by this run`);
    expect(refused([collection, '--reporter-json-export', join(dir, 'same.out'), '--reporter-junit-export', join(dir, 'same.out')])).toContain('would both be written to');
    // Nothing was removed by a refused run, not even the earlier report beside the inputs.
    expect([readFileSync(collection, 'utf8'), readFileSync(env, 'utf8'), readFileSync(old, 'utf8')]).toEqual(['{"item":[]}', '{"values":[]}', 'old']);
  });
});

/** A command with the options the aliases stand for, as `run` declares them. */
async function parsed(args: string[]): Promise<Record<string, unknown>> {
  const collect = (v: string, p: string[]) => [...p, v];
  const c = new Command('run')
    .exitOverride()
    .option('-e, --env <file>')
    .option('--var <kv>', '', collect, [])
    .option('-r, --reporter <names>', '', collect, [])
    .option('-n, --iterations <n>')
    .option('--timeout <ms>', '', '60000')
    .option('--ca <file>')
    .option('--no-color')
    .action(() => undefined);
  addNewmanOptions(c);
  await c.parseAsync(args, { from: 'user' });
  return c.opts();
}

describe('newman aliases', () => {
  it.each([
    { given: ['--environment', 'e.json'], want: { env: 'e.json' } },
    { given: ['--env-var', 'a=1', '--var', 'b=2', '--env-var', 'c=3'], want: { var: ['b=2', 'a=1', 'c=3'] } },
    { given: ['--reporters', 'cli,junit'], want: { reporter: ['cli,junit'] } },
    { given: ['--iteration-count', '3'], want: { iterations: '3' } },
    { given: ['--timeout-request', '5000'], want: { timeout: '5000' } },
    { given: ['--ssl-extra-ca-certs', 'ca.pem'], want: { ca: 'ca.pem' } },
    { given: ['-e', 'e.json', '--environment', 'e.json'], want: { env: 'e.json' } },
    { given: ['--color', 'off'], want: { color: 'off' } },
    { given: ['--no-color'], want: { color: false } },
    { given: [], want: { color: true, timeout: '60000' } },
  ])('$given → $want', async ({ given, want }) => {
    expect(await parsed(given)).toMatchObject(want);
  });

  it.each([
    [['-e', 'a.json', '--environment', 'b.json']],
    [['--iterations', '2', '--iteration-count', '3']],
    [['--timeout', '100', '--timeout-request', '200']],
  ])('refuses two spellings with different values: %j', async (given) => {
    try {
      await parsed(given);
      expect.unreachable();
    } catch (error) {
      expect(isJamfContractError(error) && error.code).toBe('USAGE');
    }
  });
});
