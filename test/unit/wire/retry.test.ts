import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelay } from '../../../src/wire/retry.ts';

describe('retryDelay', () => {
  const table: Array<{ name: string; given: Parameters<typeof retryDelay>; want: number | undefined }> = [
    { name: 'a read answered 503 waits a short backoff', given: ['GET', 503, undefined, 0, 2], want: 250 },
    { name: 'the second retry waits longer', given: ['GET', 502, undefined, 1, 2], want: 1000 },
    { name: 'no retry past the limit', given: ['GET', 504, undefined, 2, 2], want: undefined },
    { name: 'retries off', given: ['GET', 503, undefined, 0, 0], want: undefined },
    { name: '429 honours Retry-After in seconds', given: ['GET', 429, '3', 0, 2], want: 3000 },
    { name: '429 without Retry-After backs off', given: ['HEAD', 429, undefined, 0, 2], want: 250 },
    { name: 'a Retry-After past 30 s is not waited for', given: ['GET', 429, '120', 0, 2], want: undefined },
    { name: 'a write is never resent', given: ['POST', 503, undefined, 0, 2], want: undefined },
    { name: 'nor a DELETE', given: ['DELETE', 429, '1', 0, 2], want: undefined },
    { name: 'a 500 is an answer, not a transient', given: ['GET', 500, undefined, 0, 2], want: undefined },
    { name: 'a 404 is an answer', given: ['GET', 404, undefined, 0, 2], want: undefined },
  ];
  for (const { name, given, want } of table) it(name, () => expect(retryDelay(...given)).toBe(want));
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  it('reads seconds', () => expect(parseRetryAfter('5', now)).toBe(5000));
  it('reads an HTTP date', () => expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:04 GMT', now)).toBe(4000));
  it('a date in the past means now', () => expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0));
  it('ignores nonsense', () => expect(parseRetryAfter('soon', now)).toBeUndefined());
  it('ignores nothing', () => expect(parseRetryAfter(undefined, now)).toBeUndefined());
});
