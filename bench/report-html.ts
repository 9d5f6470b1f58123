/**
 * HTML report benchmark (not a test): a 20,000-request report written by the `html`
 * reporter — time to write, file size (raw and gzip) — and, when
 * Debian's chromium is installed, its load time in headless chromium (navigation to the
 * first page of rows drawn) and the time to apply an outcome filter and a search.
 * Figures are medians of `runs` loads, each in a fresh page.
 * Run: node bin/run-ts.js bench/report-html.ts [requests] [runs]
 */
import { existsSync, mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, writeLargeReport } from '../test/browser/large-report.ts';

const requests = Number(process.argv[2] ?? 20_000);
const runs = Number(process.argv[3] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = mkdtempSync(join(tmpdir(), 'jc-bench-html-'));

try {
  const writes: number[] = [];
  let file = '';
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    file = await writeLargeReport(dir, requests);
    writes.push(performance.now() - t);
  }
  const bytes = statSync(file).size;
  const gz = gzipSync(readFileSync(file)).length;
  console.log(`write ${requests} requests: ${median(writes).toFixed(0)} ms (median of 3; rows are spilled to a temp file, only the string table stays in memory)`);
  console.log(`size: ${(bytes / 1e6).toFixed(2)} MB (${(bytes / requests).toFixed(0)} bytes/request), gzip ${(gz / 1e6).toFixed(2)} MB`);

  if (!existsSync(CHROMIUM)) {
    console.log(`${CHROMIUM} is absent: load time not measured (apt-get install -y chromium)`);
  } else {
    const profile = mkdtempSync(join(tmpdir(), 'jc-bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 1000 } });
    const loads: number[] = [];
    const filters: number[] = [];
    const searches: number[] = [];
    let heap = 0;
    try {
      for (let i = 0; i < runs; i++) {
        const page = await context.newPage();
        const t = performance.now();
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector('body[data-ready]', { timeout: 120_000 });
        loads.push(performance.now() - t);
        let s = performance.now();
        await page.uncheck('input[name=outcome][value=passed]');
        await page.waitForFunction(() => !document.querySelector('tr.req[data-outcome=passed]'));
        filters.push(performance.now() - s);
        s = performance.now();
        await page.fill('#search', 'request 407');
        await page.waitForFunction(() => document.querySelectorAll('tr.req').length > 0 && [...document.querySelectorAll('tr.req')].every((r) => r.textContent?.toLowerCase().includes('request 407')));
        searches.push(performance.now() - s);
        heap = Math.max(heap, await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0));
        await page.close();
      }
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    console.log(`chromium load to first rows drawn: ${median(loads).toFixed(0)} ms (median of ${runs}; min ${Math.min(...loads).toFixed(0)}, max ${Math.max(...loads).toFixed(0)})`);
    console.log(`outcome filter: ${median(filters).toFixed(0)} ms; search (includes the 120 ms typing debounce): ${median(searches).toFixed(0)} ms; page JS heap ${(heap / 1e6).toFixed(0)} MB`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
