import { describe, expect, it } from 'vitest';
import { selectFolders } from '../../../src/load/select.ts';
import type { LoadedCollection } from '../../../src/load/collection.ts';
import { walkItems } from '../../../src/load/postman-types.ts';
import { collection, folder, request } from '../../helpers/collections.ts';

function loaded(name: string, items: ReturnType<typeof collection>['item']): LoadedCollection {
  return { file: `/tmp/${name}.json`, name, schemaVersion: '2.1.0', json: collection(name, items) };
}

const a = loaded('A', [
  request('root', '{{baseUrl}}/v1/a'),
  folder('Buildings', [request('list', '{{baseUrl}}/v1/buildings'), folder('Deep', [request('deep', '{{baseUrl}}/v1/deep')])]),
  folder('Computers', [request('inv', '{{baseUrl}}/v1/computers-inventory'), folder('Buildings', [request('nested b', '{{baseUrl}}/v1/x')])]),
]);
const b = loaded('B', [folder('Sites', [request('sites', '{{baseUrl}}/v1/sites')])]);

const names = (cs: LoadedCollection[]): string[] => cs.flatMap((c) => [...walkItems(c.json.item)].map(({ item, folders }) => [c.name, ...folders, item.name].join('/')));

describe('selectFolders', () => {
  const table: Array<{ name: string; include: string[]; exclude: string[]; want: string[] }> = [
    { name: 'nothing selected keeps all', include: [], exclude: [], want: names([a, b]) },
    { name: 'include a folder, everywhere it appears, with subfolders', include: ['Buildings'], exclude: [], want: ['A/Buildings/list', 'A/Buildings/Deep/deep', 'A/Computers/Buildings/nested b'] },
    { name: 'include a nested folder', include: ['Deep'], exclude: [], want: ['A/Buildings/Deep/deep'] },
    { name: 'include across collections', include: ['Deep', 'Sites'], exclude: [], want: ['A/Buildings/Deep/deep', 'B/Sites/sites'] },
    { name: 'exclude a folder at any depth', include: [], exclude: ['Buildings'], want: ['A/root', 'A/Computers/inv', 'B/Sites/sites'] },
    { name: 'include and exclude', include: ['Buildings'], exclude: ['Deep'], want: ['A/Buildings/list', 'A/Computers/Buildings/nested b'] },
  ];
  for (const { name, include, exclude, want } of table) {
    it(name, () => expect(names(selectFolders([a, b], { include, exclude }))).toEqual(want));
  }

  it('keeps ancestors of a selected folder (their auth and scripts apply)', () => {
    const withEvents = loaded('E', [folder('Outer', [folder('Inner', [request('x', '{{baseUrl}}/v1/x')])], { event: [{ listen: 'prerequest', script: { exec: '1' } }] })]);
    const [only] = selectFolders([withEvents], { include: ['Inner'], exclude: [] });
    expect(only?.json.item[0]?.name).toBe('Outer');
    expect(only?.json.item[0]?.event).toHaveLength(1);
  });

  it('does not change the loaded collection', () => {
    selectFolders([a], { include: ['Deep'], exclude: [] });
    expect(names([a])).toHaveLength(5);
  });

  it('refuses an unknown folder, naming it (FOLDER_NOT_FOUND)', () => {
    expect(() => selectFolders([a, b], { include: ['Buildings', 'Nope'], exclude: [] })).toThrow(expect.objectContaining({ code: 'FOLDER_NOT_FOUND', message: expect.stringContaining('"Nope"') }));
  });

  it('matches names exactly (a request named like the folder is not a folder)', () => {
    expect(() => selectFolders([a], { include: ['list'], exclude: [] })).toThrow(expect.objectContaining({ code: 'FOLDER_NOT_FOUND' }));
  });
});
