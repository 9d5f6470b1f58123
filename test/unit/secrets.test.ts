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

describe('Redactor.redact: pieces, shortened tokens, Basic and Bearer values anywhere', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJ0b2tlbiI6InVzZXItYWRtaW4tMTIzNDUiLCJleHAiOjE3MDB9.Zm9vYmFyLXNpZ25hdHVyZS12YWx1ZS0xMjM0NQ';
  const opaque = 'Q7vK2mP9xR4tW8yZ1aB3cD5eF6gH0jL';
  const r = new Redactor().add(token).add(opaque);
  const basic = Buffer.from('auditor:correct horse').toString('base64');
  const table: Array<{ name: string; given: string; want: string }> = [
    { name: 'a JWT shortened by an assertion message', given: "expected 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJ0b2tlb…' to deeply equal 'x'", want: `expected 'Bearer ${REDACTED}…' to deeply equal 'x'` },
    { name: 'a JWT header alone, cut short', given: 'got eyJhbGciOiJIUz…', want: `got ${REDACTED}…` },
    { name: 'an unregistered JWT cut after its payload', given: 'x eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0 y', want: `x ${REDACTED} y` },
    { name: 'a registered token split on spaces', given: `parts: ${token.match(/.{1,20}/g)!.join(' ')}`, want: `parts: ${token.match(/.{1,20}/g)!.map((c) => (c.length >= 12 ? REDACTED : c)).join(' ')}` },
    { name: 'a registered opaque secret cut short with an ellipsis', given: `expected '${opaque.slice(0, 18)}…' to equal 'x'`, want: `expected '${REDACTED}…' to equal 'x'` },
    { name: 'a registered secret split in halves', given: `${opaque.slice(0, 16)} ${opaque.slice(16)}`, want: `${REDACTED} ${REDACTED}` },
    { name: 'a Basic value logged by a script', given: `header: Basic ${basic}`, want: `header: Basic ${REDACTED}` },
    { name: 'a Basic value in a JSON string', given: `{"h":"Basic ${basic}"}`, want: `{"h":"Basic ${REDACTED}"}` },
    { name: 'prose about Basic authentication', given: 'Basic authentication is disabled', want: 'Basic authentication is disabled' },
    { name: 'a Bearer token anywhere', given: 'sent Bearer abcdef0123456789ghijkl today', want: `sent Bearer ${REDACTED} today` },
    { name: 'prose about Bearer tokens', given: 'Bearer tokens expire', want: 'Bearer tokens expire' },
    { name: 'URLs and names stay', given: 'GET https://jamf.example/api/v1/computers-inventory-detail/12 200', want: 'GET https://jamf.example/api/v1/computers-inventory-detail/12 200' },
  ];
  for (const { name, given, want } of table) it(name, () => expect(r.redact(given)).toBe(want));

  it('never leaves 15 characters of a long secret in place', () => {
    for (let start = 0; start + 15 <= opaque.length; start++) {
      expect(r.redact(`x ${opaque.slice(start, start + 15)} y`)).not.toContain(opaque.slice(start, start + 15));
    }
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

describe('Redactor.holdsCredential: the server\'s own credentials, not every secret', () => {
  it('finds a token, a client secret and a Basic value registered as credentials, whole or URL-encoded', () => {
    const r = new Redactor().add(JWT, 'credential').add('s3cret/with+chars', 'credential').addBasic('qa', 'hunter2-long', 'credential');
    expect(r.holdsCredential(`Bearer ${JWT}`)).toBe(true);
    expect(r.holdsCredential(`https://hooks.example/x?token=${encodeURIComponent('s3cret/with+chars')}`)).toBe(true);
    expect(r.holdsCredential(`Basic ${Buffer.from('qa:hunter2-long').toString('base64')}`)).toBe(true);
    expect(r.holdsCredential('Bearer some-other-service-token')).toBe(false);
    // Redaction is unchanged: every kind is redacted.
    expect(r.redact(`x ${JWT} y`)).toBe(`x ${REDACTED} y`);
  });

  it('leaves out plain secrets (an environment\'s webhook key) and credentials too short to find safely', () => {
    const r = new Redactor().add('webhook-key-0123456789').add('short', 'credential');
    expect(r.holdsCredential('X-Hook-Key: webhook-key-0123456789')).toBe(false);
    expect(r.holdsCredential('a short answer')).toBe(false);
    expect(r.redact('webhook-key-0123456789')).toBe(REDACTED);
  });

  it('registers later tokens as they come', () => {
    const r = new Redactor().add('first-token-value', 'credential');
    expect(r.holdsCredential('second-token-value')).toBe(false);
    r.add('second-token-value', 'credential');
    expect(r.holdsCredential('Bearer second-token-value')).toBe(true);
  });
});

describe('Redactor with secrets too large for one regular expression', () => {
  // V8 refuses an expression of ~32 KB of text or more, and only when it first runs: its
  // error message quotes the expression, every secret of the run in it. A Postman environment
  // with a certificate in a secret variable ended a run that way, printing them all.
  const big = 'QUJD'.repeat(12_000); // 48 KB
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxYSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

  it('still redacts every secret, big and small, and never throws', () => {
    const r = new Redactor().add(big).add(token, 'credential').add('demo-secret', 'credential');
    const text = `blob ${big} token ${token} secret demo-secret, and again ${big.slice(0, 5000)}`;
    const out = r.redact(text);
    expect(out).not.toContain(big.slice(0, 40));
    expect(out).not.toContain('demo-secret');
    expect(out).not.toContain(token.split('.')[2]);
    expect(out.startsWith(`blob ${REDACTED} token ${REDACTED} secret ${REDACTED}`)).toBe(true);
    // Text of either width (V8 compiles for each) and text holding none of them.
    expect(r.redact(`ĀĀ ${big} ĀĀ`)).toBe(`ĀĀ ${REDACTED} ĀĀ`);
    expect(r.redact('nothing here')).toBe('nothing here');
  });

  it('finds the server\'s credentials in text sent elsewhere', () => {
    const r = new Redactor().add(big, 'credential');
    expect(r.holdsCredential(`x=${big}`)).toBe(true);
    expect(r.holdsCredential('x=y')).toBe(false);
  });

  it('a secret of megabytes: indexed for pieces from its beginning only, redacted whole', () => {
    const huge = 'Zm9v'.repeat(2 ** 20 / 2); // 2 MB
    const r = new Redactor().add(huge);
    expect(r.redact(`a ${huge} b`)).toBe(`a ${REDACTED} b`);
    // An assertion library's shortened copy of its beginning.
    expect(r.redact(`expected '${huge.slice(0, 40)}…' to equal`)).not.toContain(huge.slice(0, 40));
  });
});
