import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isJamfContractError } from '../../src/errors.ts';
import { clearReports, reportPath, reportPaths, REPORT_FILES } from '../../src/report/files.ts';

const root = mkdtempSync(join(tmpdir(), 'files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const dir = (): string => {
  const d = join(root, String(n++));
  mkdirSync(d, { recursive: true });
  return d;
};
/** A pid no process has: above Linux's pid_max ceiling. */
const DEAD_PID = 4_194_400;

describe('report paths', () => {
  it('defaults to each reporter\'s name in --out', () => {
    expect(reportPath('junit', { outDir: 'reports' })).toBe(resolve('reports/junit.xml'));
    expect(reportPath('html', { outDir: '/x' })).toBe('/x/report.html');
  });

  it.each([
    { given: 'results.xml', want: resolve('results.xml') },
    { given: 'nested/results.xml', want: resolve('nested/results.xml') },
    { given: 'some-dir/', want: resolve('some-dir/junit.xml') },
  ])('an export path $given writes $want (relative to the current directory, as newman)', ({ given, want }) => {
    expect(reportPath('junit', { outDir: '/elsewhere', exports: { junit: given } })).toBe(want);
  });

  it('an export path naming an existing directory gets the default name inside it', () => {
    const d = dir();
    expect(reportPath('ctrf', { outDir: '/x', exports: { ctrf: d } })).toBe(join(d, 'ctrf.json'));
  });

  it('lists every default name and every export', () => {
    const paths = reportPaths({ outDir: '/o', exports: { json: '/custom/r.json' } });
    for (const name of Object.values(REPORT_FILES)) expect(paths).toContain(`/o/${name}`);
    expect(paths).toContain('/o/baseline-changes.json');
    expect(paths).toContain('/custom/r.json');
  });
});

describe('clearReports', () => {
  it('removes earlier reports, exports and dead runs\' temp files; keeps other files and live temps', () => {
    const out = dir();
    const custom = join(dir(), 'mine.xml');
    for (const name of [...Object.values(REPORT_FILES), 'baseline-changes.json', 'notes.txt', `.report.json.${DEAD_PID}.abcd.requests`, `.junit.xml.${process.ppid}.beef.tmp`]) writeFileSync(join(out, name), 'old');
    writeFileSync(custom, 'old');
    clearReports({ outDir: out, exports: { junit: custom } });
    expect(readdirSync(out).sort()).toEqual([`.junit.xml.${process.ppid}.beef.tmp`, 'notes.txt']);
    expect(readdirSync(join(custom, '..'))).toEqual([]);
  });

  it('does nothing for a missing --out', () => {
    expect(() => clearReports({ outDir: join(dir(), 'missing') })).not.toThrow();
  });

  it('refuses an --out that is a file with REPORT_WRITE', () => {
    const file = join(dir(), 'a-file');
    writeFileSync(file, 'x');
    try {
      clearReports({ outDir: file });
      expect.unreachable();
    } catch (error) {
      expect(isJamfContractError(error) && error.code).toBe('REPORT_WRITE');
    }
  });

  it('refuses a report path that is a directory with REPORT_WRITE', () => {
    const out = dir();
    mkdirSync(join(out, 'junit.xml'));
    expect(() => clearReports({ outDir: out })).toThrow(/junit\.xml/);
  });
});
