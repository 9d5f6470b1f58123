/** What the CLI summary shows besides counts: findings by level/kind/operation, retries, held-back calls, an early stop; and the progress line. */
import { describe, expect, it } from 'vitest';
import { createCliReporter, progressLine } from '../../src/report/cli.ts';
import { GROUPS_PER_LEVEL } from '../../src/report/cli-summary.ts';
import { Capture, drive, kinds, result, runInfo, redactFake } from './fixtures.ts';

async function summaryOf(results: ReturnType<typeof result>[], over: Parameters<typeof drive>[3] = {}): Promise<string> {
  const stdout = new Capture();
  await drive(createCliReporter({ stdout, stderr: new Capture(), isTTY: false, color: false, redact: redactFake }), runInfo(), results, over);
  return stdout.text;
}

const warning = (operation: string, pointer: string) =>
  result({ operation, findings: [{ kind: 'null-in-non-nullable', severity: 'warning', message: 'is null', pointer, operation }] });

describe('cli summary', () => {
  it('lists warnings and violations grouped by kind and operation, with counts and a first example', async () => {
    const text = await summaryOf([warning('GET /v1/a', '/x'), warning('GET /v1/a', '/y'), warning('GET /v1/b', '/z'), kinds.violation(), kinds.warningOnly()]);
    expect(text).toContain([
      'Contract findings',
      '  Violations: 1',
      '    schema · GET /v1/departments ×1',
      '      first: GET Departments / List departments: schema at /results/0/name: must be string; expected string; actual 42',
      '  Warnings: 4',
      '    null-in-non-nullable · GET /v1/a ×2',
      '      first: GET Buildings / Request 0: null-in-non-nullable at /x: is null',
    ].join('\n').replace('Request 0', text.match(/GET Buildings \/ (Request \d+): null-in-non-nullable at \/x/)?.[1] ?? ''));
    expect(text).toContain('    null-in-non-nullable · GET /v1/b ×1');
    // A finding without an operation is grouped under its request.
    expect(text).toMatch(/deprecated · GET \/api\/v1\/buildings ×1/);
  });

  it('lists tolerated findings apart, and caps the groups per level', async () => {
    const many = Array.from({ length: GROUPS_PER_LEVEL + 3 }, (_, i) => warning(`GET /v1/op${i}`, '/p'));
    const text = await summaryOf([...many, kinds.tolerated()]);
    expect(text).toContain('  Tolerated (--tolerate: reported, never failing): 1\n    null-in-non-nullable · GET /v1/computers-inventory ×1');
    expect(text).toContain('    and 3 more groups (report.json lists every finding)');
  });

  it('lists retried requests and held-back calls', async () => {
    const text = await summaryOf([kinds.retried(), { ...kinds.retried(), retries: 1 }, kinds.heldBackCall()]);
    expect(text).toContain('Retried 2 requests (3 retries after 429/502/503/504)\n  GET Buildings / Flaky read (2×), GET Buildings / Flaky read (1×)');
    expect(text).toContain('Held back at the wire by the read-only guard: 1\n  pm.sendRequest DELETE https://jamf.example/api/v1/buildings/9 held back: a DELETE (needs --allow-writes) [from Buildings / Cleanup]');
    expect(text).toMatch(/Warnings {2}Held back\n/);
  });

  it('starts with the early stop', async () => {
    const text = await summaryOf([kinds.passed()], { stopped: { kind: 'interrupted', code: 'INTERRUPTED', message: 'SIGINT received: stopped sending.', signal: 'SIGINT' } });
    const stop = text.indexOf('\n✗ run interrupted (SIGINT): SIGINT received: stopped sending. The reports hold the requests that completed before it.\n');
    expect(stop).toBeGreaterThan(0);
    expect(stop).toBeLessThan(text.indexOf('Folder'));
  });

  it('shows retries, sent timeouts and tests not run in a request block, and caps long lists of violations', async () => {
    const violations = Array.from({ length: 8 }, (_, i) => ({ kind: 'schema' as const, severity: 'violation' as const, message: `bad ${i}`, pointer: `/${i}` }));
    const text = await summaryOf([{ ...kinds.violation(), retries: 1, findings: violations }, kinds.timedOut()]);
    expect(text).toContain('✗ GET Departments / List departments 200 12ms retried 1×\n');
    expect(text).toContain('    violation schema at /4: bad 4\n    … and 3 more violations (grouped in the summary; every one in report.json)\n');
    expect(text).toContain('! POST Buildings / Slow write TIMEOUT\n    error TIMEOUT: no answer within 100 ms (the request was sent: this write may have been applied)\n    tests not run: no response to test\n');
  });
});

describe('progress line', () => {
  const live = { done: 250, failed: 2, errored: 1, skipped: 3, current: 'GET Buildings / List', startedAt: 0 };
  it('shows a bar, percent, elapsed and ETA when the total is known', () => {
    expect(progressLine({ ...live, planned: 1000 }, 10_000)).toBe('[█████░░░░░░░░░░░░░░░] 25% 250/1000 · 2 failed · 1 errors · 3 skipped · 10.0 s, ETA 30.0 s  GET Buildings / List');
  });
  it('shows a counter and elapsed time without a total', () => {
    expect(progressLine(live, 2_000)).toBe('250 requests · 2 failed · 1 errors · 3 skipped · 2.0 s  GET Buildings / List');
  });
  it('does not divide by nothing at the start', () => {
    expect(progressLine({ ...live, done: 0, planned: 10 }, 0)).toContain('0% 0/10');
  });
});
