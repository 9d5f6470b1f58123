import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../src/secrets.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vLWNsaWVudCJ9.c2lnbmF0dXJlLXBhcnQ';

describe('Redactor.redact', () => {
  const r = new Redactor().add('s3cr3t/+value').addBasic('admin', 'pa:ss word').add('ab').add(undefined);
  const table: Array<{ name: string; given: string; want: string }> = [
    { name: 'a registered secret', given: 'secret is s3cr3t/+value!', want: `secret is ${REDACTED}!` },
    { name: 'its URL encoding', given: 'client_id=x&cs=s3cr3t%2F%2Bvalue', want: `client_id=x&cs=${REDACTED}` },
    { name: 'a password', given: 'pw pa:ss word end', want: `pw ${REDACTED} end` },
    { name: 'the Basic form of user:password', given: `Basic ${Buffer.from('admin:pa:ss word').toString('base64')}`, want: `Basic ${REDACTED}` },
    { name: 'any JWT', given: `token ${JWT} used`, want: `token ${REDACTED} used` },
    { name: 'an Authorization header line keeps its scheme', given: 'Authorization: Bearer abc.def', want: `Authorization: Bearer ${REDACTED}` },
    { name: 'a Set-Cookie header', given: 'set-cookie: AWSALB=zzz; Path=/', want: `set-cookie: ${REDACTED}` },
    { name: 'prose about cookies', given: 'the affinity cookie: sent on every call', want: 'the affinity cookie: sent on every call' },
    { name: 'a Cookie header', given: 'cookie: jpro-ingress=node1; JSESSIONID=x', want: `cookie: ${REDACTED}` },
    { name: 'a JSON access_token field', given: '{"access_token":"opaque-token-123","expires_in":599}', want: `{"access_token":"${REDACTED}","expires_in":599}` },
    { name: 'a JSON token field', given: '{"token" : "opaque", "expires": "2030"}', want: `{"token" : "${REDACTED}", "expires": "2030"}` },
    { name: 'a form client_secret', given: 'grant_type=client_credentials&client_secret=other&x=1', want: `grant_type=client_credentials&client_secret=${REDACTED}&x=1` },
    { name: 'secrets shorter than 3 characters are not registered', given: 'ab cd', want: 'ab cd' },
    { name: 'plain text stays', given: 'GET /JSSResource/buildings 200', want: 'GET /JSSResource/buildings 200' },
    // Prose that mentions a token is not a credential field.
    { name: 'prose about tokens', given: 'invalidating a token: needs --allow-writes --allow-destructive', want: 'invalidating a token: needs --allow-writes --allow-destructive' },
    { name: 'empty', given: '', want: '' },
  ];
  for (const { name, given, want } of table) it(name, () => expect(r.redact(given)).toBe(want));

  it('prefers the longest secret when one contains another', () => {
    const x = new Redactor().add('abcdef').add('abcdefghij');
    expect(x.redact('abcdefghij')).toBe(REDACTED);
  });

  it('secrets added later are redacted too', () => {
    const x = new Redactor().add('first-secret');
    expect(x.redact('late-secret')).toBe('late-secret');
    x.add('late-secret');
    expect(x.redact('late-secret first-secret')).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('escapes regular-expression characters in secrets', () => {
    expect(new Redactor().add('a.b*c(d)').redact('a.b*c(d) aXbbc')).toBe(`${REDACTED} aXbbc`);
  });
});

describe('Redactor.redactDeep', () => {
  it('redacts credential fields whatever their value and every string inside', () => {
    const r = new Redactor().add('hunter2');
    const given = {
      headers: { Authorization: 'Bearer x', Cookie: 'a=b', accept: 'application/json' },
      body: { accessToken: 'opaque', password: 'whatever', note: 'pw is hunter2', nested: [{ token: 'x' }, JWT] },
      empty: { token: '' },
      n: 1,
      nothing: null,
    };
    expect(r.redactDeep(given)).toEqual({
      headers: { Authorization: REDACTED, Cookie: REDACTED, accept: 'application/json' },
      body: { accessToken: REDACTED, password: REDACTED, note: `pw is ${REDACTED}`, nested: [{ token: REDACTED }, REDACTED] },
      empty: { token: '' },
      n: 1,
      nothing: null,
    });
    // A copy: the input is untouched.
    expect(given.headers.Authorization).toBe('Bearer x');
  });
});
