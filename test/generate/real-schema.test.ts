/**
 * The generator over Jamf's real schemas (11.29.1 and 11.30.1): every GET operation is a
 * request or left out with a reason; two generations are byte-identical; and the two
 * versions' collections differ by exactly the operations the schema diff reports.
 */
import { describe, expect, it } from 'vitest';
import { diffSources } from '../../src/diff/index.ts';
import { generateCollection } from '../../src/generate/index.ts';
import { collectionJson } from '../../src/generate/write.ts';
import { walkItems, type PostmanCollection, type PostmanItem } from '../../src/load/postman-types.ts';
import { getOperationsOf, realPresent, realSchema, realSchemaFile, skipMessage, VERSIONS } from './helpers.ts';

if (!realPresent) console.log(skipMessage);

function items(collection: PostmanCollection): Map<string, PostmanItem> {
  return new Map([...walkItems(collection.item)].map(({ item }) => [item.name!, item]));
}

describe.skipIf(!realPresent)('generate over Jamf\'s real schemas', () => {
  it.each(VERSIONS)('%s: every GET operation is a request, or left out with a reason', (version) => {
    const document = realSchema(version);
    const { collection, summary } = generateCollection({ document });
    const names = [...items(collection).keys()];
    const operations = getOperationsOf(document);
    expect(summary.operations).toBe(operations.length);
    expect([...names, ...summary.leftOut.map((l) => l.operation)].sort()).toEqual(operations);
    expect(new Set(names).size).toBe(names.length);
    // Only the LAPS password reads are left out without --privileges-of.
    expect(summary.leftOut.map((l) => l.reason)).toEqual(['secret', 'secret']);
    for (const entry of summary.needsValue) expect(entry.needs.length).toBeGreaterThan(0);
  });

  it('gives byte-identical output for the same schema', () => {
    const a = collectionJson(generateCollection({ document: realSchema('11.30.1') }).collection);
    const b = collectionJson(generateCollection({ document: realSchema('11.30.1') }).collection);
    expect(b === a).toBe(true);
  });

  it('differs between 11.29.1 and 11.30.1 by exactly the operations the schema diff reports', async () => {
    const before = items(generateCollection({ document: realSchema('11.29.1') }).collection);
    const after = items(generateCollection({ document: realSchema('11.30.1') }).collection);
    const report = await diffSources(realSchemaFile('11.29.1'), realSchemaFile('11.30.1'));
    const gets = (kind: string): string[] => report.entries.filter((e) => e.kind === kind).flatMap((e) => e.operations).filter((o) => o.startsWith('GET ')).sort();
    const added = [...after.keys()].filter((k) => !before.has(k)).sort();
    const removed = [...before.keys()].filter((k) => !after.has(k)).sort();
    expect(added).toEqual(gets('operation-added'));
    expect(removed).toEqual(gets('operation-removed'));
    expect(added.length).toBeGreaterThan(0);
    // A request in both changes only where the diff reports a change to it, or where the
    // replacement its description names is an operation the diff reports as added.
    const touched = new Set(report.entries.flatMap((e) => e.operations));
    const replacement = (item: PostmanItem): string | undefined => /use (GET \S+) instead/.exec(JSON.stringify(item.request))?.[1];
    for (const [name, old] of before) {
      const cur = after.get(name);
      if (!cur || JSON.stringify(cur) === JSON.stringify(old)) continue;
      const explained = touched.has(name) || added.includes(replacement(cur) ?? '');
      expect(explained, `${name} changed without a schema change`).toBe(true);
    }
  });
});
