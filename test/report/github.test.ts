import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGithubReporter, type GithubOptions } from '../../src/report/github.ts';
import { Capture, drive, kinds, result, runInfo, redactFake, SECRET } from './fixtures.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'gh-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function github(results: ReturnType<typeof result>[], options: Partial<GithubOptions> = {}, over: Parameters<typeof drive>[3] = {}) {
  const dir = tempDir();
  const commands = new Capture();
  await drive(createGithubReporter(dir, redactFake, { commands, ...options }), runInfo(), results, over);
  const file = options.path ?? options.stepSummary ?? join(dir, 'github-summary.md');
  return { markdown: existsSync(file) ? readFileSync(file, 'utf8') : '', commands: commands.text, dir };
}

describe('github reporter', () => {
  it('summarises the verdict, counts, failures and findings in Markdown', async () => {
    const { markdown } = await github([kinds.passed(), kinds.failedTest(), kinds.violation(), kinds.warningOnly(), kinds.errored(), kinds.retried()]);
    expect(markdown).toMatch(/^## ❌ jamf-contract: failed \(1 request could not be made, 1 failed test, 1 contract violation\)/);
    expect(markdown).toContain('| 6 | 5 | 0 | 1 | 5 | 1 | 0 | 1 | 1 | 0 |');
    expect(markdown).toContain('### Failures (3)');
    expect(markdown).toContain('| ❌ GET Jamf Pro API / Buildings / Get building by id | test failed: Status is 200: expected 404 to equal 200 |');
    expect(markdown).toContain('| Violations | schema | GET /v1/departments | 1 |');
    expect(markdown).toContain('| Warnings | deprecated |');
    expect(markdown).toContain('**Retried** 1 requests (2 retries)');
  });

  it('shows names and messages as written: no image, link, code, emphasis or HTML of their own', async () => {
    const hostile = { ...kinds.failedTest(), itemName: '![passed](https://attacker.example/badge.png) [docs](https://attacker.example) `x` **y** ~z~ <img src=x>' };
    const { markdown } = await github([hostile]);
    const row = markdown.split('\n').find((l) => l.includes('attacker.example'))!;
    expect(row).toContain('\\!\\[passed\\](https://attacker.example/badge.png) \\[docs\\](https://attacker.example) \\`x\\` \\*\\*y\\*\\* \\~z\\~ &lt;img src=x&gt;');
    expect(row).not.toMatch(/(^|[^\\])!\[/);
  });

  it('says passed when nothing failed, and honours --fail-on never', async () => {
    expect((await github([kinds.passed()])).markdown).toMatch(/^## ✅ jamf-contract: passed \(all passed\)/);
    expect((await github([kinds.violation()], { failOn: 'never' })).markdown).toMatch(/^## ✅/);
  });

  it('appends to $GITHUB_STEP_SUMMARY, keeping what earlier steps wrote', async () => {
    const stepSummary = join(tempDir(), 'step-summary.md');
    writeFileSync(stepSummary, '# earlier step\n');
    const { markdown } = await github([kinds.passed()], { stepSummary });
    expect(markdown.startsWith('# earlier step\n## ✅')).toBe(true);
  });

  it('writes annotations, capped per level, with one notice for the rest', async () => {
    const failures = Array.from({ length: 14 }, (_, i) => result({ itemName: `bad ${i}`, tests: [{ name: 't', passed: false, error: 'boom' }] }));
    const { commands } = await github(failures, { maxAnnotations: 10 });
    const lines = commands.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.at(-1)).toMatch(/^::notice title=jamf-contract::4 more failures/);
  });

  it('escapes workflow-command data and properties', async () => {
    const r = result({ itemName: 'a, b: c', tests: [{ name: 't', passed: false, error: '100%\nsecond line' }] });
    const { commands } = await github([r]);
    expect(commands).toContain('::error title=GET Jamf Pro API / Buildings / a%2C b%3A c::test failed: t: 100%25%0Asecond line\n');
  });

  it('annotates an early stop as an error', async () => {
    const { commands, markdown } = await github([kinds.passed()], {}, { stopped: { kind: 'interrupted', code: 'INTERRUPTED', message: 'SIGTERM received.', signal: 'SIGTERM' } });
    expect(commands).toMatch(/^::error title=jamf-contract run stopped::run interrupted \(SIGTERM\)/);
    expect(markdown).toContain('> [!CAUTION]');
    expect(markdown).toMatch(/failed \(interrupted by SIGTERM\)/);
  });

  it('redacts the summary and the annotations', async () => {
    const r = result({ itemName: SECRET, tests: [{ name: 'x', passed: false, error: SECRET }] });
    const { markdown, commands } = await github([r]);
    expect(markdown + commands).not.toContain(SECRET);
  });
});
