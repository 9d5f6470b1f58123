import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/load/text.ts';
import { encode, type Encoding } from '../../helpers/encodings.ts';

describe('decodeText', () => {
  const text = '{"name": "Zürich café"}';
  const table: Array<[Encoding, string]> = [
    ['utf-8', 'utf-8'],
    ['utf-8-bom', 'utf-8'],
    ['utf-16le-bom', 'utf-16le'],
    ['utf-16be-bom', 'utf-16be'],
    ['windows-1252', 'windows-1252'],
  ];
  for (const [given, want] of table) {
    it(`${given} → ${want}, without the byte order mark`, () => expect(decodeText(encode(text, given))).toEqual({ text, encoding: want }));
  }
  it('a second BOM is content', () => expect(decodeText(Buffer.from('\uFEFF\uFEFFx', 'utf8')).text).toBe('\uFEFFx'));
  it('an empty file', () => expect(decodeText(Buffer.alloc(0))).toEqual({ text: '', encoding: 'utf-8' }));
});
