/**
 * Reading a `report.json` back (docs/report-json.md, format version 2) for `merge`: its
 * header as the run's summary, its requests as results. Anything else is refused with the
 * file named, so a wrong path or an artifact of another tool never merges silently.
 */
import { readFileSync } from 'node:fs';
import { JamfContractError } from '../../errors.ts';
import type { MergeInfo, Notice, RequestResult, RunCounts, RunStop, RunSummary, ShardInfo } from '../../result.ts';
import { emptyCounts } from '../../result.ts';
import { JSON_FORMAT_VERSION, requestFromJson } from '../json.ts';
import { countsProblem, shapeProblem } from './shape.ts';

export interface StoredReport {
  /** The file as given. */
  file: string;
  toolVersion: string;
  /** The report's header as the run's summary. */
  summary: RunSummary;
  requestCount: number;
}

interface StoredJson {
  formatVersion?: unknown;
  tool?: { version?: unknown };
  run?: Record<string, unknown>;
  stopped?: unknown;
  counts?: unknown;
  folders?: unknown;
  notices?: unknown;
  coverage?: unknown;
  merged?: unknown;
  requests?: unknown;
}

/** The file read and checked; `checked: false` skips the checks when its header already passed them. */
function parse(file: string, checked = true): StoredJson {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const why = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message;
    throw new JamfContractError('REPORT_READ', `Cannot read report ${file}: ${why}.`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new JamfContractError('REPORT_READ', `${file} is not valid JSON (${(cause as Error).message}): pass the report.json files jamf-contract wrote.`, { cause });
  }
  const stored = (json ?? {}) as StoredJson;
  if (typeof json !== 'object' || Array.isArray(json) || !stored.run || !Array.isArray(stored.requests) || !stored.counts) {
    throw new JamfContractError('REPORT_READ', `${file} is not a jamf-contract report.json (no "run", "counts" and "requests"): pass the report.json files jamf-contract wrote.`);
  }
  if (stored.formatVersion !== JSON_FORMAT_VERSION) {
    throw new JamfContractError(
      'REPORT_READ',
      `${file} has report format version ${String(stored.formatVersion)}; merge reads version ${JSON_FORMAT_VERSION}. Re-run that job with this version of jamf-contract.`,
    );
  }
  if (!checked) return stored;
  const problem = shapeProblem(json);
  if (problem) {
    throw new JamfContractError('REPORT_READ', `${file} is not a report.json merge can read: ${problem}. Pass the report.json files jamf-contract wrote, as written.`);
  }
  const differ = countsProblem(stored.counts as Partial<RunCounts>, (stored.requests as Array<Record<string, unknown>>).map(requestFromJson));
  if (differ) {
    throw new JamfContractError('REPORT_READ', `${file}: its counts do not match its requests (${differ}); it was changed or damaged after it was written. Pass the report.json files jamf-contract wrote, as written.`);
  }
  return stored;
}

/** The report's header; its requests are read later, one file at a time (`readRequests`). */
export function readReport(file: string): StoredReport {
  const stored = parse(file);
  const run = stored.run!;
  const optional = <T>(value: unknown): T | undefined => (value === null || value === undefined ? undefined : (value as T));
  const summary: RunSummary = {
    startedAt: String(run.startedAt ?? ''),
    finishedAt: String(run.finishedAt ?? ''),
    durationMs: Number(run.durationMs ?? 0),
    server: String(run.server ?? ''),
    collections: Array.isArray(run.collections) ? run.collections.map(String) : [],
    iterations: Number(run.iterations ?? 1),
    tokenRequests: Number(run.tokenRequests ?? 0),
    counts: { ...emptyCounts(), ...(stored.counts as Partial<RunCounts>) },
    folders: (stored.folders ?? {}) as Record<string, RunCounts>,
    notices: Array.isArray(stored.notices) ? (stored.notices as Notice[]) : [],
    ...maybe('jamfVersion', optional<string>(run.jamfVersion)),
    ...maybe('authScheme', optional<string>(run.authScheme)),
    ...maybe('plannedRequests', optional<number>(run.plannedRequests)),
    ...maybe('suite', optional<string>(run.suite)),
    ...maybe('shard', optional<ShardInfo>(run.shard)),
    ...maybe('serverName', optional<string>(run.serverName)),
    ...maybe('coverage', optional<unknown>(stored.coverage)),
    ...maybe('stopped', optional<RunStop>(stored.stopped)),
    ...maybe('merged', optional<MergeInfo>(stored.merged)),
  };
  return { file, toolVersion: String(stored.tool?.version ?? ''), summary, requestCount: (stored.requests as unknown[]).length };
}

/** The report's requests as results (iterations from 0 again). */
export function readRequests(file: string): RequestResult[] {
  // Checked when its header was read (readReport), before anything was merged.
  return (parse(file, false).requests as Array<Record<string, unknown>>).map(requestFromJson);
}

function maybe<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
