import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderDiff } from '../../src/report/diff/index.ts';
import { diff, getWith, ref, spec } from './helpers.ts';

const schemas = (extra: boolean): Record<string, unknown> => ({
  Building: { type: 'object', properties: { name: { type: 'string' }, ...(extra ? { zip: { type: 'string' } } : {}) } },
});
const old = spec({ '/v1/buildings': getWith(ref('Building')), '/v1/buildings/{id}': getWith(ref('Building')), '/v1/old': getWith({ type: 'string' }) }, schemas(true));
const cur = spec(
  {
    '/v1/buildings': getWith(ref('Building'), { deprecated: true, 'x-deprecation-date': '2026-07-14' }),
    '/v1/buildings/{id}': getWith(ref('Building')),
    '/v2/new': getWith({ type: 'string' }),
  },
  schemas(false),
);
const report = diff(old, cur);

describe('diff reports', () => {
  it('JSON starts with the summary', () => {
    const json = JSON.parse(renderDiff(report, 'json')) as Record<string, unknown>;
    expect(Object.keys(json)[0]).toBe('summary');
    expect(json.summary).toEqual({ added: 1, removed: 1, deprecated: 1, breaking: 2, warning: 1, info: 1 });
    expect(json.entries).toHaveLength(4);
  });

  it('JUnit has one test case per entry and fails those at the threshold', () => {
    const parse = (xml: string): { testsuites: { '@_tests': string; '@_failures': string; testsuite: { testcase: unknown }[] } } =>
      new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml);
    const breaking = parse(renderDiff(report, 'junit', 'breaking')).testsuites;
    expect(breaking['@_tests']).toBe('4');
    expect(breaking['@_failures']).toBe('2');
    expect(breaking.testsuite.map((s) => (Array.isArray(s.testcase) ? s.testcase.length : 0))).toEqual([2, 1, 1]);
    expect(parse(renderDiff(report, 'junit', 'warning')).testsuites['@_failures']).toBe('3');
  });

  it('Markdown has the counts table and a section per level', () => {
    const md = renderDiff(report, 'markdown');
    expect(md).toContain('| 1 | 1 | 1 | 2 | 1 | 1 |');
    expect(md).toContain('### Breaking (2)');
    expect(md).toContain('### Warnings (1)');
    expect(md).toContain('Building.zip (response): property removed — `GET /v1/buildings`, `GET /v1/buildings/{id}`');
    expect(md).toContain('deprecation date 2026-07-14');
  });

  it('text lists levels with the operations a component change affects', () => {
    const text = renderDiff(report, 'text');
    expect(text).toContain('Operations: 1 added, 1 removed, 1 newly deprecated');
    expect(text).toContain('BREAKING (2)');
    expect(text).toContain('affects 2 operations: GET /v1/buildings, GET /v1/buildings/{id}');
  });
});
