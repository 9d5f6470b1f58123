/**
 * The hand-written Classic XML serializer gives byte for byte what fast-xml-parser's
 * XMLBuilder gave (the simulator's former renderer, kept here as the reference) for every
 * document the default seed produces, and for the awkward cases: escaping, attributes,
 * empty text, empty containers and lists of lists.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Attributed, List, toXml, type Node } from '../../../src/simulator/classic/document.ts';
import { classicResources } from '../../../src/simulator/classic/index.ts';
import { findGroup, groupDetail } from '../../../src/simulator/classic/accounts.ts';
import { storeObjects } from '../../../src/simulator/seed-accounts.ts';
import { buildSeed } from '../../../src/simulator/seed.ts';
import { IdSequence, MemoryStore } from '../../../src/simulator/store.ts';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

function builderValue(node: Node): unknown {
  if (node instanceof List) {
    const items = node.items.map(builderValue);
    if (node.sized) return { size: items.length, ...(items.length > 0 ? { [node.item]: items } : {}) };
    return items.length > 0 ? { [node.item]: items } : '';
  }
  if (node instanceof Attributed) {
    return { '#text': String(node.value), ...Object.fromEntries(Object.entries(node.attributes).map(([k, v]) => [`@_${k}`, v])) };
  }
  if (typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, builderValue(v)]));
  return String(node);
}

const reference = (root: string, node: Node): string => `<?xml version="1.0" encoding="UTF-8"?>${String(builder.build({ [root]: builderValue(node) }))}`;

describe('toXml matches the XMLBuilder rendering', () => {
  const awkward: Array<{ name: string; node: Node }> = [
    { name: 'entities in text', node: { a: `Tom & Jerry's <"best">`, b: 'plain' } },
    { name: 'entities in attributes', node: { a: new Attributed('v', { note: 'a"b&c<d' }) } },
    { name: 'empty attributed value', node: { a: new Attributed('', { x: '1' }) } },
    { name: 'numbers, booleans, zero, spaces', node: { n: 0, m: -1.5, t: true, f: false, s: '  padded ' } },
    { name: 'empty containers', node: { fields: {}, list: new List('i', [], false), sized: new List('i', []), text: '' } },
    { name: 'lists of empty items and of lists', node: { l: new List('i', ['', {}, 'x'], false), nested: new List('row', [new List('cell', ['1', '2'])]) } },
    { name: 'unicode', node: { name: 'Zoë’s Mac — 東京' } },
  ];
  it.each(awkward)('$name', ({ node }) => {
    expect(toXml('root', node)).toBe(reference('root', node));
  });

  it('for every list, detail and group document of the default seed', () => {
    const seed = buildSeed();
    const objects = storeObjects(seed.objects, seed.users);
    const store = new MemoryStore(objects, new IdSequence(objects));
    const ctx = { store };
    let documents = 0;
    for (const resource of classicResources) {
      const records = store.list(resource.kind);
      const list = resource.list?.(records, ctx);
      if (list !== undefined) expect(toXml(resource.listRoot, list)).toBe(reference(resource.listRoot, list));
      for (const record of records) {
        const detail = resource.detail(record, ctx);
        expect(toXml(resource.itemRoot, detail)).toBe(reference(resource.itemRoot, detail));
        documents++;
      }
    }
    for (const id of ['1', '2']) {
      const group = groupDetail(findGroup(ctx, 'id', id)!, ctx);
      expect(toXml('group', group)).toBe(reference('group', group));
    }
    expect(documents).toBeGreaterThan(100);
  });
});
