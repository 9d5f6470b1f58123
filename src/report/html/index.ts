/**
 * `--reporter html`: one self-contained page (`report.html` in `--out`, or
 * `--reporter-html-export FILE`) that works opened from a CI artifact: no network, no CDN,
 * no framework. The run's data sits in the page as compact JSON (see `data.ts`) and a small
 * script (`app.js`, plain DOM code) draws the header, verdict, counts, folder table,
 * findings, baseline changes, coverage and the request list, failures first, with outcome
 * filters and search. Only the requests in view are drawn, so 20,000 requests load fast.
 *
 * Rows are spilled to a temp file as they arrive (as report.json does), the string table
 * is kept in memory (one entry per distinct string), and the page is assembled and renamed
 * into place at the end. Every string is redacted on the way in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpilledReport } from '../spill.ts';
import type { Reporter, RunInfo, RunSummary } from '../../result.ts';
import { redactedJson } from '../outcome.ts';
import { tool } from '../tool.ts';
import { verdictOf, type FailOn } from '../verdict.ts';
import { rowOf, scriptSafe, StringTable } from './data.ts';

type Redact = (text: string) => string;

/** What a baseline comparison adds to the page (`--baseline`). */
export interface HtmlBaseline {
  /** The baseline file compared with. */
  against: string;
  changes: Array<{ level: string; kind: string; request: string; message: string; operation?: string }>;
}

export interface HtmlOptions {
  path?: string;
  /** Run settings worth showing in the header: `read-only: yes`, `contract: server /api/schema`… */
  flags?: Record<string, string>;
  /** Called at the end of the run; returns the baseline comparison when `--baseline` was given. */
  baseline?: (summary: RunSummary) => HtmlBaseline | undefined;
  failOn?: FailOn;
}

const asset = (name: string): string => readFileSync(new URL(name, import.meta.url), 'utf8');

export function createHtmlReporter(outDir: string, redact: Redact, options: HtmlOptions = {}): Reporter {
  const report = new SpilledReport(options.path ?? join(outDir, 'report.html'), 'rows');
  const strings = new StringTable(redact);
  let info: RunInfo | undefined;

  return {
    name: 'html',
    onStart(runInfo) {
      info = runInfo;
    },
    onRequest(result) {
      // Row strings are indexes and numbers only: nothing in them needs redacting or escaping.
      report.add(JSON.stringify(rowOf(result, strings)));
    },
    onEnd(summary) {
      report.write(() => {
        const meta = metaOf(info ?? summary, summary, options);
        const [head, tail] = page(redact(titleOf(summary)));
        return [
          `${head}{"meta":${scriptSafe(redactedJson(meta, redact))},"rows":[\n`,
          `\n],"strings":${scriptSafe(JSON.stringify(strings.list))}}${tail}`,
        ];
      });
    },
    onAbort() {
      report.abort();
    },
  };
}

function titleOf(s: RunSummary): string {
  const verdict = s.stopped ? 'stopped' : s.counts.errored + s.counts.testsFailed + s.counts.scriptErrors + s.counts.violations > 0 ? 'failed' : 'passed';
  return `jamf-contract ${verdict}: ${s.collections.join(', ')}`;
}

function metaOf(info: RunInfo, s: RunSummary, options: HtmlOptions): Record<string, unknown> {
  return {
    tool,
    generatedAt: new Date().toISOString(),
    run: {
      startedAt: info.startedAt,
      finishedAt: s.finishedAt,
      durationMs: s.durationMs,
      server: s.server,
      jamfVersion: s.jamfVersion ?? null,
      authScheme: s.authScheme ?? null,
      collections: s.collections,
      iterations: s.iterations,
      tokenRequests: s.tokenRequests,
    },
    verdict: verdictOf(s, options.failOn),
    flags: options.flags ?? {},
    stopped: s.stopped ?? null,
    counts: s.counts,
    folders: s.folders,
    notices: s.notices,
    coverage: s.coverage ?? null,
    baseline: options.baseline?.(s) ?? null,
  };
}

/** The page around the data: `[everything up to the data, everything after it]`. */
function page(title: string): [string, string] {
  const escapedTitle = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const head =
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    // No network from the page, whatever a string in it says.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">\n` +
    `<title>${escapedTitle}</title>\n<style>\n${asset('./style.css')}</style>\n</head>\n<body>\n` +
    '<noscript>This report needs JavaScript to show its data; report.json holds the same results.</noscript>\n' +
    '<div id="app"></div>\n<script id="jc-data" type="application/json">';
  const tail = `</script>\n<script>\n${asset('./app.js')}</script>\n</body>\n</html>\n`;
  return [head, tail];
}
