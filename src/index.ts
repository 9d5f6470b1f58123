/** The public library API: everything the CLI uses is importable from here. */
import type { RunningSimulator, SimulatorOptions } from './simulator/index.ts';
export * from './errors.ts';
export * from './result.ts';
export { Redactor, REDACTED } from './secrets.ts';
export { runCollections, type RunOptions, type ResponseObserver } from './execute/run.ts';
export type { Exchange } from './wire/exchange.ts';
export { loadCollections, parseCollection, type LoadedCollection } from './load/collection.ts';
export { loadEnvironment, loadGlobals, parseEnvironment, type LoadedEnvironment } from './load/environment.ts';
export { convert, type ConvertOptions, type ConvertResult } from './load/convert.ts';
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
export { loadSources, type SourceOptions, type LoadedSources } from './generate/sources.ts';
export { writeCollection, collectionJson, type OutputFormat } from './generate/write.ts';
export * as baseline from './baseline/index.ts';
export { runDoctor, preflight, renderDoctorText, type DoctorOptions, type DoctorReport, type DoctorCheck } from './doctor/index.ts';
export { selectShard, parseShard, loadShardTimings, type ShardSpec, type ShardSelection } from './load/shard.ts';
export { mergeReports, type MergeOptions, type MergeResult } from './report/merge/index.ts';
export { runFleet, type FleetRunOptions, type FleetResult, type ServerResult } from './fleet/run.ts';
export { loadFleet, parseFleet, type Fleet, type FleetServer } from './fleet/config.ts';
