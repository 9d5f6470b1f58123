import { describe, expect, it } from 'vitest';
import { parseIterationData } from '../../../src/load/iteration-data.ts';
import { JamfContractError } from '../../../src/errors.ts';

describe('parseIterationData', () => {
  const ok: Array<{ name: string; given: string; want: Array<Record<string, string>> }> = [
    { name: 'a JSON array of objects', given: '[{"id": 1, "name": "Main"}, {"id": "2", "name": "Annex"}]', want: [{ id: '1', name: 'Main' }, { id: '2', name: 'Annex' }] },
    { name: 'CSV with a header row and quoted commas', given: 'id,name\n1,"Main, North"\n2,Annex\n', want: [{ id: '1', name: 'Main, North' }, { id: '2', name: 'Annex' }] },
    { name: 'CSV with a byte-order mark and blank lines', given: '\uFEFFid,name\n\n3,Lab\n', want: [{ id: '3', name: 'Lab' }] },
  ];
  for (const { name, given, want } of ok) it(name, () => expect(parseIterationData(given, 'data')).toEqual(want));

  const bad: Array<{ name: string; given: string }> = [
    { name: 'JSON that is not an array', given: '{"id": 1}' },
    { name: 'an array of non-objects', given: '[1, 2]' },
    { name: 'broken JSON', given: '[{"id": 1' },
    { name: 'no rows', given: 'id,name\n' },
    { name: 'CSV rows longer than the header', given: 'id\n1,2\n' },
  ];
  for (const { name, given } of bad) {
    it(`${name} → DATA_INVALID`, () => {
      expect(() => parseIterationData(given, 'data')).toThrow(JamfContractError);
      try {
        parseIterationData(given, 'data');
      } catch (error) {
        expect((error as JamfContractError).code).toBe('DATA_INVALID');
      }
    });
  }
});
