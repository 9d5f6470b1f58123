/**
 * The run's numeric options as the library receives them (the CLI checks its flags itself):
 * a value that is not a whole number in range is a `USAGE` error before anything is sent —
 * not a crash deep inside (a negative timeout threw from Node's timers; negative iterations
 * ended as `INTERNAL: Invalid array length`).
 */
import { JamfContractError } from '../errors.ts';

/** `value` itself, or `undefined` when not given; anything else than a whole number ≥ `min` is refused. */
export function wholeNumber(value: number | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new JamfContractError('USAGE', `${name} takes a whole number of ${min} or more (got ${typeof value === 'string' ? `"${value}"` : String(value)}).`);
  }
  return value;
}

/** Every numeric option of a run, checked at once (the first wrong one is named). */
export function checkNumbers(options: {
  iterations?: number | undefined;
  parallel?: number | undefined;
  connectionsPerHost?: number | undefined;
  timeoutMs?: number | undefined;
  delayMs?: number | undefined;
  maxRetries?: number | undefined;
  maxResponseBytes?: number | undefined;
  scriptTimeoutMs?: number | undefined;
  runTimeoutMs?: number | undefined;
}): void {
  wholeNumber(options.iterations, 'iterations', 1);
  wholeNumber(options.parallel, 'parallel', 1);
  wholeNumber(options.connectionsPerHost, 'connectionsPerHost', 1);
  wholeNumber(options.timeoutMs, 'timeoutMs', 1);
  wholeNumber(options.delayMs, 'delayMs', 0);
  wholeNumber(options.maxRetries, 'maxRetries', 0);
  wholeNumber(options.maxResponseBytes, 'maxResponseBytes', 0);
  wholeNumber(options.scriptTimeoutMs, 'scriptTimeoutMs', 1);
  wholeNumber(options.runTimeoutMs, 'runTimeoutMs', 1);
}
