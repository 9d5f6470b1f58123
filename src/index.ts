/** The public library API: everything the CLI uses is importable from here. */
export * from './errors.ts';
export * from './result.ts';
export { Redactor, REDACTED } from './secrets.ts';
export { runCollections, type RunOptions, type ResponseObserver } from './execute/run.ts';
export type { Exchange } from './execute/engine.ts';
export { loadCollections, parseCollection, type LoadedCollection } from './load/collection.ts';
export { loadEnvironment, parseEnvironment, type LoadedEnvironment } from './load/environment.ts';
export { detectServerVariables, serverVariableValues, type ServerVariable } from './resolve/conventions.ts';
export { ClientCredentialsTokens } from './auth/client-credentials.ts';
export { UserBearerTokens } from './auth/user-bearer.ts';
export { openAuthSession, type AuthMode, type AuthSession, type Credentials } from './auth/session.ts';
export { loadSpec, resolveAutoSpec, type LoadedSpec } from './load/spec.ts';
export { createContractChecker, type ContractChecker, type CheckerOptions } from './validate/index.ts';
export { contractFor } from './validate/for-run.ts';
export { createReporters, type ReporterOptions } from './report/index.ts';
export { startSimulator, type SimulatorOptions, type RunningSimulator } from './simulator/index.ts';
export * as diff from './diff/index.ts';
export * as baseline from './baseline/index.ts';
