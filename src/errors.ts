/**
 * Tool failures (bad input, network, auth) as one error class with a stable code.
 * A failed `pm.test` or a contract violation is *not* an error: those are results.
 * Tests match `code`, never the wording of `message`.
 */
export const ExitCode = {
  ok: 0,
  usage: 1,
  badInput: 2,
  cannotRun: 3,
  failed: 4,
  /** Stopped by SIGINT (128 + 2), as shells report it. */
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15). */
  terminated: 143,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

const exitCodes = {
  USAGE: ExitCode.usage,
  CONFIG_INVALID: ExitCode.badInput,
  COLLECTION_READ: ExitCode.badInput,
  COLLECTION_PARSE: ExitCode.badInput,
  COLLECTION_NOT_POSTMAN: ExitCode.badInput,
  COLLECTION_VERSION: ExitCode.badInput,
  COLLECTION_EMPTY: ExitCode.badInput,
  COLLECTION_INVALID: ExitCode.badInput,
  FOLDER_NOT_FOUND: ExitCode.badInput,
  ENVIRONMENT_READ: ExitCode.badInput,
  ENVIRONMENT_KIND: ExitCode.badInput,
  GLOBALS_READ: ExitCode.badInput,
  VARIABLES_UNRESOLVED: ExitCode.badInput,
  SPEC_READ: ExitCode.badInput,
  SPEC_PARSE: ExitCode.badInput,
  SPEC_NOT_OPENAPI: ExitCode.badInput,
  SPEC_REF: ExitCode.badInput,
  BASELINE_INVALID: ExitCode.badInput,
  DATA_INVALID: ExitCode.badInput,
  BODY_READ: ExitCode.badInput,
  REPORT_READ: ExitCode.badInput,
  MERGE_MIXED: ExitCode.badInput,
  MERGE_OVERLAP: ExitCode.badInput,
  FLEET_INVALID: ExitCode.badInput,
  NETWORK: ExitCode.cannotRun,
  TIMEOUT: ExitCode.cannotRun,
  TLS: ExitCode.cannotRun,
  SERVER_RESPONSE: ExitCode.cannotRun,
  RESPONSE_TOO_LARGE: ExitCode.cannotRun,
  AUTH_INVALID_CLIENT: ExitCode.cannotRun,
  AUTH_CLIENT_DISABLED: ExitCode.cannotRun,
  AUTH_INVALID_SCOPE: ExitCode.cannotRun,
  AUTH_BAD_CREDENTIALS: ExitCode.cannotRun,
  AUTH_BASIC_UNAVAILABLE: ExitCode.cannotRun,
  AUTH_TOKEN_ENDPOINT: ExitCode.cannotRun,
  AUTH_MISSING_CREDENTIALS: ExitCode.cannotRun,
  SIMULATOR_START: ExitCode.cannotRun,
  REPORT_WRITE: ExitCode.cannotRun,
  OUTPUT_WRITE: ExitCode.cannotRun,
  PREFLIGHT_FAILED: ExitCode.cannotRun,
  CONTRACT_UNAVAILABLE: ExitCode.cannotRun,
  JAMF_VERSION_UNEXPECTED: ExitCode.cannotRun,
  PRIVILEGES_UNAVAILABLE: ExitCode.cannotRun,
  INTERRUPTED: ExitCode.interrupted,
  TERMINATED: ExitCode.terminated,
  INTERNAL: ExitCode.cannotRun,
} as const satisfies Record<string, ExitCodeValue>;

export type ErrorCode = keyof typeof exitCodes;

export class JamfContractError extends Error {
  override readonly name = 'JamfContractError';
  readonly code: ErrorCode;
  readonly exitCode: ExitCodeValue;
  /** For transport errors: false when the request provably never reached the server. */
  readonly sent?: boolean;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; sent?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.exitCode = exitCodes[code];
    if (options?.sent !== undefined) this.sent = options.sent;
  }
}

export function isJamfContractError(error: unknown): error is JamfContractError {
  return error instanceof JamfContractError;
}

export function exitCodeFor(code: ErrorCode): ExitCodeValue {
  return exitCodes[code];
}
