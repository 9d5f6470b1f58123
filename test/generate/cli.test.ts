/**
 * `generate` and `smoke` end to end: help and usage errors; the generated 11.30.1 suite run
 * by `run` against the simulator in schema mode; and the upgrade workflow, `smoke
 * --save-baseline` on 11.29.1 then `smoke --baseline` on 11.30.1, reporting the schema's real
 * changes that touch responses and nothing else.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BaselineChange, BaselineData } from '../../src/baseline/types.ts';
import { diffSources } from '../../src/diff/index.ts';
import { generateCollection } from '../../src/generate/index.ts';
import { runCli } from '../helpers/cli.ts';
import { generatorFixture } from './fixture.ts';
import { exercised2xx, getOperationsOf, realPresent, realSchema, realSchemaFile, simulatorValues, skipMessage } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'jc-generate-cli-'));
const fixtureFile = join(dir, 'widgets.json');
writeFileSync(fixtureFile, JSON.stringify(generatorFixture()));
const ADMIN_ENV = { JAMF_CLIENT_ID: 'admin-client', JAMF_CLIENT_SECRET: 'admin-secret' };
const varFlags = (vars: Record<string, string>): string[] => Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`]);

if (!realPresent) console.log(skipMessage);

describe('generate and smoke on the command line', () => {
  it('have help text naming their main flags', { timeout: 120_000 }, async () => {
    const generate = await runCli(['generate', '--help']);
    expect(generate.code).toBe(0);
    for (const flag of ['--openapi', '--server', '--format', '--var', '--exclude-deprecated', '--include-classic', '--privileges-of']) expect(generate.stdout).toContain(flag);
    const smoke = await runCli(['smoke', '--help']);
    expect(smoke.code).toBe(0);
    for (const flag of ['--save-baseline', '--baseline', '--privileges-of', '--simulator-openapi']) expect(smoke.stdout).toContain(flag);
  });

  it('refuse bad input with a code', { timeout: 120_000 }, async () => {
    const none = await runCli(['generate']);
    expect([none.code, none.stderr]).toEqual([1, expect.stringMatching(/^error\[USAGE\]/)]);
    const v3 = await runCli(['generate', '--openapi', fixtureFile, '--format', 'v3']);
    expect([v3.code, v3.stderr]).toEqual([1, expect.stringMatching(/-o DIR/)]);
    const missing = await runCli(['generate', '--openapi', join(dir, 'nope.json')]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/^error\[SPEC_READ\]/)]);
    const swagger = join(dir, 'swagger.json');
    writeFileSync(swagger, JSON.stringify({ swagger: '2.0', paths: { '/buildings': { get: { responses: { 200: { description: 'ok' } } } } } }));
    const classic = await runCli(['generate', '--openapi', swagger]);
    expect([classic.code, classic.stderr]).toEqual([2, expect.stringMatching(/^error\[SPEC_NOT_OPENAPI\]/)]);
  });

  it('writes v2.1 JSON to stdout or a file, the summary to stderr, and a v3 folder', { timeout: 120_000 }, async () => {
    const out = join(dir, 'widgets.postman_collection.json');
    const file = await runCli(['generate', '--openapi', fixtureFile, '-o', out]);
    expect(file.code).toBe(0);
    expect(file.stderr).toMatch(/Generated 21 requests for 22 GET operations/);
    expect(file.stderr).toMatch(/\{\{v1\.orphans\.id\}\}: no list to chain from/);
    const stdout = await runCli(['generate', '--openapi', fixtureFile, '-q']);
    expect([stdout.code, stdout.stderr]).toEqual([0, '']);
    expect(stdout.stdout).toBe(readFileSync(out, 'utf8'));
    const v3 = await runCli(['generate', '--openapi', fixtureFile, '--format', 'v3', '-o', join(dir, 'widgets-v3')]);
    expect(v3.code).toBe(0);
    expect(readFileSync(join(dir, 'widgets-v3', 'widgets', 'GET -v1-widgets.request.yaml'), 'utf8')).toContain('page-size');
  });

  it.skipIf(!realPresent)('the 11.30.1 suite runs green against the simulator serving it: ≥ 95 % of GETs 2xx, no violation', { timeout: 300_000 }, async () => {
    const schema = realSchemaFile('11.30.1');
    const document = realSchema('11.30.1');
    const vars = simulatorValues(generateCollection({ document }).summary);
    const { summary } = generateCollection({ document, vars });
    const suite = join(dir, 'jamf-11.30.1.postman_collection.json');
    const generated = await runCli(['generate', '--openapi', schema, '-o', suite, ...varFlags(vars)]);
    expect(generated.code).toBe(0);
    const again = await runCli(['generate', '--openapi', schema, '-q', ...varFlags(vars)]);
    expect(again.stdout === readFileSync(suite, 'utf8')).toBe(true);
    const out = join(dir, 'run-11.30.1');
    const run = await runCli(['run', suite, '--simulator-openapi', schema, '--reporter', 'json', '--out', out], ADMIN_ENV, 280_000);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { counts: Record<string, number>; coverage: Parameters<typeof exercised2xx>[0] };
    expect(report.counts).toMatchObject({ violations: 0, testsFailed: 0, errored: 0 });
    const operations = getOperationsOf(document);
    const ok = exercised2xx(report.coverage);
    expect(ok.size / operations.length).toBeGreaterThanOrEqual(0.95);
    const listed = new Set([...summary.leftOut.map((l) => l.operation), ...summary.needsValue.map((n) => n.operation)]);
    expect(operations.filter((o) => !ok.has(o) && !listed.has(o))).toEqual([]);
  });

  it.skipIf(!realPresent)('smoke before (11.29.1) and after (11.30.1) an upgrade reports the schema\'s response changes, nothing else', { timeout: 400_000 }, async () => {
    const vars = { ...simulatorValues(generateCollection({ document: realSchema('11.29.1') }).summary), ...simulatorValues(generateCollection({ document: realSchema('11.30.1') }).summary) };
    const before = join(dir, 'before.json');
    const first = await runCli(['smoke', '--simulator-openapi', realSchemaFile('11.29.1'), '--save-baseline', before, ...varFlags(vars)], {}, 280_000);
    expect(first.code, first.stderr).toBe(0);
    const out = join(dir, 'smoke-after');
    const second = await runCli(['smoke', '--simulator-openapi', realSchemaFile('11.30.1'), '--baseline', before, '--reporter', 'json', '--out', out, ...varFlags(vars)], {}, 280_000);
    expect(second.code, second.stderr).toBe(0);
    const changes = (JSON.parse(readFileSync(join(out, 'baseline-changes.json'), 'utf8')) as { changes: BaselineChange[] }).changes;
    const report = await diffSources(realSchemaFile('11.29.1'), realSchemaFile('11.30.1'));
    const gets = (kinds: string[]): Set<string> => new Set(report.entries.filter((e) => kinds.includes(e.kind)).flatMap((e) => e.operations).filter((o) => o.startsWith('GET ')));
    const added = gets(['operation-added']);
    const deprecated = gets(['operation-deprecated']);
    const shapes = gets(['property-added', 'property-removed', 'type-changed']);
    for (const change of changes) {
      const op = change.operation ?? '';
      const explained =
        (change.kind === 'request-new' && added.has(op)) ||
        (change.kind === 'finding-new' && /deprecated/.test(change.message) && deprecated.has(op)) ||
        (['field-appeared', 'field-disappeared', 'field-type-changed'].includes(change.kind) && shapes.has(op));
      expect(explained, change.message).toBe(true);
    }
    // …and every such change of an operation that ran both times is there.
    const ran = new Set((JSON.parse(readFileSync(before, 'utf8')) as BaselineData).requests.filter((r) => r.statuses.length > 0).map((r) => r.operation));
    const seen = (kind: string): Set<string> => new Set(changes.filter((c) => c.kind === kind).map((c) => c.operation ?? ''));
    expect([...added].filter((o) => !seen('request-new').has(o))).toEqual([]);
    expect([...deprecated].filter((o) => ran.has(o) && !seen('finding-new').has(o))).toEqual([]);
    expect([...shapes].filter((o) => ran.has(o) && !seen('field-appeared').has(o))).toEqual([]);
  });
});
