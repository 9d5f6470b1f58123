/** Plain functions of the doctor as given/want tables: Classic mapping, request location, cookies, versions, rendering. */
import { describe, expect, it } from 'vitest';
import { affinityCookie } from '../../src/doctor/affinity.ts';
import { classicPrivileges } from '../../src/doctor/classic-privileges.ts';
import { renderDoctorText, type DoctorReport } from '../../src/doctor/index.ts';
import { decodeClaims } from '../../src/doctor/roles.ts';
import { needOf, plannedRequests } from '../../src/doctor/requests.ts';
import { compareVersions } from '../../src/doctor/token.ts';
import { parseCollection } from '../../src/load/collection.ts';
import { specFromDocument } from '../../src/load/spec.ts';
import { collection, request } from '../helpers/collections.ts';

describe('classicPrivileges', () => {
  it.each([
    ['GET', '/JSSResource/buildings', ['Read Buildings']],
    ['POST', '/JSSResource/buildings/id/0', ['Create Buildings']],
    ['PUT', '/JSSResource/mobiledevices/id/3', ['Update Mobile Devices']],
    ['DELETE', '/JSSResource/policies/name/x', ['Delete Policies']],
    ['GET', '/JSSResource/computergroups/id/1', ['Read Smart Computer Groups', 'Read Static Computer Groups']],
    ['GET', '/JSSResource/nosuchthing', undefined],
    ['PATCH', '/JSSResource/buildings', undefined],
  ])('%s %s → %j', (method, path, want) => {
    expect(classicPrivileges(method, path)).toEqual(want);
  });
});

describe('plannedRequests + needOf', () => {
  const spec = specFromDocument({
    openapi: '3.0.1',
    servers: [{ url: '/api' }],
    paths: {
      '/v1/buildings': { get: { 'x-required-privileges': ['Read Buildings'], responses: {} }, post: { 'x-required-privileges': ['Create Buildings'], responses: {} } },
      '/v1/buildings/{id}': { get: { 'x-required-privileges': ['Read Buildings'], responses: {} } },
      '/v1/oauth/token': { post: { 'x-authentication-required': false, responses: {} } },
    },
  }, 'test', 'pro');
  const c = parseCollection(JSON.stringify(collection('C', [
    request('baseUrl form', '{{baseUrl}}/v1/buildings?page=0'),
    request('server form', '{{url}}/api/v1/buildings/:id'),
    request('classic', '{{url}}/JSSResource/buildings/id/{{id}}'),
    request('write', '{{baseUrl}}/v1/buildings', { method: 'POST' }),
    request('token', '{{baseUrl}}/v1/oauth/token', { method: 'POST' }),
    request('undocumented', '{{baseUrl}}/v1/nothing'),
    request('elsewhere', 'https://example.com/hello'),
  ])), 'c.json');

  it('locates each request and finds what it needs', () => {
    const planned = plannedRequests([c], { writes: false, destructive: false });
    expect(planned.map((r) => [r.api, r.path, r.notSent ?? ''])).toEqual([
      ['pro', '/v1/buildings', ''],
      ['pro', '/v1/buildings/:id', ''],
      ['classic', '/JSSResource/buildings/id/{{id}}', ''],
      ['pro', '/v1/buildings', 'creates or changes data: needs --allow-writes'],
      ['pro', '/v1/oauth/token', 'creates or changes data: needs --allow-writes'],
      ['pro', '/v1/nothing', ''],
      ['unknown', '/hello', ''],
    ]);
    expect(planned.map((r) => needOf(r, spec, '').kind)).toEqual(['listed', 'listed', 'any', 'listed', 'none', 'unknown', 'unknown']);
    expect(planned[0]!.label).toBe('C › baseUrl form (GET /api/v1/buildings)');
  });

  it('without a schema the Pro requests are unknown, with the reason', () => {
    const [first] = plannedRequests([c], { writes: true, destructive: false });
    expect(needOf(first!, undefined, 'schema unreadable')).toEqual({ kind: 'unknown', why: 'schema unreadable' });
  });
});

describe('affinityCookie', () => {
  it.each([
    [undefined, undefined],
    ['jpro-ingress=node2; Path=/; HttpOnly', { name: 'jpro-ingress', value: 'node2' }],
    ['other=1; Path=/, AWSALB=abc; Expires=Wed, 01 Jan 2031 00:00:00 GMT', { name: 'AWSALB', value: 'abc' }],
    ['session=1', undefined],
  ])('%s → %j', (header, want) => {
    expect(affinityCookie(header)).toEqual(want);
  });
});

describe('compareVersions', () => {
  it.each([
    ['11.5.0', '11.5.0', 0],
    ['11.30.1', '11.5.0', 1],
    ['10.34.0', '10.35.0', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});

describe('decodeClaims', () => {
  const jwt = (payload: object): string =>
    `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
  it('reads role ids from an array or a space-separated scope', () => {
    expect(decodeClaims(jwt({ scope: ['api-role:2', 'api-role:5'], iat: 1, exp: 600 }))).toMatchObject({ roleIds: ['2', '5'], issuedAt: 1, expiresAt: 600 });
    expect(decodeClaims(jwt({ scope: 'api-role:7 other' }))?.roleIds).toEqual(['7']);
  });
  it('a token that is not a JWT gives no claims', () => {
    expect(decodeClaims('opaque-token')).toBeUndefined();
  });
});

describe('renderDoctorText', () => {
  const report: DoctorReport = {
    server: 'https://x.example',
    canRun: false,
    generatedAt: '2026-01-01T00:00:00.000Z',
    checks: [
      { id: 'connect', status: 'ok', title: 'Server reachable', detail: 'Reached.' },
      { id: 'token', status: 'fail', title: 'No token', detail: 'Refused.\nSecond line.', remedy: 'Fix it.' },
      { id: 'clock', status: 'skip', title: 'Clock skew', detail: 'Not checked.', remedy: 'never shown for a skip' },
    ],
  };
  it('one mark per check, details indented, remedies for problems only, a verdict', () => {
    expect(renderDoctorText(report)).toBe(
      [
        'jamf-contract doctor: https://x.example',
        '',
        '[ok]   Server reachable',
        '       Reached.',
        '[FAIL] No token',
        '       Refused.',
        '       Second line.',
        '       → Fix it.',
        '[skip] Clock skew',
        '       Not checked.',
        '',
        'A run cannot proceed: 1 check failed.',
        '',
      ].join('\n'),
    );
  });
});
