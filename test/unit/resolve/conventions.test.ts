import { describe, expect, it } from 'vitest';
import { detectServerVariables, serverUrlFromValues, serverVariableValues, type ServerVariable } from '../../../src/resolve/conventions.ts';
import { collection, folder, request } from '../../helpers/collections.ts';

const detect = (...urls: string[]): ServerVariable[] => detectServerVariables(collection('c', urls.map((u, i) => request(`r${i}`, u))));

describe('detectServerVariables', () => {
  const table: Array<{ given: string[]; want: ServerVariable[] }> = [
    { given: ['{{baseUrl}}/v1/buildings', '{{baseUrl}}/v2/computers-inventory'], want: [{ name: 'baseUrl', form: 'api', uses: 2 }] },
    { given: ['{{baseUrl}}/preview/x', '{{baseUrl}}/auth/tokens', '{{baseUrl}}/oauth/token'], want: [{ name: 'baseUrl', form: 'api', uses: 3 }] },
    { given: ['{{url}}/JSSResource/buildings', '{{url}}/api/v1/auth'], want: [{ name: 'url', form: 'server', uses: 2 }] },
    { given: ['{{ url }}/JSSResource/buildings'], want: [{ name: 'url', form: 'server', uses: 1 }] },
    { given: ['{{server}}/classicapi/doc/swagger.yaml', '{{server}}/healthCheck.html'], want: [{ name: 'server', form: 'server', uses: 2 }] },
    { given: ['https://{{url}}/JSSResource/buildings'], want: [{ name: 'url', form: 'host', uses: 1, scheme: 'https' }] },
    { given: ['http://{{host}}/JSSResource/x'], want: [{ name: 'host', form: 'host', uses: 1, scheme: 'http' }] },
    // Mixed forms: the majority wins.
    { given: ['{{url}}/JSSResource/a', '{{url}}/JSSResource/b', '{{url}}/v1/c'], want: [{ name: 'url', form: 'server', uses: 2 }] },
    // Two variables in one collection, most used first.
    {
      given: ['{{baseUrl}}/v1/a', '{{classic}}/JSSResource/b', '{{classic}}/JSSResource/c'],
      want: [{ name: 'classic', form: 'server', uses: 2 }, { name: 'baseUrl', form: 'api', uses: 1 }],
    },
    // Neither a server root nor an API root: not a server variable.
    { given: ['{{other}}/something/else', 'https://example.com/api/v1/x', '{{$randomUrl}}'], want: [] },
  ];
  for (const { given, want } of table) {
    it(`${given.join(' , ')}`, () => expect(detect(...given)).toEqual(want));
  }

  it('reads URLs in nested folders and in object form', () => {
    const c = collection('c', [
      folder('f', [folder('g', [{ name: 'x', request: { method: 'GET', url: { raw: '{{baseUrl}}/v1/x' } } }])]),
      { name: 'y', request: { url: { host: ['{{url}}'], path: ['JSSResource', 'buildings'] } } },
    ]);
    expect(detectServerVariables(c).map((v) => [v.name, v.form])).toEqual([
      ['baseUrl', 'api'],
      ['url', 'server'],
    ]);
  });
});

describe('serverVariableValues', () => {
  const vars: ServerVariable[] = [
    { name: 'baseUrl', form: 'api', uses: 1 },
    { name: 'url', form: 'server', uses: 1 },
    { name: 'host', form: 'host', uses: 1, scheme: 'https' },
  ];
  const table = [
    { given: 'https://acme.jamfcloud.com', want: { baseUrl: 'https://acme.jamfcloud.com/api', url: 'https://acme.jamfcloud.com', host: 'acme.jamfcloud.com' } },
    { given: 'https://acme.jamfcloud.com/', want: { baseUrl: 'https://acme.jamfcloud.com/api', url: 'https://acme.jamfcloud.com', host: 'acme.jamfcloud.com' } },
    { given: 'http://127.0.0.1:8443', want: { baseUrl: 'http://127.0.0.1:8443/api', url: 'http://127.0.0.1:8443', host: '127.0.0.1:8443' } },
    // An on-premises server under a base path.
    { given: 'https://jss.example.org:8443/jamf/', want: { baseUrl: 'https://jss.example.org:8443/jamf/api', url: 'https://jss.example.org:8443/jamf', host: 'jss.example.org:8443' } },
  ];
  for (const { given, want } of table) it(given, () => expect(serverVariableValues(vars, given)).toEqual(want));
});

describe('serverUrlFromValues', () => {
  const api: ServerVariable = { name: 'baseUrl', form: 'api', uses: 1 };
  const server: ServerVariable = { name: 'url', form: 'server', uses: 1 };
  const host: ServerVariable = { name: 'url', form: 'host', uses: 1, scheme: 'https' };
  const table: Array<{ vars: ServerVariable[]; values: Record<string, string>; want: string | undefined }> = [
    { vars: [api], values: { baseUrl: 'https://a.jamfcloud.com/api' }, want: 'https://a.jamfcloud.com' },
    { vars: [api], values: { baseUrl: 'https://a.jamfcloud.com/api/' }, want: 'https://a.jamfcloud.com' },
    { vars: [server], values: { url: 'https://a.jamfcloud.com/' }, want: 'https://a.jamfcloud.com' },
    { vars: [host], values: { url: 'a.jamfcloud.com' }, want: 'https://a.jamfcloud.com' },
    { vars: [{ ...host, scheme: 'http' }], values: { url: '127.0.0.1:9000' }, want: 'http://127.0.0.1:9000' },
    { vars: [server], values: { url: '{{other}}' }, want: undefined },
    { vars: [server], values: { url: 'a.jamfcloud.com' }, want: undefined },
    { vars: [server], values: {}, want: undefined },
    { vars: [server, api], values: { url: '', baseUrl: 'https://b.example/api' }, want: 'https://b.example' },
  ];
  for (const { vars, values, want } of table) {
    it(`${JSON.stringify(values)} → ${want}`, () => expect(serverUrlFromValues(vars, values)).toBe(want));
  }
});
