import { describe, expect, it } from 'vitest';
import { describeFinding, outcomeOf, redactedJson } from '../../src/report/outcome.ts';
import { kinds, result } from './fixtures.ts';

describe('outcomeOf', () => {
  it.each([
    { given: 'a pass', r: kinds.passed(), want: 'passed' },
    { given: 'warnings only', r: kinds.warningOnly(), want: 'passed' },
    { given: 'an info finding', r: result({ findings: [{ kind: 'deprecated', severity: 'info', message: 'm' }] }), want: 'passed' },
    { given: 'a skipped pm.test', r: result({ tests: [{ name: 't', passed: false, skipped: true }] }), want: 'passed' },
    { given: 'a failed pm.test', r: kinds.failedTest(), want: 'failed' },
    { given: 'a violation', r: kinds.violation(), want: 'failed' },
    { given: 'a script error', r: result({ scriptErrors: ['boom'] }), want: 'failed' },
    { given: 'an error', r: kinds.errored(), want: 'errored' },
    { given: 'an error and a failed test', r: { ...kinds.failedTest(), error: { code: 'NETWORK', message: 'x' } }, want: 'errored' },
    { given: 'a skip', r: kinds.readOnly(), want: 'skipped' },
  ])('given $given, is $want', ({ r, want }) => {
    expect(outcomeOf(r)).toBe(want);
  });
});

describe('describeFinding', () => {
  it.each([
    { given: { kind: 'schema' as const, severity: 'violation' as const, message: 'must be string', pointer: '/a/0', expected: 'string', actual: { x: 1 } }, want: 'schema at /a/0: must be string; expected string; actual {"x":1}' },
    { given: { kind: 'schema' as const, severity: 'violation' as const, message: 'must be object', pointer: '' }, want: 'schema at /: must be object' },
    { given: { kind: 'undocumented-status' as const, severity: 'violation' as const, message: '418 not documented' }, want: 'undocumented-status: 418 not documented' },
  ])('given $given.kind, says $want', ({ given, want }) => {
    expect(describeFinding(given)).toBe(want);
  });
});

describe('redactedJson', () => {
  const secret = 'p"a\\ss';
  const redact = (t: string): string => t.split(secret).join('[REDACTED]');
  it.each([
    { given: 'nothing secret', value: { a: 'b', n: 1 }, want: '{"a":"b","n":1}' },
    { given: 'a secret JSON must escape', value: { a: `x ${secret} y` }, want: '{"a":"x [REDACTED] y"}' },
    { given: 'a secret as a key', value: { [secret]: 1 }, want: '{"[REDACTED]":1}' },
    { given: 'a secret deep inside', value: { a: [{ b: secret }] }, want: '{"a":[{"b":"[REDACTED]"}]}' },
  ])('given $given, writes $want', ({ value, want }) => {
    expect(redactedJson(value, redact)).toBe(want);
    expect(JSON.parse(redactedJson(value, redact, 2))).toEqual(JSON.parse(want));
  });

  it('never lets a replacement break the JSON', () => {
    const greedy = (t: string): string => t.replace(/token"?\s*:\s*("[^"]*"|\S+)/gi, 'token: [REDACTED]');
    const text = redactedJson({ token: 'a\\"b', other: 'c' }, greedy);
    expect(JSON.parse(text)).toEqual({ token: 'a\\"b', other: 'c' });
    expect(JSON.parse(redactedJson({ token: 'x', note: 'token: abc' }, greedy))).toEqual({ token: 'x', note: 'token: [REDACTED]' });
  });
});
