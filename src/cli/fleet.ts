/**
 * `run`'s flags for more than one machine or server: `--shard K/N` (with `--shard-timings`)
 * and `--fleet FILE` (with `--fleet-server`, `--hosts`, `--per-host`), and the CLI face of
 * `runFleet`: a line per server as it finishes, then the merged report's reporters.
 */
import type { Command } from 'commander';
import { readSecretsFile } from '../config.ts';
import { JamfContractError } from '../errors.ts';
import { DEFAULT_HOSTS, DEFAULT_PER_HOST, loadFleet, type Fleet } from '../fleet/config.ts';
import { fleetSecrets, type Lookup } from '../fleet/credentials.ts';
import type { FleetRunOptions, ServerResult } from '../fleet/run.ts';
import { loadShardTimings, parseShard, type ShardSpec } from '../load/shard.ts';
import { paint } from '../report/color.ts';
import { formatDuration, plural } from '../report/cli-summary.ts';
import { createReporters, type FailOn } from '../report/index.ts';
import { Redactor } from '../secrets.ts';
import { mergeReporters } from './merge.ts';
import { reporterList, targetsOf, type ReportFlags } from './report-flags.ts';
import { stopOnSignals } from './signals.ts';
import { MAX_CONNECTIONS_PER_HOST } from '../wire/host-limit.ts';
import { collect } from './collect.ts';
import { terminalSafe } from '../report/terminal.ts';

export interface ScaleFlags {
  shard?: string;
  shardTimings?: string;
  fleet?: string;
  fleetServer: string[];
  hosts?: string;
  perHost?: string;
}


export function addScaleOptions(command: Command): void {
  command
    .option('--shard <k/n>', 'run part k of n of the requests (whole top-level folders, chains kept together; the same split on every machine): for CI job matrices, merged with `jamf-contract merge`')
    .option('--shard-timings <report.json>', 'with --shard: balance the parts by the request times in an earlier report.json instead of by request count')
    .option('--fleet <file>', 'run against every server of a fleet file (YAML: name, url and the names of the environment variables holding credentials); reports per server in --out/<name>/ and one merged report')
    .option('--fleet-server <name>', 'with --fleet: only this server (repeatable)', collect, [])
    .option('--hosts <n>', `with --fleet: servers run at a time (default ${DEFAULT_HOSTS})`)
    .option('--per-host <n>', `with --fleet: connections to each server at most, 1-${MAX_CONNECTIONS_PER_HOST} (default ${DEFAULT_PER_HOST}, as Jamf asks); --parallel sets the requests in flight on each, up to this`);
}

/** `--shard` and `--shard-timings` as the run's `shard` option. */
export async function shardSpec(flags: ScaleFlags): Promise<ShardSpec | undefined> {
  if (!flags.shard) {
    if (flags.shardTimings) throw new JamfContractError('USAGE', '--shard-timings balances the parts of --shard K/N: add --shard.');
    return undefined;
  }
  const { index, total } = parseShard(flags.shard);
  return { index, total, ...(flags.shardTimings ? { timings: await loadShardTimings(flags.shardTimings) } : {}) };
}

/** Flags that name one server (or its credentials) make no sense with a fleet file. */
export function refuseSingleServerFlags(flags: Record<string, unknown>): void {
  const clash = [['server', '--server'], ['clientId', '--client-id'], ['username', '--username'], ['simulatorOpenapi', '--simulator-openapi'], ['saveBaseline', '--save-baseline'], ['baseline', '--baseline'], ['dryRun', '--dry-run'], ['exportEnvironment', '--export-environment']]
    .filter(([key]) => flags[key!] !== undefined && flags[key!] !== false)
    .map(([, flag]) => flag);
  if (clash.length > 0) {
    throw new JamfContractError('USAGE', `${clash.join(', ')} cannot be used with --fleet: the fleet file names each server and its credentials.`);
  }
}

export interface FleetCommand {
  file: string;
  flags: ScaleFlags & ReportFlags & { failOn: FailOn; secretsFile?: string; scope?: string; verbose?: boolean };
  run: FleetRunOptions['run'];
  color: boolean;
  /** The doctor's preflight for each server (on unless --no-preflight), given the fleet's redactor. */
  preflight?: (redactor: Redactor) => NonNullable<FleetRunOptions['run']['preflight']>;
}

export async function runFleetCommand(command: FleetCommand): Promise<number> {
  const { flags } = command;
  const fleet = selected(loadFleet(command.file), flags.fleetServer);
  const env: Lookup = { ...(flags.secretsFile ? readSecretsFile(flags.secretsFile) : {}), ...process.env };
  const redactor = fleetSecrets(fleet, env).reduce((r, s) => r.add(s), new Redactor());
  const hosts = count(flags.hosts, '--hosts', DEFAULT_HOSTS);
  const perHost = count(flags.perHost, '--per-host', DEFAULT_PER_HOST);
  // Jamf's guidance is five connections to a server; the wire never opens more.
  if (perHost > MAX_CONNECTIONS_PER_HOST) throw new JamfContractError('USAGE', `--per-host takes 1 to ${MAX_CONNECTIONS_PER_HOST} (got "${flags.perHost}"): Jamf asks clients to keep to ${MAX_CONNECTIONS_PER_HOST} connections to a server.`);
  const inFlight = Math.min(command.run.parallel ?? 1, perHost);
  const outDir = targetsOf(flags).outDir;
  const fileReporters = reporterList(flags).filter((n) => n === 'junit' || n === 'html' || n === 'ctrf');
  const p = paint(command.color);
  const out = (text: string): void => void (flags.silent ? undefined : process.stdout.write(terminalSafe(redactor.redact(text))));
  out(`Fleet ${command.file}: ${plural(fleet.servers.length, 'server')}, ${hosts} at a time, ${plural(inFlight, 'request')} in flight and at most ${plural(perHost, 'connection')} each; reports in ${outDir}/<server>/\n`);
  const stop = stopOnSignals(process.stderr);
  try {
    const { runFleet } = await import('../fleet/run.ts');
    const result = await runFleet({
      fleet,
      env,
      run: { ...command.run, ...(command.preflight ? { preflight: command.preflight(redactor) } : {}) },
      ...(flags.scope ? { scope: flags.scope } : {}),
      outDir,
      serverReporters: (dir, redact) => createReporters(fileReporters, { outDir: dir, stdout: process.stdout, stderr: process.stderr, isTTY: false, color: false, redact, failOn: flags.failOn, junitPerAssertion: flags.junitPerAssertion ?? false }),
      mergedReporters: (r) => mergeReporters(flags, r, command.color, { Fleet: command.file }),
      hosts,
      perHost,
      failOn: flags.failOn,
      signal: stop.signal,
      onServerDone: (r) => out(`${serverLine(r, p)}\n`),
    });
    const failed = result.servers.filter((r) => r.exitCode !== 0).length;
    out(`\nFleet verdict: ${plural(result.servers.length - failed, 'server')} passed, ${failed} did not (exit ${result.exitCode}); merged report in ${outDir}/\n`);
    return result.exitCode;
  } finally {
    stop.dispose();
  }
}

function serverLine(r: ServerResult, p: ReturnType<typeof paint>): string {
  const s = r.summary;
  const mark = r.exitCode === 0 ? p.green('✓') : p.red('✗');
  const version = s.jamfVersion ? `Jamf Pro ${s.jamfVersion} · ` : '';
  const problems = [
    s.counts.testsFailed ? plural(s.counts.testsFailed, 'failed test') : '',
    s.counts.errored ? `${s.counts.errored} not made` : '',
    s.counts.violations ? plural(s.counts.violations, 'violation') : '',
  ].filter(Boolean).join(', ');
  const stopped = s.stopped ? ` · ${s.stopped.kind === 'interrupted' ? 'interrupted' : 'could not run'}: ${s.stopped.code}: ${s.stopped.message}` : '';
  return `${mark} ${r.server.name} (${r.server.url}) · ${version}${plural(s.counts.requests, 'request')}${problems ? ` (${problems})` : ''} · ${formatDuration(s.durationMs)}${stopped} · exit ${r.exitCode}`;
}

function selected(fleet: Fleet, names: string[]): Fleet {
  if (names.length === 0) return fleet;
  const unknown = names.filter((n) => !fleet.servers.some((s) => s.name === n));
  if (unknown.length > 0) {
    throw new JamfContractError('USAGE', `--fleet-server ${unknown.map((n) => `"${n}"`).join(', ')}: not in ${fleet.file} (its servers: ${fleet.servers.map((s) => s.name).join(', ')}).`);
  }
  return { ...fleet, servers: fleet.servers.filter((s) => names.includes(s.name)) };
}

function count(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1 || n > 1000) throw new JamfContractError('USAGE', `${flag} takes a whole number from 1 to 1000 (got "${value}").`);
  return n;
}
