/**
 * What a merge is made of: the runs behind the reports given (a merged report counts as the
 * runs it was merged from), and whether they belong together. Reports of different suites,
 * iteration counts or tool versions, or of one server on different Jamf Pro versions, are
 * refused unless `allowMixed`; the same run given twice (the same shard of the same server
 * and suite, or a server's whole run next to one of its shards) is always refused, since its
 * requests would count twice. Missing shards are not an error: they are reported.
 */
import { JamfContractError } from '../../errors.ts';
import type { RunCounts, RunStop } from '../../result.ts';
import type { StoredReport } from './read.ts';

export interface Part {
  file: string;
  /** The server's name in a fleet, else its host. */
  server: string;
  shard?: { index: number; total: number };
  /** The suite fingerprint, or the collection names for reports without one. */
  suite: string;
  iterations: number;
  jamfVersion?: string;
  toolVersion: string;
  counts: RunCounts;
  durationMs: number;
  stopped?: RunStop;
}

export function partsOf(report: StoredReport): Part[] {
  const s = report.summary;
  const suite = s.suite ?? `collections ${s.collections.join(', ')}`;
  const base = { file: report.file, suite, iterations: s.iterations, toolVersion: report.toolVersion };
  if (s.merged && s.merged.reports.length > 0) {
    return s.merged.reports.map((r) => ({
      ...base,
      server: r.server,
      ...(r.shard ? { shard: r.shard } : {}),
      ...(r.jamfVersion ? { jamfVersion: r.jamfVersion } : {}),
      counts: r.counts,
      durationMs: r.durationMs,
      ...(r.stopped ? { stopped: r.stopped } : {}),
    }));
  }
  return [{
    ...base,
    server: serverLabel(s.serverName, s.server),
    ...(s.shard ? { shard: { index: s.shard.index, total: s.shard.total } } : {}),
    ...(s.jamfVersion ? { jamfVersion: s.jamfVersion } : {}),
    counts: s.counts,
    durationMs: s.durationMs,
    ...(s.stopped ? { stopped: s.stopped } : {}),
  }];
}

/**
 * A fleet member's name, else the server URL's host (`acme.jamfcloud.com`). Servers on this
 * machine (the embedded simulator, on a new port each run) are one server, `localhost`.
 */
export function serverLabel(name: string | undefined, url: string): string {
  if (name) return name;
  try {
    const u = new URL(url);
    if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(u.hostname)) return 'localhost';
    return u.host || url;
  } catch {
    return url;
  }
}

/** Refuses parts that do not belong together; returns the shards no part covers (`K/N`, or `server K/N`). */
export function checkParts(parts: Part[], allowMixed: boolean): string[] {
  if (!allowMixed) {
    differ(parts, (p) => p.suite, 'different suites (collections, folders or requests)', 'Merge the reports of one suite');
    differ(parts, (p) => String(p.iterations), 'different iteration counts', 'Merge reports of runs with the same --iterations');
    differ(parts, (p) => p.toolVersion, 'different versions of jamf-contract', 'Run every job with one version');
    for (const group of groupBy(parts, (p) => p.server).values()) {
      differ(group.filter((p) => p.jamfVersion), (p) => p.jamfVersion!, `different Jamf Pro versions of one server (${group[0]!.server})`, 'Merge reports from before and after an upgrade separately');
    }
  }
  const missing: string[] = [];
  const servers = new Set(parts.map((p) => p.server));
  for (const group of groupBy(parts, (p) => `${p.server}\u0000${p.suite}`).values()) {
    overlap(group);
    const sharded = group.filter((p) => p.shard);
    if (sharded.length === 0) continue;
    if (!allowMixed) differ(sharded, (p) => String(p.shard!.total), `shards of different splits (${[...new Set(sharded.map((p) => `/${p.shard!.total}`))].join(', ')})`, 'Merge the shards of one --shard K/N split');
    const total = Math.max(...sharded.map((p) => p.shard!.total));
    const have = new Set(sharded.map((p) => p.shard!.index));
    for (let k = 1; k <= total; k++) if (!have.has(k)) missing.push(`${servers.size > 1 ? `${group[0]!.server} ` : ''}${k}/${total}`);
  }
  return missing;
}

/** One run given twice: its requests would count twice. */
function overlap(group: Part[]): void {
  const seen = new Map<string, Part>();
  const whole = group.find((p) => !p.shard);
  if (whole && group.length > 1) {
    const other = group.find((p) => p !== whole)!;
    throw overlapError(whole, other, `${other.shard ? `shard ${other.shard.index}/${other.shard.total} is part of` : 'it is the same as'} the whole run of ${whole.server}`);
  }
  if (whole) return;
  for (const p of group) {
    const key = `${p.shard!.index}/${p.shard!.total}`;
    const first = seen.get(key);
    if (first) throw overlapError(first, p, `both are shard ${key} of ${p.server}`);
    seen.set(key, p);
  }
}

function overlapError(a: Part, b: Part, why: string): JamfContractError {
  const files = a.file === b.file ? a.file : `${a.file} and ${b.file}`;
  return new JamfContractError('MERGE_OVERLAP', `${files} hold the same run twice (${why}): its requests would count twice. Give each report once.`);
}

function differ(parts: Part[], key: (p: Part) => string, what: string, remedy: string): void {
  const groups = groupBy(parts, key);
  if (groups.size <= 1) return;
  const described = [...groups].slice(0, 3).map(([value, ps]) => `${[...new Set(ps.map((p) => p.file))].slice(0, 2).join(', ')}${ps.length > 2 ? ', …' : ''}: ${value}`);
  throw new JamfContractError('MERGE_MIXED', `The reports come from ${what} — ${described.join('; ')}${groups.size > 3 ? '; …' : ''}. ${remedy}, or pass --allow-mixed to merge them anyway.`);
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
