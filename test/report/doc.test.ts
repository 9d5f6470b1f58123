/** The JSON report and its documentation (docs/report-json.md) describe the same shape. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsonReporter } from '../../src/report/json.ts';
import { drive, kinds, runInfo, redactFake } from './fixtures.ts';

const doc = readFileSync(new URL('../../docs/report-json.md', import.meta.url), 'utf8');
const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? 'null') as Record<string, Record<string, unknown>>;

/** Field names in the first column of the table under `heading`. */
function tableFields(heading: string): string[] {
  const section = doc.slice(doc.indexOf(heading));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('|')));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]!));
}

const dir = mkdtempSync(join(tmpdir(), 'doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/report-json.md', () => {
  it('documents the keys the reporter writes, and its example has them', async () => {
    const results = [kinds.passed(), kinds.failedTest(), kinds.violation(), kinds.errored(), kinds.timedOut(), kinds.heldBackCall(), kinds.unresolved(['id']), { ...kinds.passed(), authReplay: { replayed: true as const, finalStatus: 200 }, retries: 1, operation: 'GET /x', bodyShape: { '/id': 'string' } }];
    await drive(createJsonReporter(dir, redactFake), runInfo(), results);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { run: object; counts: object; requests: Record<string, unknown>[] };

    expect(Object.keys(report)).toEqual(tableFields('## Top level'));
    expect(Object.keys(example)).toEqual(Object.keys(report));
    expect(Object.keys(report.run)).toEqual(tableFields('### `run`'));
    expect(Object.keys(example.run!)).toEqual(Object.keys(report.run));
    expect(Object.keys(example.counts!)).toEqual(Object.keys(report.counts));

    const documented = new Set(tableFields('## `requests[]`'));
    const written = new Set(report.requests.flatMap((r) => Object.keys(r)));
    expect([...written].filter((k) => !documented.has(k))).toEqual([]);
    expect([...documented].filter((k) => !written.has(k))).toEqual([]);
  });
});
