import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isJamfContractError } from '../../src/errors.ts';
import { createReporters, type ReporterOptions } from '../../src/report/index.ts';
import { Capture, drive, kinds, runInfo, redactFake } from './fixtures.ts';

const outDir = mkdtempSync(join(tmpdir(), 'reporters-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const options = (): ReporterOptions => ({ outDir, stdout: new Capture(), stderr: new Capture(), isTTY: false, color: false, redact: redactFake });

describe('createReporters', () => {
  it.each([
    { given: ['cli'], want: ['cli'] },
    { given: ['cli', 'junit', 'json'], want: ['cli', 'junit', 'json'] },
    { given: ['junit,json'], want: ['junit', 'json'] },
    { given: [' JSON ', 'json'], want: ['json'] },
    { given: [], want: [] },
    { given: ['html,ctrf,github'], want: ['html', 'ctrf', 'github'] },
    { given: ['htmlextra', 'progress'], want: ['html', 'cli'] },
  ])('given $given, builds $want', ({ given, want }) => {
    expect(createReporters(given, options()).map((r) => r.name)).toEqual(want);
  });

  it('refuses unknown names with a usage error naming them', () => {
    try {
      createReporters(['cli', 'pdf', 'xml'], options());
      expect.unreachable();
    } catch (error) {
      expect(isJamfContractError(error) && error.code).toBe('USAGE');
      expect((error as Error).message).toContain('"pdf", "xml"');
    }
  });

  it('writes every file reporter into outDir', async () => {
    for (const reporter of createReporters(['junit', 'json', 'html', 'ctrf', 'github'], options())) await drive(reporter, runInfo(), [kinds.passed()]);
    expect(readdirSync(outDir).sort()).toEqual(['ctrf.json', 'github-summary.md', 'junit.xml', 'report.html', 'report.json']);
  });

  it('writes to the export paths when given', async () => {
    const custom = join(outDir, 'custom');
    const exports = { junit: join(custom, 'a.xml'), json: join(custom, 'b.json') };
    for (const reporter of createReporters(['junit', 'json'], { ...options(), exports })) await drive(reporter, runInfo(), [kinds.passed()]);
    expect(readdirSync(custom).sort()).toEqual(['a.xml', 'b.json']);
  });
});
