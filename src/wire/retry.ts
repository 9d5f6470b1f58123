/**
 * Safe retries, as Jamf asks clients to do them: only idempotent reads, only on answers that
 * say "try again" (429 honouring Retry-After; 502/503/504 from the edge or a busy node),
 * a bounded number of times. A write that reached the server is never resent.
 */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);
const TRANSIENT = new Set([502, 503, 504]);
/** Past this, a Retry-After is a "come back later", not a pause within a run. */
export const MAX_RETRY_AFTER_MS = 30_000;
const BACKOFF_MS = [250, 1000, 4000];

/** The pause before retry number `attempt + 1`. */
export function backoffMs(attempt: number): number {
  return BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
}

/** Milliseconds to wait before retry number `attempt + 1`, or undefined for "do not retry". */
export function retryDelay(method: string, status: number, retryAfter: string | undefined, attempt: number, maxRetries: number): number | undefined {
  if (attempt >= maxRetries || !IDEMPOTENT.has(method.toUpperCase())) return undefined;
  if (status === 429) {
    const ms = parseRetryAfter(retryAfter);
    if (ms === undefined) return backoffMs(attempt);
    return ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
  }
  return TRANSIENT.has(status) ? backoffMs(attempt) : undefined;
}

/** `Retry-After` is seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
