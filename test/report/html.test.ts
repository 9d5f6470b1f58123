/** The HTML report as a file: self-contained, data in one script element, redacted, atomic. (It is drawn in a real browser in test/browser.) */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHtmlReporter, type HtmlOptions } from '../../src/report/html/index.ts';
import { OUTCOMES } from '../../src/report/html/data.ts';
import { drive, kinds, result, runInfo, redactFake, SECRET } from './fixtures.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'html-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Data { meta: Record<string, unknown>; rows: unknown[][]; strings: string[] }

async function htmlOf(results: ReturnType<typeof result>[], options: HtmlOptions = {}, over: Parameters<typeof drive>[3] = {}) {
  const dir = tempDir();
  await drive(createHtmlReporter(dir, redactFake, options), runInfo(), results, over);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  const json = /<script id="jc-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return { html, data: JSON.parse(json ?? 'null') as Data, dir };
}

describe('html reporter', () => {
  it('is one self-contained file: no external scripts, styles, fonts or images', async () => {
    const { html } = await htmlOf([kinds.passed(), kinds.failedTest()]);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\/(?!jamf\.example)/);
    expect(html).toContain("default-src 'none'");
  });

  it('keeps every result as a compact row, outcome and iteration included', async () => {
    const results = [kinds.passed(), kinds.failedTest(), kinds.errored(), kinds.readOnly(), { ...kinds.retried(), iteration: 1 }];
    const { data } = await htmlOf(results);
    expect(data.rows).toHaveLength(5);
    expect(data.rows.map((r) => OUTCOMES[r[6] as number])).toEqual(['passed', 'failed', 'errored', 'skipped', 'passed']);
    expect(data.rows.map((r) => r[5])).toEqual([1, 1, 1, 1, 2]);
    expect(data.rows[4]?.[9]).toBe(2);
    expect(data.strings[data.rows[1]![2] as number]).toBe('Get building by id');
    expect(data.meta.verdict).toEqual({ passed: false, reason: '1 request could not be made, 1 failed test' });
  });

  it('carries findings with pointer, expected and actual, held-back calls and sent errors', async () => {
    const { data } = await htmlOf([kinds.violation(), kinds.heldBackCall(), kinds.timedOut(), kinds.tolerated()]);
    const s = (i: number) => data.strings[i];
    const [violation, held, timeout, tolerated] = data.rows.map((r) => r[11] as Record<string, unknown[]>);
    const f = violation!.f![0] as number[];
    expect([s(f[0]!), f[1], s(f[3]!), s(f[4]!), s(f[5]!)]).toEqual(['schema', 0, '/results/0/name', 'string', '42']);
    expect(s(held!.h![0] as number)).toContain('pm.sendRequest DELETE https://jamf.example/api/v1/buildings/9 held back');
    expect(timeout!.e).toEqual([expect.any(Number), expect.any(Number), 1]);
    expect(s(timeout!.n as unknown as number)).toBe('no response to test');
    expect((tolerated!.f![0] as number[])[6]).toBe(1);
    expect((violation!.f![0] as number[])[7]).toBe(-1);
    const withSchema = await htmlOf([{ ...kinds.violation(), findings: [{ kind: 'schema', severity: 'violation', message: 'm', pointer: '/a', schema: { type: 'string', maxLength: 3 } }] }]);
    const f7 = ((withSchema.data.rows[0]![11] as Record<string, number[][]>).f![0]!)[7]!;
    expect(withSchema.data.strings[f7]).toBe('{"type":"string","maxLength":3}');
  });

  it('shows flags, the baseline comparison and an early stop', async () => {
    const baseline = { against: 'before.json', changes: [{ level: 'breaking', kind: 'status-changed', request: 'A [GET]', message: 'A [GET]: status 200 → 500' }] };
    const stopped = { kind: 'interrupted' as const, code: 'INTERRUPTED', message: 'SIGTERM received.', signal: 'SIGTERM' as const };
    const { data } = await htmlOf([kinds.passed()], { flags: { 'Read-only': 'yes' }, baseline: () => baseline }, { stopped });
    expect(data.meta).toMatchObject({ flags: { 'Read-only': 'yes' }, baseline, stopped, verdict: { passed: false } });
  });

  it('cannot be broken out of: a name with </script> stays data', async () => {
    const r = result({ itemName: '</script><script>alert(1)</script><!--' });
    const { html, data } = await htmlOf([r]);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(data.strings).toContain('</script><script>alert(1)</script><!--');
  });

  it('redacts every string', async () => {
    const r = result({ itemName: SECRET, url: `https://x/?t=${SECRET}`, tests: [{ name: SECRET, passed: false, error: SECRET }], scriptErrors: [SECRET] });
    const { html } = await htmlOf([r], { flags: { Server: SECRET } }, { notices: [{ level: 'warning', code: 'X', message: SECRET }] });
    expect(html).not.toContain(SECRET);
  });

  it('leaves only the report; abort leaves nothing', async () => {
    const { dir } = await htmlOf([kinds.passed()]);
    expect(readdirSync(dir)).toEqual(['report.html']);
    const again = createHtmlReporter(dir, redactFake);
    again.onRequest?.(kinds.passed());
    await again.onAbort?.(new Error('x'));
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
