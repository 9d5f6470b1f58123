import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffSources } from '../../src/diff/index.ts';

const dir = fileURLToPath(new URL('../../../shared/jamf/openapi/', import.meta.url));
const oldFile = `${dir}jamf-pro-api-11.29.1.json`;
const newFile = `${dir}jamf-pro-api-11.30.1.json`;
const present = existsSync(oldFile) && existsSync(newFile);
if (!present) console.log(`skipping the real 11.29.1 → 11.30.1 diff: ${dir} is absent`);

describe.skipIf(!present)('diff: Jamf Pro 11.29.1 → 11.30.1 (real schemas)', () => {
  it('reports 32 added operations, 0 removed, 32 newly deprecated', async () => {
    const report = await diffSources(oldFile, newFile);
    expect(report.summary).toMatchObject({ added: 32, removed: 0, deprecated: 32, breaking: 0 });
    expect(report.old.operations).toBe(785);
    expect(report.new.operations).toBe(817);
    const deprecated = report.entries.filter((e) => e.kind === 'operation-deprecated');
    expect(deprecated.map((e) => e.operations[0])).toContain('GET /v3/computers-inventory');
    expect(deprecated.every((e) => e.deprecationDate !== undefined)).toBe(true);
    const v3 = deprecated.find((e) => e.operations[0] === 'GET /v3/computers-inventory/{id}');
    expect(v3?.replacement).toBe('GET /v4/computers-inventory/{id}');
    const added = report.entries.filter((e) => e.kind === 'operation-added').map((e) => e.operations[0]);
    expect(added).toContain('GET /v4/computers-inventory');
    // The one shared-component enum change is one entry.
    const enumAdded = report.entries.filter((e) => e.kind === 'enum-value-added');
    expect(enumAdded).toHaveLength(1);
    expect(enumAdded[0]?.component).toBe('MdmCommandState');
  });
});
