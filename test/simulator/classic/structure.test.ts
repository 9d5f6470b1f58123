/**
 * The Classic XML for buildings, categories, accounts and mobile devices has the element
 * structure of Jamf's own example bodies (tag paths in document order, values ignored).
 */
import { existsSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createClassicHandler } from '../../../src/simulator/classic/index.ts';
import { deps, request } from './support.ts';

const examples = new URL('../../../../shared/jamf/examples/classic-xml/', import.meta.url);
const present = existsSync(examples);
if (!present) console.warn(`skipping Classic XML structure tests: ${examples.pathname} is absent`);

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@' });

type Ordered = Array<Record<string, unknown>>;

/** Every distinct element (and attribute) path, in the order first seen. */
function tagPaths(xml: string): string[] {
  const seen = new Set<string>();
  const walk = (nodes: Ordered, prefix: string): void => {
    for (const node of nodes) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '#text' || key === '?xml') continue;
        if (key === ':@') {
          for (const attribute of Object.keys(value as object)) seen.add(`${prefix}/${attribute}`);
          continue;
        }
        const path = `${prefix}/${key}`;
        seen.add(path);
        const attributes = node[':@'];
        if (attributes !== undefined) for (const attribute of Object.keys(attributes as object)) seen.add(`${path}/${attribute}`);
        walk(value as Ordered, path);
      }
    }
  };
  walk(parser.parse(xml) as Ordered, '');
  return [...seen];
}

const cases = [
  { file: 'buildings_0.xml', path: '/JSSResource/buildings' },
  { file: 'categories_0.xml', path: '/JSSResource/categories' },
  { file: 'categories_id_id_0.xml', path: '/JSSResource/categories/id/4' },
  { file: 'accounts_0.xml', path: '/JSSResource/accounts' },
  { file: 'mobiledevices_0.xml', path: '/JSSResource/mobiledevices' },
  { file: 'mobiledevices_id_id_0.xml', path: '/JSSResource/mobiledevices/id/5' },
  { file: 'mobiledevices_id_id_subset_subset_0.xml', path: '/JSSResource/mobiledevices/id/5/subset/ConfigurationProfiles' },
];

describe.skipIf(!present)('Classic XML structure matches Jamf examples', () => {
  const handle = createClassicHandler(deps());
  it.each(cases)('$path has the structure of $file', ({ file, path }) => {
    const want = tagPaths(readFileSync(new URL(file, examples), 'utf8'));
    const response = handle(request('GET', path));
    expect(response.status).toBe(200);
    expect(tagPaths(String(response.body))).toEqual(want);
  });
});
