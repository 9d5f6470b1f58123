import { describe, expect, it } from 'vitest';
import { findUnknownVariables, referencedVariables, variablesSetByScripts } from '../../../src/resolve/variables.ts';
import { unresolvedIn } from '../../../src/resolve/unresolved.ts';
import type { PostmanRequest } from '../../../src/load/postman-types.ts';
import { collection, folder, request } from '../../helpers/collections.ts';

describe('referencedVariables', () => {
  const table: Array<{ name: string; given: PostmanRequest | string; want: string[] }> = [
    { name: 'url', given: { url: '{{url}}/JSSResource/computers/id/{{id}}' }, want: ['url', 'id'] },
    { name: 'spaces inside braces', given: { url: '{{ url }}/x/{{ id }}' }, want: ['url', 'id'] },
    { name: 'query and path variables', given: { url: { raw: '{{baseUrl}}/v1/x?page={{page}}', variable: [{ key: 'id', value: '{{pathId}}' }] } }, want: ['baseUrl', 'page', 'pathId'] },
    { name: 'headers', given: { url: 'https://x', header: [{ key: 'X-Site', value: '{{siteId}}' }] }, want: ['siteId'] },
    { name: 'raw body', given: { url: 'https://x', body: { mode: 'raw', raw: '<building><name>{{name}}</name></building>' } }, want: ['name'] },
    { name: 'urlencoded body', given: { url: 'https://x', body: { mode: 'urlencoded', urlencoded: [{ key: 'a', value: '{{secretThing}}' }] } }, want: ['secretThing'] },
    { name: 'dynamic variables ignored', given: { url: 'https://x/{{$guid}}', body: { mode: 'raw', raw: '{{$timestamp}} {{$randomInt}}' } }, want: [] },
    { name: 'duplicates once', given: { url: '{{id}}/{{id}}' }, want: ['id'] },
    { name: 'string request', given: '{{url}}/JSSResource/{{kind}}', want: ['url', 'kind'] },
    { name: 'a backslash in a name is the name as written', given: { url: 'https://x/{{b\\ar}}' }, want: ['b\\ar'] },
    { name: 'quotes in a body', given: { url: 'https://x', body: { mode: 'raw', raw: '{"a": "{{quoted}}"}' } }, want: ['quoted'] },
  ];
  for (const { name, given, want } of table) it(name, () => expect(referencedVariables(given)).toEqual(want));
});

describe('variablesSetByScripts', () => {
  it('finds names set by pm.*.set and the legacy postman.set* calls, at any level', () => {
    const c = collection(
      'c',
      [
        folder('f', [request('a', 'https://x', { tests: ['pm.environment.set("buildingId", pm.response.json().results[0].id);'] })], {
          event: [{ listen: 'prerequest', script: { exec: ["pm.collectionVariables.set('folderVar', 1)"] } }],
        }),
        request('b', 'https://x', { tests: ['postman.setEnvironmentVariable(`legacy`, 2); postman.setGlobalVariable("glob", 3);', 'pm.variables.get("notSet")'] }),
      ],
      { event: [{ listen: 'prerequest', script: { exec: 'pm.globals.set("top", 1)' } }] },
    );
    expect([...variablesSetByScripts(c)].sort()).toEqual(['buildingId', 'folderVar', 'glob', 'legacy', 'top']);
  });
});

describe('findUnknownVariables', () => {
  it('lists every missing name per request, with its folders', () => {
    const c = collection('c', [
      folder('Buildings', [request('by id', '{{url}}/JSSResource/buildings/id/{{id}}'), request('all', '{{url}}/JSSResource/buildings')]),
      request('subset', '{{url}}/JSSResource/computers/name/{{name}}/subset/{{subset}}'),
    ]);
    const found = findUnknownVariables(c, new Set(['url']));
    expect(found.map((u) => [u.folders, u.item.name, u.names])).toEqual([
      [['Buildings'], 'by id', ['id']],
      [[], 'subset', ['name', 'subset']],
    ]);
  });
});

describe('unresolvedIn: a request as it is about to be sent', () => {
  const table: Array<{ name: string; given: Parameters<typeof unresolvedIn>[0]; want: string[] }> = [
    { name: 'nothing left', given: { url: 'https://jamf.example/api/v1/buildings/1' }, want: [] },
    { name: 'left in the query', given: { url: 'https://jamf.example/api/v1/buildings?filter={{f}}' }, want: ['f'] },
    { name: 'left in the path, percent-encoded by the engine', given: { url: 'https://jamf.example/JSSResource/buildings/id/%7B%7Bid%7D%7D' }, want: ['id'] },
    { name: 'a header', given: { url: 'https://x', headers: { 'X-Site': '{{siteId}}' } }, want: ['siteId'] },
    { name: 'a body', given: { url: 'https://x', body: '<name>{{name}}</name>' }, want: ['name'] },
    { name: 'a backslash in the name', given: { url: 'https://x/{{b\\ar}}' }, want: ['b\\ar'] },
    { name: 'an unknown dynamic variable is not ours to judge', given: { url: 'https://x/{{$nope}}' }, want: [] },
  ];
  for (const { name, given, want } of table) it(name, () => expect(unresolvedIn(given)).toEqual(want));
});
