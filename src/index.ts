/**
 * The public library API: everything the CLI uses is importable from here. What a program
 * that runs collections does not need is loaded when first called (the simulator, fleet runs,
 * the doctor, merging reports, converting collections, reading generate's sources): importing
 * the package took ~133 ms on the project's machine with them, ~120 ms without (medians of 8,
 * interleaved).
 */
import type { ConvertOptions, ConvertResult } from './load/convert.ts';
import type { DoctorOptions, DoctorReport } from './doctor/index.ts';
import type { FleetResult, FleetRunOptions } from './fleet/run.ts';
import type { LoadedSources, SourceOptions } from './generate/sources.ts';
import type { MergeOptions, MergeResult } from './report/merge/index.ts';
import type { RunningSimulator, SimulatorOptions } from './simulator/index.ts';
export * from './errors.ts';
export * from './result.ts';
export { Redactor, REDACTED } from './secrets.ts';
export { runCollections, type RunOptions, type ResponseObserver } from './execute/run.ts';
export type { Exchange } from './wire/exchange.ts';
export { loadCollections, parseCollection, type LoadedCollection } from './load/collection.ts';
export { loadEnvironment, loadGlobals, parseEnvironment, type LoadedEnvironment } from './load/environment.ts';
export type { ConvertOptions, ConvertResult } from './load/convert.ts';
export { loadV3Collection } from './load/v3/index.ts';
export { collectionToV3, type V3Files } from './load/v3/from-v2.ts';
export { detectServerVariables, serverVariableValues, type ServerVariable } from './resolve/conventions.ts';
export { ClientCredentialsTokens } from './auth/client-credentials.ts';
export { UserBearerTokens } from './auth/user-bearer.ts';
export { openAuthSession, type AuthMode, type AuthSession, type Credentials } from './auth/session.ts';
export { loadSpec, resolveAutoSpec, type LoadedSpec } from './load/spec.ts';
export { createContractChecker, type ContractChecker, type CheckerOptions } from './validate/index.ts';
export { contractFor } from './validate/for-run.ts';
export { createReporters, type ReporterOptions } from './report/index.ts';
export type { SimulatorOptions, RunningSimulator } from './simulator/index.ts';
/**
 * Starts the embedded Jamf Pro simulator. Loaded when first called: a program that only runs
 * collections against a server does not pay for it (about 0.1 s of start-up).
 */
export async function startSimulator(options?: SimulatorOptions): Promise<RunningSimulator> {
  return (await import('./simulator/index.ts')).startSimulator(options);
}
export * as diff from './diff/index.ts';
export { generateCollection, renderSummary, type GenerateInput, type GenerateResult, type GenerateSummary, type Grants } from './generate/index.ts';
export type { SourceOptions, LoadedSources } from './generate/sources.ts';
export { writeCollection, collectionJson, type OutputFormat } from './generate/write.ts';
export * as baseline from './baseline/index.ts';
export type { DoctorOptions, DoctorReport, DoctorCheck } from './doctor/index.ts';
export { renderDoctorText } from './doctor/render.ts';
export { selectShard, parseShard, loadShardTimings, type ShardSpec, type ShardSelection } from './load/shard.ts';
export type { MergeOptions, MergeResult } from './report/merge/index.ts';
export type { FleetRunOptions, FleetResult, ServerResult } from './fleet/run.ts';
export { loadFleet, parseFleet, type Fleet, type FleetServer } from './fleet/config.ts';

// Loaded when first called (see the top of this file); each hands over to the module's own function.
export async function convert(sources: string[], out: string, options?: ConvertOptions): Promise<ConvertResult> {
  return (await import('./load/convert.ts')).convert(sources, out, options);
}
export async function loadSources(options: SourceOptions): Promise<LoadedSources> {
  return (await import('./generate/sources.ts')).loadSources(options);
}
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  return (await import('./doctor/index.ts')).runDoctor(options);
}
export async function preflight(options: DoctorOptions): Promise<{ ok: boolean; report: DoctorReport }> {
  return (await import('./doctor/index.ts')).preflight(options);
}
export async function mergeReports(files: string[], options: MergeOptions): Promise<MergeResult> {
  return (await import('./report/merge/index.ts')).mergeReports(files, options);
}
export async function runFleet(options: FleetRunOptions): Promise<FleetResult> {
  return (await import('./fleet/run.ts')).runFleet(options);
}
