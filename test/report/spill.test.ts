import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpilledReport } from '../../src/report/spill.ts';
import { tempDir } from '../helpers/collections.ts';

describe('SpilledReport', () => {
  it('writes head, the entries joined and tail, and leaves no temp file', () => {
    const dir = tempDir();
    const report = new SpilledReport(join(dir, 'r.json'), 'items', '  ');
    report.add('1');
    report.add('2');
    report.write(() => ['[\n', `\n] ${report.count}`]);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('[\n  1,\n  2\n] 2');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('a failure while making the head leaves no report and no temp file', () => {
    const dir = tempDir();
    const report = new SpilledReport(join(dir, 'r.json'), 'items');
    report.add('1');
    expect(() => report.write(() => { throw new Error('no head'); })).toThrow('no head');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an aborted run removes an earlier report and its own temp file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.json'), 'yesterday');
    const report = new SpilledReport(join(dir, 'r.json'), 'items');
    report.add('1');
    report.abort();
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
