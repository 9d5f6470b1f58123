import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitServerCredentials, withoutUserinfo } from '../../../src/resolve/server-url.ts';
import { ANSWER_NOT_IN_TIME, CONNECT_NOT_IN_TIME, explainEngineError, explainNetworkError } from '../../../src/wire/net-errors.ts';
import { readCa } from '../../../src/wire/tls.ts';

const dir = mkdtempSync(join(tmpdir(), 'jc-tls-'));

describe('readCa', () => {
  it('refuses a file with no PEM certificate, saying how to make one', () => {
    const file = join(dir, 'ca.der');
    writeFileSync(file, Buffer.from([0x30, 0x82, 0x01, 0x0a]));
    expect(() => readCa(file)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('openssl x509') }));
  });
  it('refuses a PEM block that is not a certificate', () => {
    const file = join(dir, 'broken.pem');
    writeFileSync(file, '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    expect(() => readCa(file)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
  it('refuses a file that cannot be read', () => {
    expect(() => readCa(join(dir, 'missing.pem'))).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('splitServerCredentials', () => {
  const table: Array<[string, { url: string; username?: string; password?: string }]> = [
    ['https://jamf.example', { url: 'https://jamf.example' }],
    ['https://admin:s3cret@jamf.example', { url: 'https://jamf.example', username: 'admin', password: 's3cret' }],
    ['https://admin:p%40ss%3Aword@jamf.example:8443/', { url: 'https://jamf.example:8443/', username: 'admin', password: 'p@ss:word' }],
    ['https://admin:x@jamf.example/jamf', { url: 'https://jamf.example/jamf', username: 'admin', password: 'x' }],
    ['https://onlyuser@jamf.example', { url: 'https://jamf.example', username: 'onlyuser' }],
  ];
  for (const [given, want] of table) it(given.replace(/:[^:@/]+@/, ':…@'), () => expect(splitServerCredentials(given)).toEqual(want));
  it('withoutUserinfo strips them from text that does not parse', () => {
    expect(withoutUserinfo('ftp://u:secret@host/x')).toBe('ftp://host/x');
  });
});

describe('what an error says about the request', () => {
  const url = 'https://jamf.example/api/v1/buildings';
  const table: Array<[string, object, string, boolean]> = [
    ['refused', { code: 'ECONNREFUSED' }, 'NETWORK', false],
    ['DNS', { code: 'ENOTFOUND' }, 'NETWORK', false],
    ['reset', { code: 'ECONNRESET' }, 'NETWORK', true],
    ['no answer in time (undici)', { code: 'UND_ERR_HEADERS_TIMEOUT' }, 'TIMEOUT', true],
    ['no answer in time (the tool\'s own client)', { code: ANSWER_NOT_IN_TIME }, 'TIMEOUT', true],
    ['no connection in time (the tool\'s own client)', { code: CONNECT_NOT_IN_TIME }, 'NETWORK', false],
    ['certificate', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'TLS', false],
  ];
  for (const [what, error, code, sent] of table) {
    it(`${what} → ${code}, sent: ${sent}`, () => expect(explainNetworkError(Object.assign(new Error(what), error), url, 1000)).toMatchObject({ code, sent }));
  }
  it('postman-request: ESOCKETTIMEDOUT and ETIMEDOUT after connecting are TIMEOUT (sent); a connect ETIMEDOUT is not sent', () => {
    expect(explainEngineError({ code: 'ESOCKETTIMEDOUT' }, url, 100)).toMatchObject({ code: 'TIMEOUT', sent: true });
    expect(explainEngineError({ code: 'ETIMEDOUT', connect: false }, url, 100)).toMatchObject({ code: 'TIMEOUT', sent: true });
    expect(explainEngineError({ code: 'ETIMEDOUT', connect: true }, url, 100)).toMatchObject({ code: 'NETWORK', sent: false });
  });
  it('a TLS failure with --ca given says the CA does not vouch for the server, not "pass --ca"', () => {
    const error = Object.assign(new Error('x'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(explainNetworkError(error, url).message).toContain('pass its CA with --ca');
    expect(explainNetworkError(error, url, 1000, false, { caFile: '/etc/ca.pem' }).message).toContain('do not vouch');
  });
});
