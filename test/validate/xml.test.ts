/** Classic XML read by the schema: given XML + the schema at its root → wanted JSON shape. */
import { describe, expect, it } from 'vitest';
import { parseClassicXml, XmlShaper } from '../../src/validate/xml.ts';

const document = {
  components: {
    schemas: {
      size: { type: 'integer' },
      building: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
      // Jamf's gateway style: a list whose items name the repeated child.
      buildings: { type: 'array', items: { type: 'object', properties: { building: { $ref: '#/components/schemas/building' }, size: { $ref: '#/components/schemas/size' } } } },
      scripts: { type: 'object', properties: { size: { $ref: '#/components/schemas/size' }, script: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } } } },
      policy: { type: 'object', properties: { scripts: { $ref: '#/components/schemas/scripts' }, general: { allOf: [{ $ref: '#/components/schemas/building' }] } } },
      basic: { type: 'object', properties: { computer: { type: 'object', properties: { id: { type: 'integer' } } } } },
      privileges: { type: 'object', properties: { jss_objects: { type: 'array', items: { type: 'object', properties: { privilege: { type: 'string' } } } } } },
      either: { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'object' }] },
    },
  },
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const cases: Array<{ name: string; xml: string; schema: unknown; want: unknown }> = [
  { name: 'sized list → array of its children', xml: '<buildings><size>2</size><building><id>1</id></building><building><id>2</id></building></buildings>', schema: ref('buildings'), want: [{ id: '1' }, { id: '2' }] },
  { name: 'sized list of one → array of one', xml: '<buildings><size>1</size><building><id>1</id></building></buildings>', schema: ref('buildings'), want: [{ id: '1' }] },
  { name: 'list without size', xml: '<buildings><building><id>1</id></building></buildings>', schema: ref('buildings'), want: [{ id: '1' }] },
  { name: 'size 0 → empty array', xml: '<buildings><size>0</size></buildings>', schema: ref('buildings'), want: [] },
  { name: 'empty element → empty array', xml: '<buildings/>', schema: ref('buildings'), want: [] },
  { name: 'object with size stays an object (policy scripts, none)', xml: '<policy><scripts><size>0</size></scripts></policy>', schema: ref('policy'), want: { scripts: { size: '0' } } },
  { name: 'object with size: one repeated child is a list of one', xml: '<policy><scripts><size>1</size><script><id>1</id><name>a</name></script></scripts></policy>', schema: ref('policy'), want: { scripts: { size: '1', script: [{ id: '1', name: 'a' }] } } },
  { name: 'object with size: repeated children stay a list', xml: '<policy><scripts><size>2</size><script><id>1</id></script><script><id>2</id></script></scripts></policy>', schema: ref('policy'), want: { scripts: { size: '2', script: [{ id: '1' }, { id: '2' }] } } },
  { name: 'allOf wrapper is followed', xml: '<policy><general><id>1</id><name>p</name></general></policy>', schema: ref('policy'), want: { general: { id: '1', name: 'p' } } },
  { name: 'object where XML repeats: kept repeated, the validator reports it', xml: '<computers><size>2</size><computer><id>1</id></computer><computer><id>2</id></computer></computers>', schema: ref('basic'), want: { size: '2', computer: [{ id: '1' }, { id: '2' }] } },
  { name: 'object where XML has one: stays an object', xml: '<computers><size>1</size><computer><id>1</id></computer></computers>', schema: ref('basic'), want: { size: '1', computer: { id: '1' } } },
  { name: 'repeated text where objects are wanted: kept as text (a real disagreement)', xml: '<account><privileges><jss_objects><privilege>Read A</privilege><privilege>Read B</privilege></jss_objects></privileges></account>', schema: { type: 'object', properties: { privileges: ref('privileges') } }, want: { privileges: { jss_objects: ['Read A', 'Read B'] } } },
  { name: 'one text child where objects are wanted: a list of one text', xml: '<privileges><jss_objects><privilege>Read A</privilege></jss_objects></privileges>', schema: ref('privileges'), want: { jss_objects: ['Read A'] } },
  { name: 'an element with several fields where a list is wanted: a list of one', xml: '<x><list><id>1</id><name>a</name></list></x>', schema: { type: 'object', properties: { list: { type: 'array', items: { type: 'object' } } } }, want: { list: [{ id: '1', name: 'a' }] } },
  { name: 'text where a list is wanted: a list of one', xml: '<x><tags>a</tags></x>', schema: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } } } }, want: { tags: ['a'] } },
  { name: 'undeclared child stays as parsed', xml: '<x><extra><size>1</size><item>a</item></extra></x>', schema: { type: 'object', properties: {} }, want: { extra: { size: '1', item: 'a' } } },
  { name: 'no schema: as parsed', xml: '<x><a><size>1</size><b>c</b></a></x>', schema: undefined, want: { a: { size: '1', b: 'c' } } },
  { name: 'array-or-object (oneOf) is left as parsed', xml: '<x><size>1</size><v>a</v></x>', schema: ref('either'), want: { size: '1', v: 'a' } },
  { name: 'nested lists', xml: '<x><groups><size>1</size><group><members><member>a</member><member>b</member></members></group></groups></x>', schema: { type: 'object', properties: { groups: { type: 'array', items: { type: 'object', properties: { members: { type: 'array', items: { type: 'string' } } } } } } }, want: { groups: [{ members: ['a', 'b'] }] } },
];

describe('XmlShaper', () => {
  it.each(cases)('$name', ({ xml, schema, want }) => {
    const parsed = parseClassicXml(xml);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(new XmlShaper(document).shape(parsed.value, schema)).toEqual(want);
  });

  it('survives a $ref cycle', () => {
    const doc = { components: { schemas: { Loop: { allOf: [{ $ref: '#/components/schemas/Loop' }], type: 'object', properties: { child: { $ref: '#/components/schemas/Loop' } } } } } };
    const parsed = parseClassicXml('<r><child><child><child/></child></child></r>');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(new XmlShaper(doc).shape(parsed.value, { $ref: '#/components/schemas/Loop' })).toEqual({ child: { child: { child: '' } } });
  });
});
