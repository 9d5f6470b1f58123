import { describe, expect, it } from 'vitest';
import { createCliReporter, type CliOptions } from '../../src/report/cli.ts';
import { NAMES_PER_GROUP } from '../../src/report/skips.ts';
import { Capture, drive, kinds, result, runInfo, redactFake, SECRET } from './fixtures.ts';

function cli(over: Partial<CliOptions> = {}) {
  const stdout = new Capture();
  const stderr = new Capture(over.isTTY ?? false);
  const reporter = createCliReporter({ stdout, stderr, isTTY: false, color: false, redact: redactFake, ...over });
  return { reporter, stdout, stderr };
}

describe('cli reporter without a terminal', () => {
  it('prints dots for passes, a block for each problem, then the summary', async () => {
    const { reporter, stdout, stderr } = cli();
    await drive(reporter, runInfo(), [kinds.passed(), kinds.failedTest(), kinds.passed(), kinds.errored(), kinds.unresolved(['id'])]);
    const lines = stdout.text.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '.',
      '✗ GET Buildings / Get building by id 404 8ms',
      '    test failed: Status is 200: expected 404 to equal 200',
      '.',
      '! GET Buildings / Unreachable NETWORK',
      '    error NETWORK: connect ECONNREFUSED 127.0.0.1:1',
    ]);
    expect(lines[6]).toBe('s');
    expect(stdout.text).toMatch(/^Total +5 +3 +1 +1 +3 +1 +0 +0$/m);
    expect(stdout.text).toContain('Duration 1.5 s · token endpoint calls 1 · https://jamf.example (Jamf Pro 11.30.1, client-credentials)');
    expect(stderr.text).toBe('');
  });

  it('prints a line for every request with verbose, warnings underneath', async () => {
    const { reporter, stdout } = cli({ verbose: true });
    await drive(reporter, runInfo(), [kinds.passed(), kinds.warningOnly(), kinds.readOnly()]);
    expect(stdout.text).toContain('✓ GET Buildings / Get buildings 200 12ms\n✓ GET Computers / Old inventory 200 12ms\n    warning deprecated: deprecated since 2023-01-01\n- POST Buildings / Create building skipped (read-only run: POST not sent)\n');
  });

  it('shows the violation of a contract-failing request and the iteration when there are several', async () => {
    const { reporter, stdout } = cli();
    await drive(reporter, runInfo({ iterations: 2 }), [{ ...kinds.violation(), iteration: 1 }]);
    expect(stdout.text).toContain('[2] ✗ GET Departments / List departments 200 12ms\n    violation schema at /results/0/name: must be string; expected string; actual 42\n');
  });

  it('prints what a collection or server says with its control characters visible, keeping its own colours', async () => {
    const { reporter, stdout } = cli({ color: true });
    reporter.onConsole?.({ level: 'log', message: 'erase \u001b[1A\u001b[2K\r\u202eevil', itemName: 'Item \u001b[8m' });
    const hostile = { ...kinds.failedTest(), itemName: 'Get \r\u001b[32m✓ GET fine\u001b[8m' };
    await drive(reporter, runInfo(), [hostile]);
    const text = stdout.text;
    expect(text).toContain('erase \\x1b[1A\\x1b[2K\\r\\u202eevil');
    expect(text).toContain('Get \\r\u001b[32m✓ GET fine\\x1b[8m');
    // Every escape left is a colour; no carriage return, no other control character.
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(text.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain('\u001b[31m✗\u001b[39m');
  });

  it('wraps long runs of dots with a running count', async () => {
    const { reporter, stdout } = cli();
    await drive(reporter, runInfo(), Array.from({ length: 130 }, () => result()));
    const dotLines = stdout.text.split('\n').filter((l) => l.startsWith('.'));
    expect(dotLines).toEqual([`${'.'.repeat(60)} 60`, `${'.'.repeat(60)} 120`, '.'.repeat(10)]);
  });

  it('groups unresolved variables with counts and the requests that lack them', async () => {
    const results = [
      ...Array.from({ length: NAMES_PER_GROUP + 3 }, (_, i) => kinds.unresolved(['id'], `By id ${i}`)),
      kinds.unresolved(['id', 'subset'], 'Subset'),
      kinds.readOnly(),
      kinds.destructive(),
    ];
    const { reporter, stdout } = cli();
    await drive(reporter, runInfo(), results);
    const shown = Array.from({ length: NAMES_PER_GROUP }, (_, i) => `GET Buildings / By id ${i}`).join(', ');
    expect(stdout.text).toContain(
      [
        `Skipped ${NAMES_PER_GROUP + 6} requests`,
        `  Unresolved variables (${NAMES_PER_GROUP + 4} requests; set them with --var or an environment):`,
        `    {{id}} ${NAMES_PER_GROUP + 4} requests: ${shown} and 4 more`,
        '    {{subset}} 1 request: GET Buildings / Subset',
        '  Read-only run, writes not sent (--allow-writes sends them): 1',
        '    POST Buildings / Create building',
        '  Destructive operations not sent (--allow-destructive sends them): 1',
        '    POST MDM / Erase device',
      ].join('\n'),
    );
  });

  it('prints per-folder rows, notices and the coverage line', async () => {
    const { reporter, stdout } = cli();
    await drive(reporter, runInfo(), [kinds.passed(), kinds.violation()], {
      notices: [{ level: 'info', code: 'TOKEN_SCRIPT_NEUTRALISED', message: 'collection token script neutralised' }],
      coverage: { summary: '2 of 817 operations exercised' },
    });
    // The collection's row carries its totals; its folders are indented beneath it.
    expect(stdout.text).toMatch(/^Jamf Pro API +2 +2 +0 +0 +2 +0 +1 +0$/m);
    expect(stdout.text).toMatch(/^ {2}Buildings +1 +1 +0 +0 +1 +0 +0 +0$/m);
    expect(stdout.text).toMatch(/^ {2}Departments +1 +1 +0 +0 +1 +0 +1 +0$/m);
    expect(stdout.text).toContain('Notices\n  i collection token script neutralised\n');
    expect(stdout.text).toContain('Coverage: 2 of 817 operations exercised\n');
  });

  it('leaves the coverage line out when coverage has no summary', async () => {
    const { reporter, stdout } = cli();
    await drive(reporter, runInfo(), [kinds.passed()], { coverage: { specs: [] } });
    expect(stdout.text).not.toContain('Coverage');
  });

  it('prints script console lines prefixed with the item name', () => {
    const { reporter, stdout } = cli();
    reporter.onConsole?.({ level: 'log', message: 'first\nsecond', itemName: 'Get token' });
    reporter.onConsole?.({ level: 'warn', message: 'careful' });
    expect(stdout.text).toBe('  Get token | first\n  Get token | second\n  collection | warn: careful\n');
  });

  it('writes colour codes only when colour is on', async () => {
    const plain = cli();
    await drive(plain.reporter, runInfo(), [kinds.failedTest()]);
    expect(plain.stdout.text).not.toContain('\u001b[');
    const coloured = cli({ color: true });
    await drive(coloured.reporter, runInfo(), [kinds.failedTest()]);
    expect(coloured.stdout.text).toContain('\u001b[31m✗\u001b[39m');
  });
});

describe('cli reporter on a terminal', () => {
  it('shows a counter on stderr, problems above it, clears it, summary on stdout', async () => {
    const { reporter, stdout, stderr } = cli({ isTTY: true });
    reporter.onStart?.(runInfo());
    reporter.onConsole?.({ level: 'log', message: 'hello', itemName: 'Item' });
    const results = [kinds.passed(), kinds.failedTest()];
    await drive(reporter, runInfo(), results);
    expect(stderr.text).toContain('  Item | hello\n');
    expect(stderr.text).toContain('✗ GET Buildings / Get building by id 404 8ms\n');
    expect(stderr.text).toMatch(/2 requests · 1 failed · 0 errors · 0 skipped/);
    expect(stderr.text.endsWith('\u001b[0J')).toBe(true);
    expect(stdout.text).not.toContain('✗');
    expect(stdout.text).toMatch(/^Total +2 /m);
  });

  it('stops the counter on abort', async () => {
    const { reporter, stderr } = cli({ isTTY: true });
    reporter.onStart?.(runInfo());
    reporter.onRequest?.(kinds.passed());
    await reporter.onAbort?.(new Error('x'));
    expect(stderr.text.endsWith('\u001b[0J')).toBe(true);
  });
});

describe('cli reporter redaction', () => {
  it.each([false, true])('never writes the secret (terminal: %s)', async (isTTY) => {
    const { reporter, stdout, stderr } = cli({ isTTY, verbose: true });
    const results = [
      result({ itemName: `token ${SECRET}`, url: `https://x/?t=${SECRET}`, tests: [{ name: SECRET, passed: false, error: `got ${SECRET}` }] }),
      { ...kinds.errored(), error: { code: 'AUTH_INVALID_CLIENT', message: `secret ${SECRET} rejected` } },
      kinds.unresolved([SECRET]),
      { ...kinds.readOnly(), itemName: SECRET },
      { ...kinds.violation(), findings: [{ kind: 'schema' as const, severity: 'violation' as const, message: SECRET, actual: SECRET }] },
    ];
    reporter.onStart?.(runInfo());
    reporter.onConsole?.({ level: 'log', message: `Bearer ${SECRET}`, itemName: SECRET });
    await drive(reporter, runInfo({ server: `https://${SECRET}` }), results, {
      notices: [{ level: 'warning', code: 'X', message: SECRET }],
      coverage: { summary: SECRET },
      folders: { [SECRET]: { requests: 1, sent: 1, skipped: 0, errored: 0, testsPassed: 0, testsFailed: 0, scriptErrors: 0, violations: 0, warnings: 0, heldBack: 0 } },
    });
    expect(stdout.text + stderr.text).not.toContain(SECRET);
    expect(stdout.text + stderr.text).toContain('[REDACTED]');
  });
});
