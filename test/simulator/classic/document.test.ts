import { describe, expect, it } from 'vitest';
import { Attributed, List, parseXml, toJson, toXml } from '../../../src/simulator/classic/document.ts';

describe('Classic documents', () => {
  const node = {
    id: 7,
    name: 'A & B',
    flag: true,
    empty: '',
    display: new Attributed('x', { deprecated: '9.4' }),
    sized: new List('item', [{ id: 1 }, { id: 2 }]),
    none: new List('item', []),
    bare: new List('value', ['a', 'b'], false),
    gone: new List('value', [], false),
  };
  it('XML: size then repeated items, empty elements self-closed, attributes kept', () => {
    expect(toXml('thing', node)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><thing><id>7</id><name>A &amp; B</name><flag>true</flag><empty/>' +
        '<display deprecated="9.4">x</display><sized><size>2</size><item><id>1</id></item><item><id>2</id></item></sized>' +
        '<none><size>0</size></none><bare><value>a</value><value>b</value></bare><gone/></thing>',
    );
  });
  it('JSON: lists become arrays, attributes drop, types stay', () => {
    expect(JSON.parse(toJson('thing', node))).toEqual({
      thing: { id: 7, name: 'A & B', flag: true, empty: '', display: 'x', sized: [{ id: 1 }, { id: 2 }], none: [], bare: ['a', 'b'], gone: [] },
    });
  });
  const parses = [
    { text: '<?xml version="1.0"?><a><b>1</b></a>', want: { ok: true, root: 'a', value: { b: '1' } } },
    { text: '<a><b/></a>', want: { ok: true, root: 'a', value: { b: '' } } },
    { text: '<a><b></a>', ok: false },
    { text: '{"a":1}', ok: false },
    { text: '<a/><b/>', ok: false },
  ];
  it.each(parses)('parseXml($text)', ({ text, want, ok }) => {
    const parsed = parseXml(text);
    if (want !== undefined) expect(parsed).toEqual(want);
    else expect(parsed.ok).toBe(ok);
  });
});
