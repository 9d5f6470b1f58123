import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIterationData, newmanCast, parseIterationData } from '../../../src/load/iteration-data.ts';
import { JamfContractError } from '../../../src/errors.ts';
import { tempDir } from '../../helpers/collections.ts';
import { encode } from '../../helpers/encodings.ts';

describe('parseIterationData', () => {
  const ok: Array<{ name: string; given: string; want: Array<Record<string, unknown>> }> = [
    { name: 'a JSON array of objects keeps its types', given: '[{"id": 1, "name": "Main", "on": true, "tags": ["a"]}, {"id": "2", "name": null}]', want: [{ id: 1, name: 'Main', on: true, tags: ['a'] }, { id: '2', name: null }] },
    { name: 'CSV with a header row and quoted commas', given: 'id,name\n1,"Main, North"\n2,Annex\n', want: [{ id: 1, name: 'Main, North' }, { id: 2, name: 'Annex' }] },
    { name: 'CSV: a quoted number stays a string', given: 'id,code\n"7890",7890\n', want: [{ id: '7890', code: 7890 }] },
    { name: 'CSV: booleans stay strings (newman types numbers only)', given: 'flag\ntrue\n', want: [{ flag: 'true' }] },
    { name: 'CSV: relaxed quotes inside an unquoted field', given: 'q\nsay "hi" now\n', want: [{ q: 'say "hi" now' }] },
    { name: 'CSV: ragged rows are kept', given: 'a,b\n1,2,3\n4\n', want: [{ a: 1, b: 2 }, { a: 4 }] },
    { name: 'CSV: a blank line is an iteration, as in newman', given: 'id,name\n\n3,Lab\n', want: [{ id: '' }, { id: 3, name: 'Lab' }] },
    { name: 'CSV with a byte-order mark and CRLF', given: '\uFEFFid,name\r\n3,Lab\r\n', want: [{ id: 3, name: 'Lab' }] },
  ];
  for (const { name, given, want } of ok) it(name, () => expect(parseIterationData(given, 'data')).toEqual(want));

  const bad: Array<{ name: string; given: string }> = [
    { name: 'JSON that is not an array', given: '{"id": 1}' },
    { name: 'an array of non-objects', given: '[1, 2]' },
    { name: 'no rows', given: 'id,name\n' },
    // Names every JavaScript object has: the script sandbox failed on them inside its worker and
    // sent nothing back, so any run with a script waited forever (found by fuzzing data files).
    { name: 'a JSON key "__proto__"', given: '[{"__proto__": {"x": 1}}]' },
    { name: 'a JSON key "constructor" in a later row', given: '[{"id": 1}, {"constructor": 2}]' },
    { name: 'a CSV column "toString"', given: 'toString,a\n1,2\n' },
    { name: 'a CSV column "__proto__"', given: '__proto__,a\n1,2\n' },
  ];
  for (const { name, given } of bad) {
    it(`${name} → DATA_INVALID`, () => {
      expect(() => parseIterationData(given, 'data')).toThrow(JamfContractError);
      expect(() => parseIterationData(given, 'data')).toThrow(expect.objectContaining({ code: 'DATA_INVALID' }));
    });
  }
});

describe("newmanCast: newman's typing of unquoted CSV fields", () => {
  const table: Array<[string, unknown]> = [
    ['7890', 7890], ['-5', -5], ['+5', 5], ['1.5', 1.5], ['0', 0], ['007', 7], ['1e3', 1000], ['0x10', 0],
    ['12abc', '12abc'], ['abc', 'abc'], ['', ''], ['true', 'true'], ['Infinity', 'Infinity'], ['1 2', '1 2'],
  ];
  for (const [given, want] of table) it(`${JSON.stringify(given)} → ${JSON.stringify(want)}`, () => expect(newmanCast(given, { quoting: false })).toEqual(want));
  it('a quoted field is never cast', () => expect(newmanCast('12', { quoting: true })).toBe('12'));
});

describe('loadIterationData: files in the encodings Windows tools write', () => {
  for (const encoding of ['utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'windows-1252'] as const) {
    it(encoding, async () => {
      const file = join(tempDir(), 'data.csv');
      writeFileSync(file, encode('site,id\nZürich,7\n', encoding));
      expect(await loadIterationData(file)).toEqual([{ site: 'Zürich', id: 7 }]);
    });
  }
});
