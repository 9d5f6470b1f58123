import { describe, expect, it } from 'vitest';
import { createClassicHandler } from '../../../src/simulator/classic/index.ts';
import { PLAIN_401, deps, request } from './support.ts';

const XML = 'text/xml;charset=UTF-8';
const JSON_TYPE = 'application/json;charset=UTF-8';
const HTML = 'text/html;charset=UTF-8';

describe('Classic reads: each route form', () => {
  const handle = createClassicHandler(deps());
  const cases = [
    { path: '/JSSResource/buildings', contains: ['<buildings><size>3</size><building><id>2</id><name>Alder Hall</name></building>'] },
    { path: '/JSSResource/buildings/id/1', contains: ['<building><id>1</id><name>Harbor House</name></building>'] },
    { path: '/JSSResource/buildings/name/Cedar%20Court', contains: ['<building><id>3</id><name>Cedar Court</name></building>'] },
    { path: '/JSSResource/buildings/name/cedar%20court', contains: ['<id>3</id>'] },
    { path: '/JSSResource/departments', contains: ['<departments><size>2</size><department><id>2</id><name>Engineering</name>'] },
    { path: '/JSSResource/departments/name/Finance', contains: ['<department><id>1</id><name>Finance</name></department>'] },
    { path: '/JSSResource/categories/id/4', contains: ['<category><id>4</id><name>Tools</name><priority>3</priority></category>'] },
    { path: '/JSSResource/accounts', contains: ['<accounts><users><user><id>1</id><name>root-admin</name></user>', '<groups/></accounts>'] },
    { path: '/JSSResource/accounts/userid/2', contains: ['<account><id>2</id><name>viewer</name>', '<enabled>Disabled</enabled>', '<privilege_set>Custom</privilege_set>', '<jss_objects><privilege>Read Buildings</privilege></jss_objects>', '<jss_actions><privilege>Send Computer Remote Wipe Command</privilege></jss_actions>'] },
    { path: '/JSSResource/accounts/username/root-admin', contains: ['<id>1</id>', '<privilege_set>Administrator</privilege_set>', '<full_name>Root Admin</full_name>'] },
    { path: '/JSSResource/computers', contains: ['<computers><size>2</size><computer><id>1</id><name>MAC-ALPHA</name></computer>'] },
    { path: '/JSSResource/computers/subset/basic', contains: ['<computer><id>1</id><name>MAC-ALPHA</name><managed>true</managed><username>someone</username>', '<department>Engineering</department><building>Harbor House</building>'] },
    { path: '/JSSResource/computers/id/1', contains: ['<general><id>1</id><name>MAC-ALPHA</name>', '<serial_number>SER0001</serial_number>', '<site><id>1</id><name>Main</name></site>', '<mdm_capable_users><mdm_capable_user>someone</mdm_capable_user></mdm_capable_users>'] },
    { path: '/JSSResource/computers/name/MAC-BRAVO', contains: ['<id>2</id>'] },
    { path: '/JSSResource/computers/id/1/subset/General&Location', contains: ['<computer><general>', '</general><location>', '</location></computer>'] },
    { path: '/JSSResource/computers/name/MAC-ALPHA/subset/Hardware', contains: ['<computer><hardware><make>Apple</make>'] },
    { path: '/JSSResource/mobiledevices', contains: ['<mobile_devices><size>2</size><mobile_device><id>5</id><name>Tablet Five</name>'] },
    { path: '/JSSResource/mobiledevices/id/6', contains: ['<udid>udid-6</udid>'] },
    { path: '/JSSResource/mobiledevices/name/Tablet%20Six', contains: ['<id>6</id>'] },
    { path: '/JSSResource/mobiledevices/id/5/subset/Applications&ExtensionAttributes', contains: ['<mobile_device><applications><size>2</size>', '<extension_attributes><extension_attribute><id>1</id><name>Asset Owner</name><type>String</type><value>IT</value>'] },
    { path: '/JSSResource/policies', contains: ['<policies><size>2</size><policy><id>1</id><name>Install Tools</name></policy>'] },
    { path: '/JSSResource/policies/id/1', contains: ['<trigger>EVENT</trigger><trigger_checkin>true</trigger_checkin>', '<category><id>4</id><name>Tools</name></category>'] },
    { path: '/JSSResource/policies/id/2', contains: ['<enabled>false</enabled><trigger>USER_INITIATED</trigger>', '<category><id>-1</id><name>No category assigned</name></category>'] },
    { path: '/JSSResource/policies/name/Install%20Tools/subset/General&Scope', contains: ['<policy><general>', '</general><scope><all_computers>false</all_computers>', '</scope></policy>'] },
    { path: '/JSSResource/policies/id/1/subset/NoSuchSubset', contains: ['<policy/>'] },
  ];
  it.each(cases)('GET $path', ({ path, contains }) => {
    const response = handle(request('GET', path));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(XML);
    const body = String(response.body);
    expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    for (const part of contains) expect(body).toContain(part);
  });
});

describe('Classic content negotiation', () => {
  const handle = createClassicHandler(deps());
  const cases = [
    { accept: undefined, json: false },
    { accept: '*/*', json: false },
    { accept: 'application/xml', json: false },
    { accept: 'application/json', json: true },
    { accept: 'application/json, text/xml;q=0.5', json: true },
    { accept: 'application/xml, application/json;q=0.2', json: false },
    { accept: 'text/xml;q=0.1, application/json;q=0.9', json: true },
  ];
  it.each(cases)('Accept $accept → JSON $json', ({ accept, json }) => {
    const response = handle(request('GET', '/JSSResource/buildings/id/2', { accept }));
    expect(response.headers['content-type']).toBe(json ? JSON_TYPE : XML);
  });

  const shapes = [
    { path: '/JSSResource/buildings', want: { buildings: [{ id: 2, name: 'Alder Hall' }, { id: 3, name: 'Cedar Court' }, { id: 1, name: 'Harbor House' }] } },
    { path: '/JSSResource/buildings/id/2', want: { building: { id: 2, name: 'Alder Hall' } } },
    { path: '/JSSResource/categories/id/7', want: { category: { id: 7, name: 'Browsers', priority: 9 } } },
    { path: '/JSSResource/accounts', want: { accounts: { users: [{ id: 1, name: 'root-admin' }, { id: 2, name: 'viewer' }], groups: [] } } },
  ];
  it.each(shapes)('JSON shape of $path', ({ path, want }) => {
    const response = handle(request('GET', path, { accept: 'application/json' }));
    expect(JSON.parse(String(response.body))).toEqual(want);
  });

  it('JSON subsets keep lists as arrays', () => {
    const response = handle(request('GET', '/JSSResource/mobiledevices/id/5/subset/ConfigurationProfiles', { accept: 'application/json' }));
    expect(JSON.parse(String(response.body))).toEqual({
      mobile_device: { configuration_profiles: [{ display_name: 'Wi-Fi', version: '1', identifier: 'com.example.wifi', uuid: 'uuid-wifi' }] },
    });
  });
});

describe('Classic errors and privileges', () => {
  const handle = createClassicHandler(deps());
  const cases = [
    { name: 'no credentials', method: 'GET', path: '/JSSResource/buildings', token: null, status: 401 },
    { name: 'unknown resource', method: 'GET', path: '/JSSResource/widgets', status: 404 },
    { name: 'outside the base path', method: 'GET', path: '/JSSResourceX/buildings', status: 404 },
    { name: 'unknown id', method: 'GET', path: '/JSSResource/buildings/id/999', status: 404 },
    { name: 'non-numeric id', method: 'GET', path: '/JSSResource/buildings/id/abc', status: 404 },
    { name: 'unknown name', method: 'GET', path: '/JSSResource/buildings/name/Nowhere', status: 404 },
    { name: 'unknown form', method: 'GET', path: '/JSSResource/buildings/serial/1', status: 404 },
    { name: 'subset on a resource without subsets', method: 'GET', path: '/JSSResource/buildings/id/1/subset/General', status: 404 },
    { name: 'bad percent-encoding', method: 'GET', path: '/JSSResource/buildings/name/%E0%A4%A', status: 404 },
    { name: 'a group the store does not hold', method: 'GET', path: '/JSSResource/accounts/groupid/1', status: 404 },
    { name: 'PUT on a list', method: 'PUT', path: '/JSSResource/buildings', status: 405 },
    { name: 'POST on a name', method: 'POST', path: '/JSSResource/buildings/name/Alder%20Hall', status: 405 },
    { name: 'PATCH', method: 'PATCH', path: '/JSSResource/buildings/id/1', status: 405 },
    { name: 'missing Read privilege', method: 'GET', path: '/JSSResource/computers', token: 'read-buildings', status: 403 },
    { name: 'missing Delete privilege', method: 'DELETE', path: '/JSSResource/buildings/id/1', token: 'read-all', status: 403 },
    { name: 'missing Create privilege', method: 'POST', path: '/JSSResource/buildings/id/0', token: 'read-buildings', status: 403 },
    { name: 'missing Update privilege', method: 'PUT', path: '/JSSResource/policies/id/1', token: 'read-all', status: 403 },
    { name: 'accounts need Read Accounts', method: 'GET', path: '/JSSResource/accounts', token: 'read-buildings', status: 403 },
  ];
  it.each(cases)('$name → $status', ({ method, path, token, status }) => {
    const response = handle(request(method, path, { token }));
    expect(response.status).toBe(status);
    if (status === 401) {
      expect(response).toBe(PLAIN_401);
      return;
    }
    expect(response.headers['content-type']).toBe(HTML);
    expect(String(response.body)).toContain('<title>Status page</title>');
  });

  it('a privilege for one object type reads only that type', () => {
    expect(handle(request('GET', '/JSSResource/buildings', { token: 'read-buildings' })).status).toBe(200);
  });

  it('404 pages carry Jamf wording', () => {
    expect(String(handle(request('GET', '/JSSResource/buildings/id/999')).body)).toContain(
      '<p>The server has not found anything matching the request URI</p>',
    );
  });
});
