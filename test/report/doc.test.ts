/** The JSON report and its documentation (docs/report-json.md) describe the same shape. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsonReporter } from '../../src/report/json.ts';
import { drive, kinds, runInfo, redactFake } from './fixtures.ts';

const doc = readFileSync(new URL('../../docs/report-json.md', import.meta.url), 'utf8');
const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? 'null') as Record<string, Record<string, unknown>>;

/** Field names in the first column of the table under `heading` (without those typed "optional" unless `all`). */
function tableFields(heading: string, all = false): string[] {
  const section = doc.slice(doc.indexOf(heading));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('|')));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `') && (all || !/optional/.test(line.split('|')[2] ?? '')))
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

    const documented = new Set(tableFields('## `requests[]`', true));
    const written = new Set(report.requests.flatMap((r) => Object.keys(r)));
    expect([...written].filter((k) => !documented.has(k))).toEqual([]);
    expect([...documented].filter((k) => !written.has(k) && k !== 'server')).toEqual([]);
  });

  it('documents the optional keys of sharded, fleet and merged reports, in the order written', async () => {
    const shard = { index: 1, total: 2, by: 'requests' as const, requests: 1, suiteRequests: 2 };
    const merged = { reports: [], exitCode: 0, findings: [], missingShards: [] };
    const out = join(dir, 'optional');
    await drive(createJsonReporter(out, redactFake), runInfo({ suite: 'abc', shard, serverName: 'acme' }), [{ ...kinds.passed(), server: 'acme' }], { merged });
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { run: object; merged: object; requests: Record<string, unknown>[] };
    expect(Object.keys(report)).toEqual(tableFields('## Top level', true));
    expect(Object.keys(report.run)).toEqual(tableFields('### `run`', true));
    expect(Object.keys(report.merged)).toEqual(tableFields('## `merged`', true));
    expect(report.requests[0]?.server).toBe('acme');
  });
});
