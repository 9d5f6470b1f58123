import { describe, expect, it } from 'vitest';
import { matchPath, pathBelowBase } from '../../src/validate/match.ts';
import { proSpec } from './helpers.ts';

const op = { get: { responses: { '200': { description: 'ok' } } } };
const spec = proSpec({
  '/v1/buildings': { ...op, post: { responses: { '201': { description: 'created' } } } },
  '/v1/buildings/{id}': op,
  '/v1/buildings/export': { post: { responses: { '200': { description: 'ok' } } } },
  '/v1/buildings/{id}/history': op,
  '/v1/computers-inventory/{id}': op,
  '/v1/computers-inventory/detail': op,
  '/v2/items/{a}/x/{b}': op,
  '/v2/items/{a}/{b}/y': op,
  '/v1/files/{name}.json': op,
  '/preview/': op,
});

describe('pathBelowBase', () => {
  const cases: Array<{ url: string; serverUrl?: string; want: string | undefined }> = [
    { url: 'https://h/api/v1/buildings', want: '/v1/buildings' },
    { url: 'https://h/api/v1/buildings?page=0&page-size=100', want: '/v1/buildings' },
    { url: 'https://h/API/v1/buildings', want: '/v1/buildings' },
    { url: 'https://h/sub/api/v1/buildings', serverUrl: 'https://h/sub', want: '/v1/buildings' },
    { url: 'https://h/sub/api/v1/buildings', serverUrl: 'https://h/sub/api', want: '/v1/buildings' },
    { url: 'https://h/sub/api/v1/buildings', want: '/v1/buildings' },
    { url: 'https://h/api', want: '' },
    { url: 'https://h/JSSResource/buildings', want: undefined },
    { url: 'https://h/apiary/v1', want: undefined },
  ];
  it.each(cases)('$url (server $serverUrl) → $want', ({ url, serverUrl, want }) => {
    expect(pathBelowBase(spec, url, serverUrl)).toBe(want);
  });

  it('uses the path of an absolute server URL with variables', () => {
    const gw = proSpec({ '/x': op }, {}, [{ url: 'https://{region}.example.com/base/v', variables: { region: { default: 'us' } } }]);
    expect(gw.basePaths).toEqual(['/base/v']);
    expect(pathBelowBase(gw, 'https://us.example.com/base/v/x')).toBe('/x');
  });
});

describe('matchPath', () => {
  const cases: Array<{ method: string; path: string; want: string | undefined; params?: Record<string, string> }> = [
    { method: 'GET', path: '/v1/buildings', want: 'GET /v1/buildings' },
    { method: 'post', path: '/v1/buildings', want: 'POST /v1/buildings' },
    { method: 'GET', path: '/v1/buildings/', want: 'GET /v1/buildings' },
    { method: 'GET', path: '/v1/buildings//', want: 'GET /v1/buildings' },
    { method: 'GET', path: '/v1/buildings/12', want: 'GET /v1/buildings/{id}', params: { id: '12' } },
    { method: 'GET', path: '/v1/buildings/12/history', want: 'GET /v1/buildings/{id}/history' },
    { method: 'POST', path: '/v1/buildings/export', want: 'POST /v1/buildings/export' },
    // A literal path without the method falls through to the template that has it.
    { method: 'GET', path: '/v1/buildings/export', want: 'GET /v1/buildings/{id}', params: { id: 'export' } },
    { method: 'GET', path: '/v1/computers-inventory/detail', want: 'GET /v1/computers-inventory/detail' },
    { method: 'GET', path: '/v1/computers-inventory/7', want: 'GET /v1/computers-inventory/{id}' },
    { method: 'GET', path: '/v2/items/1/x/2', want: 'GET /v2/items/{a}/x/{b}' },
    { method: 'GET', path: '/v2/items/1/2/y', want: 'GET /v2/items/{a}/{b}/y' },
    { method: 'GET', path: '/v1/buildings/Eau%20Claire', want: 'GET /v1/buildings/{id}', params: { id: 'Eau Claire' } },
    { method: 'GET', path: '/v1/buildings/a%2Fb', want: 'GET /v1/buildings/{id}', params: { id: 'a/b' } },
    { method: 'GET', path: '/v1/files/report.json', want: 'GET /v1/files/{name}.json', params: { name: 'report' } },
    { method: 'GET', path: '/preview', want: 'GET /preview' },
    { method: 'DELETE', path: '/v1/buildings', want: undefined },
    { method: 'GET', path: '/v9/nothing', want: undefined },
  ];
  it.each(cases)('$method $path → $want', ({ method, path, want, params }) => {
    const m = matchPath(spec, method, path);
    expect(m.operation?.key).toBe(want);
    if (params) expect(m.params).toEqual(params);
  });

  it('names the documented methods when only the method is wrong', () => {
    expect(matchPath(spec, 'DELETE', '/v1/buildings').otherMethods.sort()).toEqual(['GET', 'POST']);
  });
});
