/** What may run side by side (`--parallel`): given a collection, want its units. */
import { describe, expect, it } from 'vitest';
import { planCollection } from '../../../src/execute/units.ts';
import type { PostmanCollection, PostmanItem } from '../../../src/load/postman-types.ts';
import { collection, folder, request } from '../../helpers/collections.ts';

const get = (name: string, url = `{{baseUrl}}/v1/${name}`, spec: Parameters<typeof request>[2] = {}): PostmanItem => request(name, url, spec);
const reads = (n: number, prefix = 'r'): PostmanItem[] => Array.from({ length: n }, (_, i) => get(`${prefix}${i}`));
const sets = (name: string): string[] => [`pm.environment.set('${name}', pm.response.json().id);`];
/** Each unit as its entry indexes, `!` marking one that runs alone, `@i` one that runs iteration i only. */
const shape = (c: PostmanCollection, parallel = 4, iterations = 1): string[] =>
  planCollection(c, { parallel, iterations }).units.map((u) => `${u.alone ? '!' : ''}${u.entries.join(',')}${u.iteration === undefined ? '' : `@${u.iteration}`}`);

describe('planCollection', () => {
  const table: Array<{ name: string; given: PostmanCollection; parallel?: number; iterations?: number; want: string[] }> = [
    { name: 'parallel 1 is one unit, whatever the collection', given: collection('C', reads(6)), parallel: 1, want: ['0,1,2,3,4,5'] },
    { name: 'independent folders run side by side', given: collection('C', [folder('A', reads(3)), folder('B', reads(3)), folder('C', reads(3))]), want: ['0', '1', '2'] },
    { name: 'single top-level requests are packed into parts', given: collection('C', reads(32)), parallel: 4, want: ['0,1', '2,3', '4,5', '6,7', '8,9', '10,11', '12,13', '14,15', '16,17', '18,19', '20,21', '22,23', '24,25', '26,27', '28,29', '30,31'] },
    {
      name: 'a folder that sets a variable another reads stays with it, in order',
      given: collection('C', [folder('Find', [get('list', '{{baseUrl}}/v1/buildings', { tests: sets('buildingId') })]), folder('Other', reads(2)), folder('Use', [get('one', '{{baseUrl}}/v1/buildings/{{buildingId}}')])]),
      want: ['0,2', '1'],
    },
    {
      name: 'so does one that reads it before a later folder sets it',
      given: collection('C', [folder('Use', [get('one', '{{baseUrl}}/v1/buildings/{{buildingId}}')]), folder('Other', reads(2)), folder('Find', [get('list', '{{baseUrl}}/v1/buildings', { tests: sets('buildingId') })])]),
      want: ['0,2', '1'],
    },
    {
      name: 'a variable set and read inside one folder keeps it independent',
      given: collection('C', [folder('Chain', [get('list', '{{baseUrl}}/v1/buildings', { tests: sets('id') }), get('one', '{{baseUrl}}/v1/buildings/{{id}}')]), folder('Other', reads(2))]),
      want: ['0', '1'],
    },
    {
      name: 'a name a script computes touches everything',
      given: collection('C', [folder('A', [get('a', undefined, { tests: ["pm.environment.set(key, 1);"] })]), folder('B', reads(1)), folder('C', reads(1))]),
      want: ['0,1,2'],
    },
    { name: 'setNextRequest anywhere: all in order', given: collection('C', [folder('A', reads(2)), folder('B', [get('b', undefined, { tests: ["postman.setNextRequest('a');"] })])]), want: ['0,1'] },
    { name: 'collection-level scripts that set variables: all in order', given: collection('C', [folder('A', reads(2)), folder('B', reads(2))], { event: [{ listen: 'prerequest', script: { exec: ["pm.collectionVariables.set('t', Date.now());"] } }] }), want: ['0,1'] },
    {
      name: 'a folder with writes runs alone, between what comes before and after',
      given: collection('C', [folder('A', reads(2)), folder('B', reads(2)), folder('W', [request('create', '{{baseUrl}}/v1/buildings', { method: 'POST', body: '{}' })]), folder('D', reads(2)), folder('E', reads(2))]),
      want: ['0', '1', '!2', '3', '4'],
    },
    {
      name: 'jamf-contract: sequential in a folder description makes it run alone',
      given: collection('C', [folder('A', reads(2)), folder('S', reads(2), { description: 'Order matters here. jamf-contract: sequential' }), folder('B', reads(2))]),
      want: ['0', '!1', '2'],
    },
    {
      name: 'jamf-contract: parallel in a folder description overrides the analysis',
      given: collection('C', [folder('A', [get('a', undefined, { tests: sets('x') })], { description: 'jamf-contract: parallel' }), folder('B', [get('b', '{{baseUrl}}/v1/{{x}}')])]),
      want: ['0', '1'],
    },
    { name: 'the collection description can ask for order', given: collection('C', [folder('A', reads(2)), folder('B', reads(2))], { info: { name: 'C', description: 'jamf-contract: sequential' } }), want: ['0,1'] },
    { name: 'so can the variable jamfContractParallel', given: collection('C', [folder('A', reads(2)), folder('B', reads(2))], { variable: [{ key: 'jamfContractParallel', value: 'false' }] }), want: ['0,1'] },
    { name: 'iterations side by side when no script sets anything', given: collection('C', [folder('A', reads(2)), folder('B', reads(2))]), iterations: 2, want: ['0@0', '1@0', '0@1', '1@1'] },
    {
      name: 'iterations in order, per unit, when scripts set variables',
      given: collection('C', [folder('A', [get('a', undefined, { tests: sets('x') }), get('b', '{{baseUrl}}/v1/{{x}}')]), folder('B', reads(2))]),
      iterations: 3,
      want: ['0', '1'],
    },
    {
      name: 'iterations that depend on each other and a folder that runs alone: all in order',
      given: collection('C', [folder('A', [get('a', undefined, { tests: sets('x') })]), folder('W', [request('w', '{{baseUrl}}/v1/buildings', { method: 'PUT' })])]),
      iterations: 2,
      want: ['0,1'],
    },
    { name: 'reading the iteration number keeps iterations in one unit', given: collection('C', [folder('A', [get('a', undefined, { tests: ['console.log(pm.info.iteration);'] })]), folder('B', reads(1))]), iterations: 2, want: ['0', '1'] },
  ];
  for (const t of table) {
    it(t.name, () => {
      expect(shape(t.given, t.parallel ?? 4, t.iterations ?? 1)).toEqual(t.want);
    });
  }

  it('says why a collection runs in order', () => {
    const c = collection('C', [folder('A', reads(2)), folder('B', [get('b', undefined, { prerequest: ["pm.execution.setNextRequest(null);"] })])]);
    expect(planCollection(c, { parallel: 5, iterations: 1 }).sequentialBecause).toMatch(/setNextRequest/);
  });
});
