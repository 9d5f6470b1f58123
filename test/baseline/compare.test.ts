import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compareWithBaseline,
  createBaselineRecorder,
  loadBaseline,
  renderBaselineText,
  type BaselineChangeKind,
  type BaselineData,
} from '../../src/baseline/index.ts';
import { isJamfContractError } from '../../src/errors.ts';
import type { Level } from '../../src/diff/types.ts';
import type { RequestResult } from '../../src/result.ts';
import { result } from './helpers.ts';

const info = { server: 'https://admin:pw@jamf.example.com/?token=abc', jamfVersion: '11.29.1', collections: ['Jamf Pro API'] };

function record(results: RequestResult[], version = '11.29.1'): BaselineData {
  const recorder = createBaselineRecorder({ ...info, jamfVersion: version });
  for (const r of results) recorder.add(r);
  return recorder.data();
}

/** Three iterations of one request, with response times 40, 50, 60 ms (median 50). */
function iterations(over: Partial<RequestResult> = {}, times = [40, 50, 60]): RequestResult[] {
  return times.map((timeMs, iteration) => {
    const r = result({ iteration, ...over });
    if (r.response) r.response = { ...r.response, timeMs };
    return r;
  });
}

interface Case {
  name: string;
  now: RequestResult[];
  want: { kind: BaselineChangeKind; level: Level }[];
}

const shape = result().bodyShape ?? {};
const cases: Case[] = [
  { name: 'nothing changed', now: iterations(), want: [] },
  {
    name: 'status 200 → 404',
    now: iterations({ response: { status: 404, statusText: 'Not Found', timeMs: 40, sizeBytes: 10 } }),
    want: [{ kind: 'status-changed', level: 'breaking' }],
  },
  {
    name: 'a test newly fails',
    now: iterations({ tests: [{ name: 'status is 200', passed: false, error: 'expected 200' }] }),
    want: [{ kind: 'test-newly-failing', level: 'breaking' }],
  },
  {
    name: 'a new contract finding',
    now: iterations({ findings: [{ kind: 'schema', severity: 'violation', message: 'x', pointer: '/results/3/id' }] }),
    want: [{ kind: 'finding-new', level: 'warning' }],
  },
  {
    name: 'a field disappeared (once, at its root)',
    now: iterations({ bodyShape: { '/': 'object', '/totalCount': 'integer' } }),
    want: [{ kind: 'field-disappeared', level: 'breaking' }],
  },
  {
    name: 'a field appeared',
    now: iterations({ bodyShape: { ...shape, '/results/[]/name': 'string' } }),
    want: [{ kind: 'field-appeared', level: 'info' }],
  },
  {
    name: 'a field changed type',
    now: iterations({ bodyShape: { ...shape, '/results/[]/id': 'integer' } }),
    want: [{ kind: 'field-type-changed', level: 'breaking' }],
  },
  {
    name: 'a field became nullable',
    now: iterations({ bodyShape: { ...shape, '/results/[]/id': 'string|null' } }),
    want: [{ kind: 'field-type-changed', level: 'warning' }],
  },
  {
    name: 'an empty list is not a disappearance',
    now: iterations({ bodyShape: { '/': 'object', '/totalCount': 'integer', '/results': 'array' } }),
    want: [],
  },
  { name: 'slower by the factor on medians', now: iterations({}, [120, 130, 900]), want: [{ kind: 'slower', level: 'warning' }] },
  { name: 'one slow iteration does not move the median', now: iterations({}, [40, 45, 900]), want: [] },
  {
    name: 'request could not be sent',
    now: iterations({ response: undefined, bodyShape: undefined, error: { code: 'NETWORK', message: 'reset' } }),
    want: [{ kind: 'request-error', level: 'breaking' }],
  },
  {
    name: 'request missing and request new',
    now: iterations({ itemId: 'item-2', itemName: 'Get sites' }),
    want: [
      { kind: 'request-missing', level: 'warning' },
      { kind: 'request-new', level: 'info' },
    ],
  },
];

describe('compareWithBaseline', () => {
  const baseline = record(iterations());

  it.each(cases)('$name', ({ now, want }) => {
    const changes = compareWithBaseline(baseline, record(now, '11.30.1'));
    expect(changes.map((c) => ({ kind: c.kind, level: c.level }))).toEqual(expect.arrayContaining(want));
    expect(changes).toHaveLength(want.length);
  });

  it('a field that was only ever null (an empty Classic element) gaining children is info, once', () => {
    const empty = record(iterations({ bodyShape: { ...shape, '/site': 'null' } }));
    const filled = record(iterations({ bodyShape: { ...shape, '/site': 'object', '/site/id': 'string' } }));
    expect(compareWithBaseline(empty, filled).map((c) => [c.kind, c.level])).toEqual([['field-type-changed', 'info']]);
  });

  it('a test that passes again is info', () => {
    const failing = record(iterations({ tests: [{ name: 'status is 200', passed: false }] }));
    expect(compareWithBaseline(failing, record(iterations())).map((c) => [c.kind, c.level])).toEqual([['test-newly-passing', 'info']]);
  });

  it('takes a recorder as the current run', () => {
    const recorder = createBaselineRecorder(info);
    for (const r of iterations({ response: { status: 500, statusText: 'x', timeMs: 1, sizeBytes: 1 } })) recorder.add(r);
    expect(compareWithBaseline(baseline, recorder)[0]?.kind).toBe('status-changed');
  });

  it('refuses a baseline of another collection', () => {
    const other = record(iterations({ collection: 'Classic API' }));
    let code = '';
    try {
      compareWithBaseline(baseline, other);
    } catch (error) {
      code = isJamfContractError(error) ? `${error.code}/${error.exitCode}` : String(error);
    }
    expect(code).toBe('BASELINE_INVALID/2');
  });

  it('renders text with levels and request keys', () => {
    const changes = compareWithBaseline(baseline, record(iterations({ response: { status: 404, statusText: 'NF', timeMs: 40, sizeBytes: 1 } }), '11.30.1'));
    const text = renderBaselineText(changes, baseline, record([], '11.30.1'));
    expect(text).toContain('Jamf Pro 11.29.1');
    expect(text).toContain('now Jamf Pro 11.30.1');
    expect(text).toContain('BREAKING (1)');
    expect(text).toContain('Jamf Pro API / buildings / Get buildings [GET]: status 200 → 404');
  });
});

describe('baseline recorder', () => {
  it('keeps one entry per request over iterations, with the median time and no values', () => {
    const data = record([
      ...iterations(),
      result({ itemId: 'item-9', itemName: 'Get buildings', iteration: 0 }),
      result({ itemId: 'item-1', iteration: 3, findings: [{ kind: 'schema', severity: 'violation', message: 'value "secret-xyz"', pointer: '/results/12/id', actual: 'secret-xyz' }] }),
    ]);
    expect(data.requests.map((r) => r.key)).toEqual(['Jamf Pro API / buildings / Get buildings [GET]', 'Jamf Pro API / buildings / Get buildings [GET] #2']);
    const first = data.requests[0];
    expect(first).toMatchObject({ iterations: 4, statuses: [200], medianMs: 45, findings: ['schema /results/[]/id'], operation: 'GET /v1/buildings' });
    expect(data).toMatchObject({ kind: 'jamf-contract-baseline', formatVersion: 1, server: 'https://jamf.example.com', jamfVersion: '11.29.1' });
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/secret-xyz|admin|pw@|token=abc|api\/v1\/buildings/);
  });
});

describe('baseline file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jc-baseline-'));
  });

  it('round-trips through write and load, atomically', async () => {
    const recorder = createBaselineRecorder(info);
    for (const r of iterations()) recorder.add(r);
    const file = join(dir, 'nested', 'baseline.json');
    await recorder.write(file);
    expect((await readdir(join(dir, 'nested'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const loaded = await loadBaseline(file);
    expect(loaded).toEqual(recorder.data());
    expect(compareWithBaseline(loaded, recorder)).toEqual([]);
    expect(JSON.parse(await readFile(file, 'utf8')).formatVersion).toBe(1);
  });

  it.each([
    ['missing', null],
    ['not JSON', 'baseline?'],
    ['not a baseline', JSON.stringify({ info: { name: 'a collection' }, item: [] })],
    ['a newer format version', JSON.stringify({ kind: 'jamf-contract-baseline', formatVersion: 2, collections: [], requests: [] })],
    ['damaged requests', JSON.stringify({ kind: 'jamf-contract-baseline', formatVersion: 1, collections: [], requests: [{ key: 1 }] })],
    ['damaged response times', JSON.stringify({ kind: 'jamf-contract-baseline', formatVersion: 1, collections: [], requests: [{ key: 'k', statuses: [200], tests: {}, findings: [], timesMs: null, medianMs: 5 }] })],
    ['a median that is not a number', JSON.stringify({ kind: 'jamf-contract-baseline', formatVersion: 1, collections: [], requests: [{ key: 'k', statuses: [200], tests: {}, findings: [], timesMs: [5], medianMs: '5' }] })],
  ])('refuses %s with BASELINE_INVALID', async (name, content) => {
    const file = join(dir, `${name.replace(/ /g, '-')}.json`);
    if (content !== null) await writeFile(file, content);
    let code = '';
    try {
      await loadBaseline(file);
    } catch (error) {
      code = isJamfContractError(error) ? `${error.code}/${error.exitCode}` : String(error);
    }
    expect(code).toBe('BASELINE_INVALID/2');
  });
});

describe('"slower" needs the factor, a minimum difference and enough samples', () => {
  const times = (list: number[]) => record(iterations({}, list));
  const kinds = (before: number[], now: number[], options = {}) => compareWithBaseline(times(before), times(now), options).map((c) => c.kind);
  it.each([
    { name: 'median 1 ms → 25 ms is noise (under 50 ms more)', before: [1, 1, 1], now: [25, 25, 25], options: {}, want: [] },
    { name: 'median 50 ms → 130 ms is slower', before: [40, 50, 60], now: [120, 130, 900], options: {}, want: ['slower'] },
    { name: 'two samples are not enough', before: [40, 50], now: [200, 300], options: {}, want: [] },
    { name: '…unless --slower-min-samples 2', before: [40, 50], now: [200, 300], options: { minSamples: 2 }, want: ['slower'] },
    { name: '--slower-min-ms 10 reports 1 ms → 25 ms', before: [1, 1, 1], now: [25, 25, 25], options: { minSlowerMs: 10 }, want: ['slower'] },
    { name: 'the factor still applies: 100 ms → 180 ms is not 2×', before: [100, 100, 100], now: [180, 180, 180], options: {}, want: [] },
  ])('$name', ({ before, now, options, want }) => {
    expect(kinds(before, now, options)).toEqual(want);
  });
});
