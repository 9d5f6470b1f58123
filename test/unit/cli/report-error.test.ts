/**
 * The CLI's last line for an error nobody wrote for people (error[INTERNAL]): redacted and
 * short. A library's message once quoted every secret of the run (the redactor's own regular
 * expression), and the CLI printed it as it was.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportError } from '../../../src/cli/main.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxYSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('error[INTERNAL]', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
  });

  function printed(error: unknown, verbose = false): { code: number; text: string } {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const code = reportError(error, verbose);
    return { code, text: lines.join('') };
  }

  it('redacts the environment\'s credentials and every token shape, message and stack', () => {
    process.env.JAMF_CLIENT_SECRET = 'Client-Secret-4411';
    process.env.JAMF_USERNAME = 'qa';
    process.env.JAMF_PASSWORD = 'Password-7788';
    const error = new Error(`Invalid regular expression: /${JWT}|Client-Secret-4411|Password-7788|Bearer abcdefghijklmnopqrstuvwxyz/g: too large`);
    const { code, text } = printed(error, true);
    expect(code).toBe(3);
    expect(text).toMatch(/^error\[INTERNAL\]: Invalid regular expression/);
    for (const secret of ['Client-Secret-4411', 'Password-7788', 'c2lnbmF0dXJlLXNpZ25hdHVyZQ', 'abcdefghijklmnopqrstuvwxyz']) expect(text).not.toContain(secret);
    // The stack's frames follow, the message is not printed twice.
    expect(text.match(/Invalid regular expression/g)).toHaveLength(1);
    expect(text).toContain('    at ');
  });

  it('keeps the line short: 500 characters and a count of the rest', () => {
    const { text } = printed(new Error(`x${'A'.repeat(100_000)}`));
    expect(text.length).toBeLessThan(600);
    expect(text).toContain('(99,501 more characters)');
  });

  it('a thrown value that is not an Error', () => {
    expect(printed('plain text').text).toBe('error[INTERNAL]: plain text\n');
  });
});
