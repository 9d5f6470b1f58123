/**
 * The data generator never produces a body its own schema rejects: every 2xx JSON
 * response of every operation of Jamf's real documents, generated for several seeds, is
 * checked by the project's contract checker (ajv over the OpenAPI schema). And it is
 * deterministic: the same seed gives the same body.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- arbitrary JSON documents */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { specFromDocument } from '../../src/load/spec.ts';
import { SchemaConverter } from '../../src/simulator/generated/convert.ts';
import { GeneratedObjects } from '../../src/simulator/generated/objects.ts';
import { createContractChecker } from '../../src/validate/index.ts';

const VERSIONS = ['11.29.1', '11.30.1'];
const fileOf = (v: string): URL => new URL(`../../../shared/jamf/openapi/jamf-pro-api-${v}.json`, import.meta.url);
for (const v of VERSIONS) if (!existsSync(fileOf(v))) console.log(`Skipping generator checks for ${v}: ../shared/jamf/openapi/jamf-pro-api-${v}.json is absent.`);

const SEEDS = ['a', 'b', 'c'];

for (const version of VERSIONS) describe.skipIf(!existsSync(fileOf(version)))(`generated bodies for Jamf Pro ${version}`, () => {
  let doc: Record<string, any>;
  beforeAll(() => {
    doc = JSON.parse(readFileSync(fileOf(version), 'utf8')) as Record<string, any>;
  });

  it('every 2xx JSON response validates, for every seed', () => {
    const checker = createContractChecker({ pro: specFromDocument(doc, version, 'pro') }, { strict: true, tolerateEmptyFormats: false });
    const objects = new GeneratedObjects(new SchemaConverter(doc));
    const problems: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, any>)) {
      for (const [method, op] of Object.entries(item as Record<string, any>)) {
        for (const [status, response] of Object.entries((op?.responses ?? {}) as Record<string, any>)) {
          const schema = response.content?.['application/json']?.schema;
          if (!/^2\d\d$/.test(status) || !schema) continue;
          for (const seed of SEEDS) {
            const body = objects.value(schema, `${method} ${path} ${seed}`);
            const url = `http://sim.invalid/api${path.replace(/\{[^}]+\}/g, '1')}`;
            const result = checker.check({ method: method.toUpperCase(), url, status: Number(status), headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) });
            checked++;
            for (const f of result.findings) if (f.severity === 'violation') problems.push(`${method.toUpperCase()} ${path} ${status} (${seed}): ${f.pointer ?? ''} ${f.message}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1500);
    expect(problems).toEqual([]);
  });

  it('is deterministic: the same seed, the same body, from a fresh generator', () => {
    const schema = { $ref: '#/components/schemas/ComputerInventory' };
    const one = new GeneratedObjects(new SchemaConverter(doc)).value(schema, 'seed');
    const two = new GeneratedObjects(new SchemaConverter(doc)).value(schema, 'seed');
    expect(one).toEqual(two);
    expect(new GeneratedObjects(new SchemaConverter(doc)).value(schema, 'other')).not.toEqual(one);
  });
});
