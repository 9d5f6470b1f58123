import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicFile, removeReport, writeFileAtomic } from '../../src/atomic-file.ts';

const root = mkdtempSync(join(tmpdir(), 'atomic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const dir = (): string => join(root, String(n++));

/** A pid no process has: above Linux's pid_max ceiling. */
const DEAD_PID = 4_194_400;

describe('atomic report files', () => {
  it('writes content through a temp file and leaves only the target', () => {
    const d = dir();
    writeFileAtomic(join(d, 'r.json'), '{"a":1}');
    expect(readdirSync(d)).toEqual(['r.json']);
    expect(readFileSync(join(d, 'r.json'), 'utf8')).toBe('{"a":1}');
  });

  it('does not touch the target until commit', () => {
    const d = dir();
    writeFileAtomic(join(d, 'r.xml'), 'old');
    const file = new AtomicFile(join(d, 'r.xml'));
    file.write('new, half written');
    expect(readFileSync(join(d, 'r.xml'), 'utf8')).toBe('old');
    file.commit();
    expect(readFileSync(join(d, 'r.xml'), 'utf8')).toBe('new, half written');
  });

  it('removeReport drops the target and temps of dead runs, keeps other files and live runs', () => {
    const d = dir();
    writeFileAtomic(join(d, 'junit.xml'), 'x');
    const dead = `.junit.xml.${DEAD_PID}.abcd1234.tmp`;
    const live = `.junit.xml.${process.ppid}.abcd1234.tmp`;
    for (const name of [dead, live, 'other.txt']) writeFileSync(join(d, name), 'x');
    removeReport(join(d, 'junit.xml'));
    expect(readdirSync(d).sort()).toEqual([live, 'other.txt'].sort());
  });

  it('removeReport on a missing directory does nothing', () => {
    expect(() => removeReport(join(dir(), 'nope', 'junit.xml'))).not.toThrow();
  });
});
