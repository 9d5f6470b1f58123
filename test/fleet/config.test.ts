import { describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/fleet/config.ts';
import { credentialsFor, fleetSecrets } from '../../src/fleet/credentials.ts';

const FILE = '/srv/fleets/fleet.yaml';

describe('parseFleet', () => {
  it('reads servers, merging the defaults under each', () => {
    const fleet = parseFleet(
      [
        'defaults:',
        '  jamfVersion: ">=11.29"',
        '  variables: { siteId: 1, region: eu }',
        'servers:',
        '  - name: acme',
        '    url: https://acme.jamfcloud.com/',
        '    clientIdEnv: ACME_ID',
        '    clientSecretEnv: ACME_SECRET',
        '    variables: { region: us }',
        '  - name: globex.prod',
        '    url: http://jamf.globex.example:8443',
        '    username: auditor',
        '    passwordEnv: GLOBEX_PASSWORD',
        '    jamfVersion: 11.30.x',
        '    ca: certs/globex.pem',
        '    insecure: false',
      ].join('\n'),
      FILE,
    );
    expect(fleet.servers).toEqual([
      { name: 'acme', url: 'https://acme.jamfcloud.com', clientIdEnv: 'ACME_ID', clientSecretEnv: 'ACME_SECRET', variables: { siteId: '1', region: 'us' }, jamfVersion: '>=11.29' },
      { name: 'globex.prod', url: 'http://jamf.globex.example:8443', username: 'auditor', passwordEnv: 'GLOBEX_PASSWORD', variables: { siteId: '1', region: 'eu' }, jamfVersion: '11.30.x', ca: '/srv/fleets/certs/globex.pem', insecure: false },
    ]);
  });

  const server = 'name: a\n    url: https://a.example\n    clientIdEnv: A_ID\n    clientSecretEnv: A_SECRET';
  const table: Array<{ name: string; yaml: string; field: string }> = [
    { name: 'not YAML', yaml: 'servers: [', field: 'not valid YAML' },
    { name: 'no servers', yaml: 'servers: []', field: 'servers' },
    { name: 'a secret in the file', yaml: `servers:\n  - ${server}\n    clientSecret: hunter2hunter2`, field: 'servers[0].clientSecret' },
    { name: 'a password in the file', yaml: 'servers:\n  - name: a\n    url: https://a.example\n    username: u\n    password: p4ss', field: 'servers[0].password' },
    { name: 'credentials in the URL', yaml: 'servers:\n  - name: a\n    url: https://u:p4ss@a.example\n    usernameEnv: U\n    passwordEnv: P', field: 'servers[0].url' },
    { name: 'an unknown field (a typo)', yaml: `servers:\n  - ${server}\n    clientSecretENV: X`, field: 'servers[0].clientSecretENV' },
    { name: 'an unknown top-level key', yaml: `server:\n  - ${server}`, field: 'server' },
    { name: 'no credentials', yaml: 'servers:\n  - name: a\n    url: https://a.example', field: 'needs credentials' },
    { name: 'a client id without its secret variable', yaml: 'servers:\n  - name: a\n    url: https://a.example\n    clientIdEnv: A_ID', field: 'servers[0].clientSecretEnv' },
    { name: 'a bad variable name', yaml: 'servers:\n  - name: a\n    url: https://a.example\n    clientIdEnv: A-ID\n    clientSecretEnv: S', field: 'servers[0].clientIdEnv' },
    { name: 'a name that is not a folder name', yaml: 'servers:\n  - name: ../up\n    url: https://a.example\n    clientIdEnv: A\n    clientSecretEnv: S', field: 'servers[0].name' },
    { name: 'not an http URL', yaml: 'servers:\n  - name: a\n    url: ftp://a.example\n    clientIdEnv: A\n    clientSecretEnv: S', field: 'servers[0].url' },
    { name: 'the Pro API path in the URL', yaml: 'servers:\n  - name: a\n    url: https://a.example/api\n    clientIdEnv: A\n    clientSecretEnv: S', field: "servers[0].url includes the API path /api: give the server's own URL, https://a.example" },
    { name: 'a bad version range', yaml: `servers:\n  - ${server}\n    jamfVersion: newest`, field: 'servers[0].jamfVersion' },
    { name: 'the same name twice', yaml: `servers:\n  - ${server}\n  - ${server.replace('name: a', 'name: A')}`, field: 'servers[1].name' },
  ];
  for (const { name, yaml, field } of table) {
    it(`${name} → FLEET_INVALID naming ${field}`, () => {
      expect(() => parseFleet(yaml, FILE)).toThrow(expect.objectContaining({ code: 'FLEET_INVALID', exitCode: 2, message: expect.stringContaining(field) }));
    });
  }

  it('a refused secret is never repeated in the message', () => {
    expect(() => parseFleet(`servers:\n  - ${server}\n    clientSecret: hunter2hunter2`, FILE)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});

describe('credentialsFor', () => {
  const fleet = parseFleet('servers:\n  - { name: a, url: "https://a.example", clientIdEnv: A_ID, clientSecretEnv: A_SECRET }\n  - { name: b, url: "https://b.example", usernameEnv: B_USER, passwordEnv: B_PASS }', FILE);
  const env = { A_ID: 'client-a', A_SECRET: 'secret-a', B_USER: 'auditor', B_PASS: 'pass-b' };

  it('looks each server\'s credentials up by the names its entry gives', () => {
    expect(credentialsFor(fleet.servers[0]!, env, 'api-role:1')).toEqual({ clientId: 'client-a', clientSecret: 'secret-a', scope: 'api-role:1' });
    expect(credentialsFor(fleet.servers[1]!, env)).toEqual({ username: 'auditor', password: 'pass-b' });
    expect(fleetSecrets(fleet, env).sort()).toEqual(['pass-b', 'secret-a']);
  });

  it('a variable that is not set is that server\'s AUTH_MISSING_CREDENTIALS, naming the variable', () => {
    expect(() => credentialsFor(fleet.servers[0]!, { A_ID: 'client-a' })).toThrow(expect.objectContaining({ code: 'AUTH_MISSING_CREDENTIALS', message: expect.stringContaining('A_SECRET') }));
  });
});
