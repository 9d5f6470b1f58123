/** The simulator's route tree (src/simulator/routes.ts): Jamf's matching rules, given/want. */
import { describe, expect, it } from 'vitest';
import { Router, type Method, type RouteDef } from '../../src/simulator/routes.ts';

const route = (method: Method, path: string, summary = `${method} ${path}`): RouteDef =>
  ({ method, path, summary, tag: 't', privileges: [], responses: {}, handler: () => ({ status: 200, headers: {}, body: '' }) });

const router = new Router([
  route('GET', '/v1/things/{id}'),
  route('POST', '/v1/things/export'),
  route('GET', '/v1/things/{id}/parts/{partId}'),
  route('GET', '/v1/things', 'native list'),
], '11.30.1', [route('GET', '/v1/things', 'generated list'), route('GET', '/v1/things/special'), route('DELETE', '/v1/things/{thingId}')]);

describe('Router.match', () => {
  it.each([
    { method: 'GET', path: '/api/v1/things/7', want: { summary: 'GET /v1/things/{id}', params: { id: '7' } } },
    { method: 'GET', path: '/api/v1/things/special', want: { summary: 'GET /v1/things/special', params: {} } },
    { method: 'POST', path: '/api/v1/things/export', want: { summary: 'POST /v1/things/export', params: {} } },
    // A literal path without the method falls through to the template that has it.
    { method: 'GET', path: '/api/v1/things/export', want: { summary: 'GET /v1/things/{id}', params: { id: 'export' } } },
    { method: 'GET', path: '/api/v1/things/a%20b/parts/x', want: { summary: 'GET /v1/things/{id}/parts/{partId}', params: { id: 'a b', partId: 'x' } } },
    { method: 'GET', path: '/api/v1/things', want: { summary: 'native list', params: {} } },
    { method: 'DELETE', path: '/api/v1/things/3', want: { summary: 'DELETE /v1/things/{thingId}', params: { thingId: '3' } } },
  ])('$method $path', ({ method, path, want }) => {
    const match = router.match(method, path);
    expect(typeof match === 'object' && { summary: match.route.summary, params: match.params }).toEqual(want);
  });

  it.each([
    { method: 'PUT', path: '/api/v1/things/7', want: 'method' },
    { method: 'GET', path: '/api/v1/nothing', want: undefined },
    { method: 'GET', path: '/api/v1/things/', want: undefined },
    { method: 'GET', path: '/api/v1/things/7/parts', want: undefined },
  ])('$method $path → $want', ({ method, path, want }) => {
    expect(router.match(method, path)).toBe(want);
  });

  it('documents only the native routes of its profile', () => {
    const profiled = new Router([{ ...route('GET', '/v4/x'), profiles: ['11.30.1'] }, route('GET', '/v1/y')], '11.29.1');
    expect(profiled.routes.map((r) => r.path)).toEqual(['/v1/y']);
    expect(profiled.match('GET', '/api/v4/x')).toBeUndefined();
  });
});
