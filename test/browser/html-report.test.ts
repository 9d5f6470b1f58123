/**
 * The HTML report in a real browser: Debian's chromium, headless, driven by playwright-core
 * (no browser download). It loads the report of a real run against the simulator, checks
 * there are no console errors, that filters and search work and details open, takes a
 * screenshot (kept in test-artifacts/, git-ignored), and loads a 20,000-request report.
 * Skipped with a note when /usr/bin/chromium is absent (`apt-get install chromium`).
 * Load times are measured in bench/ (npm run bench), not asserted here.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { realRun, type RealRun } from '../report/real-run.ts';
import { CHROMIUM, CHROMIUM_ARGS, writeLargeReport } from './large-report.ts';

// Real CLI runs and a real browser: slow on a loaded machine, never asserted on time.
vi.setConfig({ testTimeout: 120_000 });
const present = existsSync(CHROMIUM);
if (!present) console.log(`note: ${CHROMIUM} is absent: the HTML report browser tests are skipped (apt-get install -y chromium)`);
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

describe.skipIf(!present)('the HTML report in chromium', () => {
  let context: BrowserContext;
  let profile: string;
  let run: RealRun;
  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'jc-chromium-'));
    [context, run] = await Promise.all([
      chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 1000 } }),
      realRun('json,html'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  async function open(file: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    return { page, errors, requests };
  }
  const shown = (page: Page) => page.locator('tr.req').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));

  it('shows a real run: verdict, counts, failures first, no console errors, no network', async () => {
    const { page, errors, requests } = await open(join(run.out, 'report.html'));
    expect(await page.textContent('#verdict')).toBe('failed');
    expect(await page.textContent('#counts')).toContain('16Requests');
    const outcomes = await shown(page);
    expect(outcomes).toHaveLength(16);
    expect(outcomes.slice(0, 2)).toEqual(['errored', 'errored']);
    expect(outcomes.indexOf('passed')).toBeGreaterThan(outcomes.lastIndexOf('failed'));
    expect(await page.textContent('#findings')).toContain('schema');
    expect(await page.textContent('#coverage')).toContain('operations exercised');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('filters by outcome, searches by name, opens details, and takes the screenshot', async () => {
    const { page, errors } = await open(join(run.out, 'report.html'));
    await page.uncheck('input[name=outcome][value=passed]');
    await page.uncheck('input[name=outcome][value=skipped]');
    expect(new Set(await shown(page))).toEqual(new Set(['failed', 'errored']));
    await page.fill('#search', 'categories');
    await expect.poll(() => shown(page)).toHaveLength(2);
    await page.click('tr.req >> nth=0');
    const detail = await page.textContent('tr.detail');
    expect(detail).toContain('Retried 2×');
    expect(detail).toContain('undocumented-status');
    await page.fill('#search', '');
    await page.check('#only-retried');
    await expect.poll(() => shown(page)).toHaveLength(2);
    await page.uncheck('#only-retried');
    await page.check('input[name=outcome][value=skipped]');
    await page.fill('#search', 'create building');
    await expect.poll(() => shown(page)).toEqual(['skipped', 'skipped']);
    await page.click('tr.req >> nth=0');
    expect(await page.textContent('tr.detail')).toContain('read-only');
    await page.fill('#search', '');
    await expect.poll(async () => (await shown(page)).length).toBe(14);
    await page.click('tr.req[data-outcome=failed] >> nth=0');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'html-report.png'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('loads a 20,000-request report and filters it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jc-large-'));
    try {
      const file = await writeLargeReport(dir, 20_000);
      const { page, errors } = await open(file);
      expect(await page.textContent('#shown')).toBe('200 of 20000 matching requests shown (20000 in the run)');
      await page.uncheck('input[name=outcome][value=passed]');
      await page.uncheck('input[name=outcome][value=skipped]');
      const text = await page.textContent('#shown');
      expect(Number(/of (\d+) matching/.exec(text ?? '')?.[1])).toBeGreaterThan(0);
      expect(Number(/of (\d+) matching/.exec(text ?? '')?.[1])).toBeLessThan(20_000);
      await page.click('#more');
      expect(await page.locator('tr.req').count()).toBe(400);
      expect(await page.textContent('#stopped')).toContain('Run interrupted (SIGTERM)');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
