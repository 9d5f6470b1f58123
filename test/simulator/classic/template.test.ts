/** Document skeletons: rendering stored data, reading request bodies back, merging; and the route matcher. */
import { describe, expect, it } from 'vitest';
import { List, toXml } from '../../../src/simulator/classic/document.ts';
import { ClassicRouter, type Endpoint } from '../../../src/simulator/classic/routes.ts';
import { FREE, ListOf, Ref, fromBody, merge, render, type TemplateFields } from '../../../src/simulator/classic/template.ts';
import { TestStore } from './support.ts';

const store = new TestStore({
  categories: [{ id: '4', name: 'Tools' }],
  computers: [{ id: '1', general: { name: 'MAC-ALPHA' }, hardware: { serialNumber: 'S1' } }, { id: '2', general: { name: 'MAC-BRAVO' }, hardware: { serialNumber: 'S2' } }],
});
const ctx = { store };

const skeleton: TemplateFields = {
  id: 0,
  name: '',
  enabled: true,
  category: new Ref('categories', 'No category assigned'),
  computers: new ListOf('computer', new Ref('computers', 'None', { serial_number: 'hardware.serialNumber' })),
  fields: new ListOf('field', { name: '', value: '' }, false),
  extra: FREE,
};

describe('render', () => {
  const cases = [
    {
      name: 'defaults where data is missing, typed like the default',
      data: { id: '7', enabled: 'false' },
      want: '<x><id>7</id><name/><enabled>false</enabled><category><id>-1</id><name>No category assigned</name></category><computers><size>0</size></computers><fields/><extra/></x>',
    },
    {
      name: 'links by id, unknown links dropped from lists',
      data: { name: 'A & B', category: { id: '4' }, computers: [{ id: '2' }, { id: '9' }], fields: [{ name: 'k', value: 'v' }], extra: { Computer_Name: 'MAC-ALPHA', n: 3 } },
      want: '<x><id>0</id><name>A &amp; B</name><enabled>true</enabled><category><id>4</id><name>Tools</name></category><computers><size>1</size><computer><id>2</id><name>MAC-BRAVO</name><serial_number>S2</serial_number></computer></computers><fields><field><name>k</name><value>v</value></field></fields><extra><Computer_Name>MAC-ALPHA</Computer_Name><n>3</n></extra></x>',
    },
    {
      name: 'a number that is not one keeps the default',
      data: { id: 'abc' },
      want: '<x><id>0</id>',
    },
  ];
  it.each(cases)('$name', ({ data, want }) => {
    expect(toXml('x', render(skeleton, data, ctx)).replace('<?xml version="1.0" encoding="UTF-8"?>', '')).toContain(want);
  });

  it('renders lists as List nodes', () => {
    expect(render(new ListOf('a', ''), ['x', 'y'], ctx)).toEqual(new List('a', ['x', 'y']));
  });
});

describe('fromBody', () => {
  const cases = [
    { name: 'only known elements, typed', body: { name: 'N', enabled: 'false', bogus: 'x', id: '5' }, want: { name: 'N', enabled: false, id: 5 } },
    { name: 'a link by name', body: { category: { name: 'Tools' } }, want: { category: { id: '4' } } },
    { name: 'an unknown link name', body: { category: { name: 'Nope' } }, want: { category: { id: '-1' } } },
    { name: 'repeated and single list items', body: { computers: { computer: [{ id: '1' }, { name: 'MAC-BRAVO' }] }, fields: { field: { name: 'k', value: 'v' } } }, want: { computers: [{ id: '1' }, { id: '2' }], fields: [{ name: 'k', value: 'v' }] } },
    { name: 'an empty list element empties the list', body: { computers: '' }, want: { computers: [] } },
    { name: 'free-form elements are not written', body: { extra: { a: '1' } }, want: {} },
  ];
  it.each(cases)('$name', ({ body, want }) => {
    expect(fromBody(skeleton, body, ctx)).toEqual(want);
  });
});

describe('merge', () => {
  it('merges sections, replaces lists and scalars', () => {
    expect(merge({ a: { b: 1, c: 2 }, l: [1, 2], s: 'x' }, { a: { c: 3 }, l: [3], s: 'y' })).toEqual({ a: { b: 1, c: 3 }, l: [3], s: 'y' });
    expect(merge({ a: 1 }, undefined)).toEqual({ a: 1 });
  });
});

describe('ClassicRouter', () => {
  const endpoint = (method: Endpoint['method'], path: string): Endpoint => ({ method, path, privilege: 'p', summary: path, handle: () => ({ status: 200, headers: {}, body: path }) });
  const router = new ClassicRouter([
    endpoint('GET', '/things/id/{id}'),
    endpoint('PUT', '/things/id/{id}'),
    endpoint('GET', '/things/{segment}/{key}'),
    endpoint('GET', '/usage/id/{id}/{start_date}_{end_date}'),
  ]);
  const cases = [
    { method: 'GET', path: '/JSSResource/things/id/3', want: { path: '/things/id/{id}', params: { id: '3' } } },
    { method: 'GET', path: '/JSSResource/things/name/A%20B', want: { path: '/things/{segment}/{key}', params: { segment: 'name', key: 'A B' } } },
    { method: 'GET', path: '/JSSResource/usage/id/1/2026-01-01_2026-01-31', want: { path: '/usage/id/{id}/{start_date}_{end_date}', params: { id: '1', start_date: '2026-01-01', end_date: '2026-01-31' } } },
  ];
  it.each(cases)('$method $path', ({ method, path, want }) => {
    const match = router.match(method, path);
    expect(match !== undefined && match !== 'method' ? { path: match.endpoint.path, params: match.params } : match).toEqual(want);
  });
  it('tells an unknown path from a known path with another method', () => {
    expect(router.match('DELETE', '/JSSResource/things/id/3')).toBe('method');
    expect(router.match('GET', '/JSSResource/things/id/3/more')).toBeUndefined();
    expect(router.match('GET', '/JSSResource/nothing')).toBeUndefined();
    expect(router.match('GET', '/JSSResource/things/id/%E0%A4%A')).toBeUndefined();
  });
});
