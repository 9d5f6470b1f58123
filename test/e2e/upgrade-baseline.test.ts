/**
 * Verifying an upgrade end to end: a baseline recorded against the simulator's 11.29.1
 * profile, compared with a run against 11.30.1. The one expected change — the v3 inventory
 * endpoint deprecated in 11.30.1 — is reported, and nothing else.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const collection = 'test/fixtures/upgrade/inventory.postman_collection.json';

describe('run --save-baseline on 11.29.1, then --baseline on 11.30.1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jc-upgrade-'));
  const baseline = join(dir, 'baseline.json');

  it('records a baseline with shapes and no values, then reports only the deprecation', async () => {
    const before = await runCli(['run', collection, '--jamf-version', '11.29.1', '--save-baseline', baseline]);
    expect(before.code).toBe(0);
    const recorded = JSON.parse(readFileSync(baseline, 'utf8')) as { formatVersion: number; jamfVersion: string; requests: Array<{ key: string; shape?: Record<string, string> }> };
    expect(recorded.formatVersion).toBe(1);
    expect(recorded.jamfVersion).toBe('11.29.1');
    expect(recorded.requests).toHaveLength(2);
    // Shapes keep paths and types only: no seeded names or ids anywhere in the file.
    expect(readFileSync(baseline, 'utf8')).not.toMatch(/Building \d|MAC-\d/);

    const after = await runCli(['run', collection, '--jamf-version', '11.30.1', '--baseline', baseline, '--reporter', 'cli,json', '--out', dir]);
    expect(after.stdout).toContain('Changes: 0 breaking, 1 warning, 0 info');
    expect(after.stdout).toMatch(/Inventory v3 \[GET\]: new contract finding: deprecated/);
    const changes = JSON.parse(readFileSync(join(dir, 'baseline-changes.json'), 'utf8')) as { changes: Array<{ kind: string; level: string }> };
    expect(changes.changes).toEqual([expect.objectContaining({ kind: 'finding-new', level: 'warning' })]);
    // A warning does not fail the run unless asked to.
    expect(after.code).toBe(0);
    const strict = await runCli(['run', collection, '--jamf-version', '11.30.1', '--baseline', baseline, '--baseline-fail-on', 'warning']);
    expect(strict.code).toBe(4);
  });

  it('refuses a file that is not a baseline, before sending anything (exit 2)', async () => {
    const r = await runCli(['run', collection, '--baseline', collection]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[BASELINE_INVALID\]/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
