import { describe, expect, it } from 'vitest';
import { classifyRequest, GUARD_RULES, judge, pathVariants, type RequestClass } from '../../../src/wire/guard/index.ts';

const SERVER = 'https://jamf.example';

describe('guard table: every row decides its own example', () => {
  for (const rule of GUARD_RULES) {
    it(`${rule.id}: ${rule.example} → ${rule.class}`, () => {
      const [method, path] = rule.example.split(' ') as [string, string];
      const verdict = classifyRequest({ method, url: `${SERVER}${path}` });
      expect(verdict.class).toBe(rule.class);
      expect(verdict.rule).toBe(rule.id);
      // The same path read is a read: reads stay reads whatever the path says.
      expect(classifyRequest({ method: 'GET', url: `${SERVER}${path}` }).class).toBe('read');
    });
  }
});

describe('classifyRequest: the request as the server will see it', () => {
  const table: Array<[what: string, method: string, url: string, headers: Record<string, string> | undefined, want: RequestClass]> = [
    ['a plain read', 'GET', `${SERVER}/JSSResource/computers/id/5`, undefined, 'read'],
    ['HEAD is a read', 'HEAD', `${SERVER}/JSSResource/computers/id/5`, undefined, 'read'],
    ['OPTIONS is a read', 'OPTIONS', `${SERVER}/api/v2/mdm/commands`, undefined, 'read'],
    ['a read with a destructive word', 'GET', `${SERVER}/JSSResource/mobiledevicecommands/command/EraseDevice`, undefined, 'read'],
    ['reading a LAPS password is a read', 'GET', `${SERVER}/api/v2/local-admin-password/abc/account/admin/password`, undefined, 'read'],
    ['a CSV export is a read', 'POST', `${SERVER}/api/v1/buildings/export`, undefined, 'read'],
    ['a history export is a read', 'POST', `${SERVER}/api/v1/packages/3/history/export`, undefined, 'read'],
    ['an export with an override header is what the header says', 'POST', `${SERVER}/api/v1/packages/export`, { 'X-HTTP-Method-Override': 'DELETE' }, 'destructive'],
    ['an export path that climbs out', 'POST', `${SERVER}/api/v1/buildings/export/../../v1/computers-inventory/5`, undefined, 'write'],
    ['an unknown export is a write', 'POST', `${SERVER}/api/v1/computers-inventory/export`, undefined, 'write'],
    ['PUT on an export path is a write', 'PUT', `${SERVER}/api/v1/buildings/export`, undefined, 'write'],
    ['a device DELETE', 'DELETE', `${SERVER}/JSSResource/computers/id/5`, undefined, 'destructive'],
    ['method in lower case', 'delete', `${SERVER}/JSSResource/computers/id/5`, undefined, 'destructive'],
    ['resource name in mixed case', 'DELETE', `${SERVER}/JSSResource/CoMpUtErS/id/5`, undefined, 'destructive'],
    ['base path in mixed case', 'DELETE', `${SERVER}/jssresource/computers/id/5`, undefined, 'destructive'],
    ['percent-encoded resource', 'DELETE', `${SERVER}/JSSResource/%63omputers/id/5`, undefined, 'destructive'],
    ['double-encoded resource', 'DELETE', `${SERVER}/JSSResource/%2563omputers/id/5`, undefined, 'destructive'],
    ['encoded slashes', 'DELETE', `${SERVER}/JSSResource%2Fcomputers%2Fid%2F5`, undefined, 'destructive'],
    ['dot segments', 'DELETE', `${SERVER}/JSSResource/buildings/../computers/id/5`, undefined, 'destructive'],
    ['encoded dot segments', 'DELETE', `${SERVER}/JSSResource/buildings/%2e%2e/computers/id/5`, undefined, 'destructive'],
    ['dot segments that climb out of a recoverable resource', 'DELETE', `${SERVER}/api/v1/buildings/../../v1/users/1`, undefined, 'destructive'],
    ['a dot segment that looks recoverable as written', 'DELETE', `${SERVER}/JSSResource/computers/../buildings/id/1`, undefined, 'destructive'],
    ['repeated slashes', 'DELETE', `${SERVER}//JSSResource//computers///id/5`, undefined, 'destructive'],
    ['trailing slash', 'DELETE', `${SERVER}/JSSResource/computers/id/5/`, undefined, 'destructive'],
    ['Tomcat path parameters', 'DELETE', `${SERVER}/JSSResource/computers;jsessionid=1/id/5`, undefined, 'destructive'],
    ['backslashes', 'DELETE', `${SERVER}/JSSResource\\computers\\id\\5`, undefined, 'destructive'],
    ['a recoverable DELETE', 'DELETE', `${SERVER}/JSSResource/buildings/id/1`, undefined, 'write'],
    ['a recoverable DELETE through the Pro API', 'DELETE', `${SERVER}/api/v1/buildings/1`, undefined, 'write'],
    ['deleting configuration profiles', 'DELETE', `${SERVER}/JSSResource/osxconfigurationprofiles/id/1`, undefined, 'destructive'],
    ['deleting VPP accounts', 'DELETE', `${SERVER}/JSSResource/vppaccounts/id/1`, undefined, 'destructive'],
    ['deleting user groups', 'DELETE', `${SERVER}/JSSResource/usergroups/id/1`, undefined, 'destructive'],
    ['deleting computer groups', 'DELETE', `${SERVER}/api/v2/computer-groups/static-groups/1`, undefined, 'destructive'],
    ['an MDM command by variable name', 'POST', `${SERVER}/api/v2/mdm/commands`, undefined, 'destructive'],
    ['a Classic command', 'POST', `${SERVER}/JSSResource/computercommands/command/DeviceLock/passcode/123456/id/1`, undefined, 'destructive'],
    ['an ordinary create', 'POST', `${SERVER}/JSSResource/buildings/id/0`, undefined, 'write'],
    ['asking for a token is a write', 'POST', `${SERVER}/api/oauth/token`, undefined, 'write'],
    ['invalidating the token', 'POST', `${SERVER}/api/v1/auth/invalidate-token`, undefined, 'destructive'],
    ['override header turns a GET into a DELETE', 'GET', `${SERVER}/JSSResource/computers/id/5`, { 'X-HTTP-Method-Override': 'DELETE' }, 'destructive'],
    ['override header in lower case', 'POST', `${SERVER}/JSSResource/buildings/id/0`, { 'x-http-method': 'delete' }, 'write'],
    ['X-Method-Override', 'GET', `${SERVER}/api/v1/users/1`, { 'X-Method-Override': 'DELETE' }, 'destructive'],
    ['_method in the query', 'GET', `${SERVER}/JSSResource/computers/id/5?_method=DELETE`, undefined, 'destructive'],
    ['an unknown method', 'PURGE', `${SERVER}/JSSResource/buildings`, undefined, 'destructive'],
    ['TRACE is not a read here', 'TRACE', `${SERVER}/JSSResource/buildings`, undefined, 'destructive'],
    ['an override naming an unknown method', 'GET', `${SERVER}/JSSResource/buildings`, { 'X-HTTP-Method-Override': 'MOVE' }, 'destructive'],
    ['a DELETE to another host', 'DELETE', 'https://hooks.example/x', undefined, 'destructive'],
    ['a POST to another host', 'POST', 'https://hooks.example/x', undefined, 'write'],
    ['a server with a base path', 'DELETE', `${SERVER}/jamf/JSSResource/mobiledevices/id/1`, undefined, 'destructive'],
    ['a collection URL before its variables are filled', 'DELETE', '{{baseUrl}}/v1/computers-inventory/1', undefined, 'destructive'],
    ['the whole URL one variable', 'DELETE', '{{target}}', undefined, 'destructive'],
  ];
  for (const [what, method, url, headers, want] of table) {
    it(`${what}: ${method} ${url} → ${want}`, () => {
      expect(classifyRequest({ method, url, ...(headers ? { headers } : {}) }).class).toBe(want);
    });
  }
});

describe('pathVariants', () => {
  it('gives the resolved and the merely decoded forms', () => {
    expect(pathVariants(`${SERVER}/JSSResource/Buildings/%2E%2E/Computers/id/5?x=1`)).toEqual([
      '/jssresource/computers/id/5',
      '/jssresource/buildings/../computers/id/5',
    ]);
  });
});

describe('judge', () => {
  const url = `${SERVER}/JSSResource/computers/id/5`;
  it('holds writes and destructive requests back by default', () => {
    expect(judge({ allowWrites: false, allowDestructive: false }, { method: 'PUT', url })).toMatchObject({ allowed: false, needs: '--allow-writes' });
    expect(judge({ allowWrites: false, allowDestructive: false }, { method: 'DELETE', url })).toMatchObject({ allowed: false, needs: '--allow-writes --allow-destructive' });
  });
  it('lets writes through with --allow-writes, destructive ones only with both flags', () => {
    expect(judge({ allowWrites: true, allowDestructive: false }, { method: 'PUT', url }).allowed).toBe(true);
    expect(judge({ allowWrites: true, allowDestructive: false }, { method: 'DELETE', url }).allowed).toBe(false);
    expect(judge({ allowWrites: false, allowDestructive: true }, { method: 'DELETE', url }).allowed).toBe(false);
    expect(judge({ allowWrites: true, allowDestructive: true }, { method: 'DELETE', url }).allowed).toBe(true);
  });
});
