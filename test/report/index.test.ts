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
  ])('given $given, builds $want', ({ given, want }) => {
    expect(createReporters(given, options()).map((r) => r.name)).toEqual(want);
  });

  it('refuses unknown names with a usage error naming them', () => {
    try {
      createReporters(['cli', 'html', 'xml'], options());
      expect.unreachable();
    } catch (error) {
      expect(isJamfContractError(error) && error.code).toBe('USAGE');
      expect((error as Error).message).toContain('"html", "xml"');
    }
  });

  it('writes both report files into outDir', async () => {
    for (const reporter of createReporters(['junit', 'json'], options())) await drive(reporter, runInfo(), [kinds.passed()]);
    expect(readdirSync(outDir).sort()).toEqual(['junit.xml', 'report.json']);
  });
});
