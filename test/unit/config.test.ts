import { describe, expect, it } from 'vitest';
import { parseVars, resolveConnection } from '../../src/config.ts';
import { tempDir, writeFile } from '../helpers/collections.ts';

describe('parseVars', () => {
  const table: Array<{ given: string[]; want: Record<string, string> }> = [
    { given: [], want: {} },
    { given: ['id=1', 'name=Main Office'], want: { id: '1', name: 'Main Office' } },
    { given: ['filter=name==a*'], want: { filter: 'name==a*' } },
    { given: ['empty='], want: { empty: '' } },
    { given: ['id=1', 'id=2'], want: { id: '2' } },
  ];
  for (const { given, want } of table) it(given.join(' '), () => expect(parseVars(given)).toEqual(want));
  for (const bad of ['novalue', '=x', '']) {
    it(`refuses "${bad}" (USAGE)`, () => expect(() => parseVars([bad])).toThrow(expect.objectContaining({ code: 'USAGE' })));
  }
});

describe('resolveConnection', () => {
  const env = { JAMF_URL: 'https://env.example', JAMF_CLIENT_ID: 'env-id', JAMF_CLIENT_SECRET: 'env-secret', JAMF_USERNAME: 'u', JAMF_PASSWORD: 'p' };

  it('reads JAMF_* variables', () => {
    expect(resolveConnection({}, env)).toEqual({
      serverUrl: 'https://env.example',
      credentials: { clientId: 'env-id', clientSecret: 'env-secret', username: 'u', password: 'p', scope: undefined },
      auth: 'auto',
      vars: {},
    });
  });

  it('flags win over the environment for non-secrets', () => {
    const c = resolveConnection({ server: 'https://flag.example', clientId: 'flag-id', username: 'flag-user', scope: 'api-role:1', var: ['a=b'] }, env);
    expect(c.serverUrl).toBe('https://flag.example');
    expect(c.credentials).toMatchObject({ clientId: 'flag-id', username: 'flag-user', scope: 'api-role:1', clientSecret: 'env-secret' });
    expect(c.vars).toEqual({ a: 'b' });
  });

  it('never takes a secret from a flag', () => {
    const flags = { clientSecret: 'from-flag', password: 'from-flag', JAMF_CLIENT_SECRET: 'from-flag' } as unknown as Parameters<typeof resolveConnection>[0];
    const c = resolveConnection(flags, {});
    expect(c.credentials.clientSecret).toBeUndefined();
    expect(c.credentials.password).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(resolveConnection({}, { JAMF_URL: '  ', JAMF_CLIENT_ID: '' }).serverUrl).toBeUndefined();
  });

  it('reads secrets from a KEY=value file (environment wins)', () => {
    const file = writeFile(tempDir(), 'secrets.env', '# staging\nexport JAMF_CLIENT_SECRET="file-secret"\nJAMF_PASSWORD=\'pw with spaces\'\n\nJAMF_CLIENT_ID=file-id\n');
    expect(resolveConnection({ secretsFile: file }, {}).credentials).toMatchObject({ clientSecret: 'file-secret', password: 'pw with spaces', clientId: 'file-id' });
    expect(resolveConnection({ secretsFile: file }, { JAMF_CLIENT_SECRET: 'env-wins' }).credentials.clientSecret).toBe('env-wins');
  });

  it('reads secrets from a JSON file', () => {
    const file = writeFile(tempDir(), 'secrets.json', { JAMF_CLIENT_SECRET: 'json-secret' });
    expect(resolveConnection({ secretsFile: file }, {}).credentials.clientSecret).toBe('json-secret');
  });

  const bad: Array<{ name: string; flags: Parameters<typeof resolveConnection>[0]; env?: NodeJS.ProcessEnv; code: string }> = [
    { name: 'server without scheme', flags: { server: 'acme.jamfcloud.com' }, code: 'USAGE' },
    { name: 'JAMF_URL without scheme', flags: {}, env: { JAMF_URL: 'ftp://x' }, code: 'USAGE' },
    { name: 'server of only a scheme', flags: { server: 'https://' }, code: 'USAGE' },
    { name: 'unknown auth mode', flags: { auth: 'kerberos' }, code: 'USAGE' },
    { name: 'server with the Pro API path', flags: { server: 'https://acme.jamfcloud.com/api' }, code: 'USAGE' },
    { name: 'JAMF_URL with the Classic API path', flags: {}, env: { JAMF_URL: 'https://jss.example.com:8443/JSSResource/' }, code: 'USAGE' },
    { name: 'server with a query', flags: { server: 'https://acme.jamfcloud.com/?x=1' }, code: 'USAGE' },
    { name: 'missing secrets file', flags: { secretsFile: '/nonexistent/secrets' }, code: 'CONFIG_INVALID' },
    { name: 'secrets file with a bad line', flags: { secretsFile: writeFile(tempDir(), 's', 'JAMF_CLIENT_SECRET x') }, code: 'CONFIG_INVALID' },
    { name: 'broken JSON secrets file', flags: { secretsFile: writeFile(tempDir(), 's.json', '{"JAMF_') }, code: 'CONFIG_INVALID' },
  ];
  for (const { name, flags, env: e, code } of bad) {
    it(`${name} → ${code}`, () => expect(() => resolveConnection(flags, e ?? {})).toThrow(expect.objectContaining({ code })));
  }

  it('an API path in the server URL: refused with the URL meant, never showing a password in it', () => {
    expect(() => resolveConnection({ server: 'https://admin:pw-123@jss.example.com:8443/jamf/api/v1/buildings' }, {})).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^The server URL https:\/\/jss\.example\.com:8443\/jamf\/api\/v1\/buildings includes the API path \/api: give the server's own URL, https:\/\/jss\.example\.com:8443\/jamf /) }),
    );
    // A context path that merely starts like one is the server's own.
    expect(resolveConnection({ server: 'https://jss.example.com/apis' }, {}).serverUrl).toBe('https://jss.example.com/apis');
  });

  it('does not echo secret file contents in its errors', () => {
    const file = writeFile(tempDir(), 's', 'JAMF_CLIENT_SECRET super-secret-value');
    expect(() => resolveConnection({ secretsFile: file }, {})).toThrow(expect.objectContaining({ message: expect.not.stringContaining('super-secret-value') }));
  });
});
