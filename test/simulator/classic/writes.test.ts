import { describe, expect, it } from 'vitest';
import { createClassicHandler } from '../../../src/simulator/classic/index.ts';
import { deps, request, seedStore } from './support.ts';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

function setup(): { store: ReturnType<typeof seedStore>; handle: ReturnType<typeof createClassicHandler> } {
  const store = seedStore();
  return { store, handle: createClassicHandler(deps(store)) };
}

describe('Classic writes', () => {
  const creates = [
    { path: '/JSSResource/buildings/id/0', body: '<building><name>Birch Lodge</name></building>', kind: 'buildings', root: 'building', want: { name: 'Birch Lodge' } },
    { path: '/JSSResource/departments/id/0', body: '<department><name>Legal</name></department>', kind: 'departments', root: 'department', want: { name: 'Legal' } },
    { path: '/JSSResource/categories/id/0', body: '<category><name>Fonts</name><priority>4</priority></category>', kind: 'categories', root: 'category', want: { name: 'Fonts', priority: 4 } },
    { path: '/JSSResource/categories/id/0', body: '<category><name>Misc</name></category>', kind: 'categories', root: 'category', want: { name: 'Misc', priority: 9 } },
    { path: '/JSSResource/accounts/userid/0', body: '<account><name>newbie</name><full_name>New Bie</full_name><password>pw</password><privileges><jss_objects><privilege>Read Buildings</privilege></jss_objects></privileges></account>', kind: 'accounts', root: 'account', want: { username: 'newbie', realName: 'New Bie', password: 'pw', privileges: ['Read Buildings'] } },
    { path: '/JSSResource/computers/id/0', body: '<computer><general><name>MAC-NEW</name><udid>udid-new</udid><serial_number>SERNEW</serial_number></general></computer>', kind: 'computers', root: 'computer', want: { udid: 'udid-new', general: { name: 'MAC-NEW' }, hardware: { serialNumber: 'SERNEW' } } },
    { path: '/JSSResource/mobiledevices/id/0', body: '<mobile_device><general><name>Tablet New</name><udid>udid-new</udid><serial_number>MDNEW</serial_number></general></mobile_device>', kind: 'mobile-devices', root: 'mobile_device', want: { name: 'Tablet New', udid: 'udid-new', serialNumber: 'MDNEW' } },
    { path: '/JSSResource/policies/id/0', body: '<policy><general><name>New Policy</name><enabled>false</enabled><category><name>Browsers</name></category></general></policy>', kind: 'policies', root: 'policy', want: { name: 'New Policy', enabled: false, categoryId: '7' } },
  ];
  it.each(creates)('POST $path creates and answers 201 <id>', ({ path, body, kind, root, want }) => {
    const { store, handle } = setup();
    const response = handle(request('POST', path, { type: 'application/xml', body }));
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('text/xml;charset=UTF-8');
    const id = new RegExp(`^${XML_HEAD.replace(/[?.]/g, '\\$&')}<${root}><id>(\\d+)</id></${root}>$`).exec(String(response.body))?.[1];
    expect(id).toBeDefined();
    expect(store.get(kind, String(id))).toMatchObject(want);
  });

  it('a created building is readable by id and name', () => {
    const { handle } = setup();
    handle(request('POST', '/JSSResource/buildings/id/0', { type: 'text/xml', body: '<building><name>Birch Lodge</name></building>' }));
    expect(String(handle(request('GET', '/JSSResource/buildings/name/Birch%20Lodge')).body)).toContain('<name>Birch Lodge</name>');
  });

  it('PUT updates only the named fields and answers 201 <id>', () => {
    const { store, handle } = setup();
    const response = handle(request('PUT', '/JSSResource/buildings/id/1', { type: 'application/xml', body: '<building><name>Harbor House East</name></building>' }));
    expect(response).toMatchObject({ status: 201, body: `${XML_HEAD}<building><id>1</id></building>` });
    expect(store.get('buildings', '1')).toMatchObject({ name: 'Harbor House East', city: 'Oslo' });
  });

  it('PUT on a computer keeps the sections it does not name', () => {
    const { store, handle } = setup();
    handle(request('PUT', '/JSSResource/computers/id/1', { body: '<computer><general><asset_tag>AT-9</asset_tag></general></computer>' }));
    expect(store.get('computers', '1')).toMatchObject({ general: { name: 'MAC-ALPHA', assetTag: 'AT-9', platform: 'Mac' }, hardware: { serialNumber: 'SER0001' } });
  });

  it('DELETE removes and answers 200 <id>', () => {
    const { store, handle } = setup();
    const response = handle(request('DELETE', '/JSSResource/departments/id/2'));
    expect(response).toMatchObject({ status: 200, body: `${XML_HEAD}<department><id>2</id></department>` });
    expect(store.get('departments', '2')).toBeUndefined();
    expect(handle(request('GET', '/JSSResource/departments/id/2')).status).toBe(404);
  });

  const refusals = [
    { name: 'JSON body with JSON type', method: 'POST', path: '/JSSResource/buildings/id/0', type: 'application/json', body: '{"building":{"name":"X"}}', status: 415 },
    { name: 'form content type', method: 'POST', path: '/JSSResource/buildings/id/0', type: 'application/x-www-form-urlencoded', body: 'name=X', status: 415 },
    { name: 'JSON body without a type', method: 'POST', path: '/JSSResource/buildings/id/0', type: undefined, body: '{"building":{"name":"X"}}', status: 400 },
    { name: 'malformed XML', method: 'POST', path: '/JSSResource/buildings/id/0', type: 'application/xml', body: '<building><name>X</building>', status: 400 },
    { name: 'empty body', method: 'PUT', path: '/JSSResource/buildings/id/1', type: 'application/xml', body: '', status: 400 },
    { name: 'duplicate name on create', method: 'POST', path: '/JSSResource/buildings/id/0', type: 'application/xml', body: '<building><name>alder hall</name></building>', status: 409, reason: 'Error: Duplicate name' },
    { name: 'duplicate name on rename', method: 'PUT', path: '/JSSResource/categories/id/4', type: 'application/xml', body: '<category><name>Browsers</name></category>', status: 409, reason: 'Error: Duplicate name' },
    { name: 'duplicate UDID', method: 'POST', path: '/JSSResource/mobiledevices/id/0', type: 'application/xml', body: '<mobile_device><general><name>Other</name><udid>udid-6</udid></general></mobile_device>', status: 409, reason: 'Error: Duplicate UDID' },
    { name: 'duplicate serial number', method: 'POST', path: '/JSSResource/computers/id/0', type: 'application/xml', body: '<computer><general><name>X</name><serial_number>SER0002</serial_number></general></computer>', status: 409, reason: 'Error: Duplicate serial number' },
    { name: 'missing name', method: 'POST', path: '/JSSResource/departments/id/0', type: 'application/xml', body: '<department></department>', status: 409 },
    { name: 'unknown category name', method: 'POST', path: '/JSSResource/policies/id/0', type: 'application/xml', body: '<policy><general><name>P</name><category><name>Nope</name></category></general></policy>', status: 409 },
    { name: 'PUT to an unknown id', method: 'PUT', path: '/JSSResource/buildings/id/999', type: 'application/xml', body: '<building><name>X</name></building>', status: 404 },
    { name: 'DELETE of an unknown id', method: 'DELETE', path: '/JSSResource/buildings/id/999', type: undefined, body: '', status: 404 },
  ];
  it.each(refusals)('$name → $status', ({ method, path, type, body, status, reason }) => {
    const { store, handle } = setup();
    const before = JSON.stringify(['buildings', 'departments', 'categories', 'computers', 'mobile-devices', 'policies'].map((kind) => store.list(kind)));
    const response = handle(request(method, path, { type, body }));
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('text/html;charset=UTF-8');
    if (reason !== undefined) expect(String(response.body)).toContain(`<p>${reason}</p>`);
    expect(JSON.stringify(['buildings', 'departments', 'categories', 'computers', 'mobile-devices', 'policies'].map((kind) => store.list(kind)))).toBe(before);
  });
});
