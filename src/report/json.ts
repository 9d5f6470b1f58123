/**
 * The JSON report (`report.json` in `--out`, or `--reporter-json-export FILE`), shape
 * documented in docs/report-json.md. Iterations are numbered from 1 (format version 2),
 * as in the CLI and JUnit; `RequestResult.iteration` counts from 0 inside the tool.
 *
 * Request results are appended to a spill file as they arrive, so a 20,000-request run
 * keeps none of them in memory; at the end the report is assembled in a temp file
 * (header, then the spilled requests) and renamed into place.
 */
import { join } from 'node:path';
import type { Reporter, RequestResult, RunInfo, RunSummary } from '../result.ts';
import { outcomeOf, redactedJson } from './outcome.ts';
import { SpilledReport } from './spill.ts';
import { tool } from './tool.ts';

export const JSON_FORMAT_VERSION = 2;

type Redact = (text: string) => string;

export function createJsonReporter(outDir: string, redact: Redact, options: { path?: string } = {}): Reporter {
  const report = new SpilledReport(options.path ?? join(outDir, 'report.json'), 'requests', '    ');
  let info: RunInfo | undefined;

  return {
    name: 'json',
    onStart(runInfo) {
      info = runInfo;
    },
    onRequest(result) {
      report.add(requestJson(result, redact));
    },
    onEnd(summary) {
      report.write(() => {
        const head = redactedJson(header(info, summary), redact, 2);
        return [`${head.slice(0, -2)},\n  "requests": [\n`, `${report.count > 0 ? '\n' : ''}  ]\n}\n`];
      });
    },
    onAbort() {
      report.abort();
    },
  };
}

/** Everything but `requests`, in the documented key order. */
function header(info: RunInfo | undefined, s: RunSummary): Record<string, unknown> {
  const run = {
    startedAt: info?.startedAt ?? s.startedAt,
    finishedAt: s.finishedAt,
    durationMs: s.durationMs,
    server: s.server,
    jamfVersion: s.jamfVersion ?? null,
    authScheme: s.authScheme ?? null,
    collections: s.collections,
    iterations: s.iterations,
    plannedRequests: s.plannedRequests ?? null,
    tokenRequests: s.tokenRequests,
    pacing: s.pacing ?? null,
    ...(s.suite ? { suite: s.suite } : {}),
    ...(s.shard ? { shard: s.shard } : {}),
    ...(s.serverName ? { serverName: s.serverName } : {}),
  };
  return {
    formatVersion: JSON_FORMAT_VERSION,
    tool,
    run,
    interrupted: s.stopped?.kind === 'interrupted',
    stopped: s.stopped ?? null,
    counts: s.counts,
    folders: s.folders,
    notices: s.notices,
    coverage: s.coverage ?? null,
    ...(s.merged ? { merged: s.merged } : {}),
  };
}

/** A result as stored: every field of `RequestResult` (iteration from 1) plus its `outcome`, strings redacted. */
export function requestJson(r: RequestResult, redact: Redact): string {
  return redactedJson({ ...r, iteration: r.iteration + 1, outcome: outcomeOf(r) }, redact);
}

/** A stored request back as the result type (iteration from 0), so reports can be rebuilt from a report.json. */
export function requestFromJson(stored: Record<string, unknown>): RequestResult {
  const { outcome: _outcome, ...rest } = stored;
  return { ...(rest as unknown as RequestResult), iteration: Number(stored.iteration ?? 1) - 1 };
}
