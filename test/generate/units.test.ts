/** The generator's plain functions, as given/want tables. */
import { describe, expect, it } from 'vitest';
import { dotted, fixedValue, VariableNames } from '../../src/generate/chain.ts';
import { stableId } from '../../src/generate/collection.ts';
import { readGetOperations } from '../../src/generate/operations.ts';
import { successors } from '../../src/generate/plan-pro.ts';
import { missingFor } from '../../src/generate/privileges.ts';
import { planQuery } from '../../src/generate/query.ts';
import { idProperty } from '../../src/generate/schema.ts';
import { guardScript, testScript } from '../../src/generate/scripts.ts';
import type { PlannedRequest } from '../../src/generate/types.ts';
import { generatorFixture } from './fixture.ts';

describe('idProperty: the simulator\'s id rule', () => {
  const cases: Array<[string, string[], string | undefined, string | undefined]> = [
    ['the parameter\'s own name', ['name', 'deviceId', 'id'], 'deviceId', 'deviceId'],
    ['else id', ['name', 'id', 'otherId'], 'computerId', 'id'],
    ['else a property named after the parameter\'s stem', ['name', 'languageCode'], 'languageId', 'languageCode'],
    ['else the first …Id / …Uuid', ['name', 'groupUuid', 'siteId'], 'x', 'groupUuid'],
    ['none at all', ['name', 'value'], 'id', undefined],
    ['no detail parameter', ['label', 'id'], undefined, 'id'],
  ];
  it.each(cases)('%s', (_why, names, param, want) => {
    expect(idProperty(Object.fromEntries(names.map((n) => [n, {}])), param)).toBe(want);
  });
});

describe('fixedValue: a value the schema fixes for a parameter that is not an id', () => {
  const cases: Array<[string, Record<string, unknown>, unknown, string | undefined]> = [
    ['the first enum value', { type: 'string', enum: ['google', 'azure'] }, undefined, 'google'],
    ['the default', { type: 'string', default: 'ALL' }, undefined, 'ALL'],
    ['the parameter\'s example', { type: 'string' }, 'protect', 'protect'],
    ['the schema\'s example', { type: 'string', example: 'x' }, undefined, 'x'],
    ['nothing', { type: 'string' }, undefined, undefined],
    ['an empty default is nothing', { type: 'string', default: '' }, undefined, undefined],
  ];
  it.each(cases)('%s', (_why, schema, example, want) => {
    expect(fixedValue({ schema, ...(example !== undefined ? { example } : {}) })).toBe(want);
  });
});

describe('missingFor: one privilege per verb', () => {
  const held = { label: 'c', privileges: new Set(['Read Widgets', 'Read Static Groups']) };
  const cases: Array<[string, string[], string | undefined]> = [
    ['held', ['Read Widgets'], undefined],
    ['none needed', [], undefined],
    ['missing', ['Read Gadgets'], 'Read Gadgets'],
    ['alternatives: one of a verb is enough', ['Read Smart Groups', 'Read Static Groups'], undefined],
    ['joint: every verb is needed', ['Read Widgets', 'Update Widgets'], 'Update Widgets'],
    ['alternatives, none held', ['Read A', 'Read B'], 'Read A or Read B'],
  ];
  it.each(cases)('%s', (_why, required, want) => {
    expect(missingFor(required, held)).toBe(want);
  });
  it('an administrator holds everything', () => {
    expect(missingFor(['Read Anything'], { label: 'admin', privileges: 'all' })).toBeUndefined();
  });
});

describe('variable names', () => {
  it('name a list\'s id and a value below a path, never twice for two meanings', () => {
    const names = new VariableNames();
    expect(names.chained('/v1/buildings', 'id')).toBe('v1.buildings.id');
    expect(names.chained('/v1/buildings', 'id')).toBe('v1.buildings.id');
    expect(names.value('/v1/x/{id}/history', 'noteId')).toBe('v1.x.history.noteId');
    // Same text, another meaning (a value below /v1/buildings with no list): a new name.
    expect(names.value('/v1/buildings', 'id')).toBe('v1.buildings.id-2');
    expect(dotted('/')).toBe('root');
  });
});

describe('stableId', () => {
  it('is a name-based UUID: the same text, the same id', () => {
    expect(stableId('request GET /v1/buildings')).toBe(stableId('request GET /v1/buildings'));
    expect(stableId('a')).not.toBe(stableId('b'));
    expect(stableId('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('operations and queries', () => {
  const ops = readGetOperations(generatorFixture());
  const op = (path: string) => ops.find((o) => o.path === path)!;
  const cases: Array<[string, string, Record<string, string>, string, string[]]> = [
    ['a small page, no sort or filter', '/v1/widgets', {}, 'page-size=5', []],
    ['the cheap inventory section', '/v1/inventory', {}, 'section=GENERAL&page-size=5', []],
    ['required values from example and default; a variable where there is none', '/v1/search', {}, 'application=protect&criteria={{v1.search.criteria}}&columns=name&columns=id', ['v1.search.criteria']],
    ['a bare --var name fills a required parameter', '/v1/search', { criteria: 'x' }, 'application=protect&criteria={{v1.search.criteria}}&columns=name&columns=id', []],
  ];
  it.each(cases)('%s', (_why, path, vars, want, needs) => {
    const plan = planQuery(op(path), vars);
    expect(plan.query.map((q) => `${q.key}=${q.value}`).join('&')).toBe(want);
    expect(plan.needs.map((n) => n.variable)).toEqual(needs);
  });
  it('reads statuses, media types, lists and their keys', () => {
    expect(op('/v1/widgets').list).toEqual({ paged: true, key: 'id', param: 'id' });
    expect(op('/v1/gadgets').list).toEqual({ paged: false, key: 'gadgetUuid', param: 'gadgetId' });
    expect(op('/v1/widgets/{id}/history').list).toEqual({ paged: true, key: 'noteId', param: 'noteId' });
    expect([op('/v1/report').media, op('/v1/icon').media, op('/v1/health').media]).toEqual(['text/csv', 'image/*', undefined]);
    expect(op('/v1/ping').statuses).toEqual([200, 204]);
    expect(op('/v1/health').authenticated).toBe(false);
  });
  it('names the successor of a deprecated operation', () => {
    expect(successors(ops).get('GET /v1/things')).toBe('GET /v2/things');
    expect(successors(ops).get('GET /v1/widgets')).toBeUndefined();
  });
});

describe('test scripts', () => {
  const base: PlannedRequest = {
    api: 'pro', operation: 'GET /v1/x', folders: ['x'], base: 'baseUrl', segments: ['v1', 'x'], query: [], statuses: [200],
    sets: [], dependsOn: [], needs: [], given: {}, description: [], deprecated: false,
  };
  const cases: Array<[string, Partial<PlannedRequest>, string[]]> = [
    ['status and JSON', { media: 'application/json' }, ['pm.response.to.have.status(200)', 'to.include(\'application/json\')']],
    ['several statuses; no content type for a 204', { statuses: [200, 204], media: 'application/json' }, ['to.be.oneOf([200, 204])', 'if (pm.response.code !== 204)']],
    ['a wildcard media type', { media: 'image/*' }, ['to.match(/^image\\//)']],
    ['publishing the first id of a paged list', { sets: [{ variable: 'v1.x.id', property: 'id', from: 'paged' }] }, ['(pm.response.json().results || [])[0]', 'pm.collectionVariables.set(\'v1.x.id\', String(first.id))']],
    ['an odd property name', { sets: [{ variable: 'v', property: 'panel-id', from: 'array' }] }, ['first[\'panel-id\']']],
    ['Classic XML', { media: 'xml', sets: [{ variable: 'classic.x.id', property: 'id', from: 'xml' }] }, ['answers XML', '/<id>([^<]+)<\\/id>/.exec(pm.response.text())']],
  ];
  it.each(cases)('%s', (_why, extra, wants) => {
    const text = testScript({ ...base, ...extra }).join('\n');
    for (const want of wants) expect(text).toContain(want);
    // Every script parses as JavaScript.
    expect(() => new Function('pm', text)).not.toThrow();
  });
});

describe('pre-request guards', () => {
  const base: PlannedRequest = {
    api: 'pro', operation: 'GET /v1/x', folders: ['x'], base: 'baseUrl', segments: ['v1', 'x'], query: [], statuses: [200],
    sets: [], dependsOn: [], needs: [], given: {}, description: [], deprecated: false,
  };
  const cases: Array<[string, Partial<PlannedRequest>, string[]]> = [
    ['no variables: no guard (no sandbox round trip)', {}, []],
    ['a chained id', { segments: ['v1', 'x', '{{v1.x.id}}'] }, ['v1.x.id']],
    ['path and query, each once', { segments: ['v1', '{{a}}', '{{b}}', '{{a}}'], query: [{ key: 'q', value: '{{c}}' }] }, ['a', 'b', 'c']],
  ];
  it.each(cases)('%s', (_why, extra, names) => {
    const lines = guardScript({ ...base, ...extra });
    if (names.length === 0) return expect(lines).toEqual([]);
    const text = lines.join('\n');
    // Run against a stand-in pm: it skips exactly while one of the names is unset.
    const run = (set: string[]): boolean => {
      let skipped = false;
      new Function('pm', 'console', text)({ variables: { has: (n: string) => set.includes(n) }, execution: { skipRequest: () => void (skipped = true) } }, { info: () => undefined });
      return skipped;
    };
    expect(run(names)).toBe(false);
    for (const name of names) expect(run(names.filter((n) => n !== name))).toBe(true);
  });
});
