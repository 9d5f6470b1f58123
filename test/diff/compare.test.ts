import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/diff/load.ts';
import type { ChangeKind, Level } from '../../src/diff/types.ts';
import { diff, getWith, postWith, spec } from './helpers.ts';

const obj = (properties: JsonObject, required: string[] = []): JsonObject => ({ type: 'object', properties, required });
const query = (name: string, schema: JsonObject, required = false): JsonObject => ({ name, in: 'query', required, schema });
const getParams = (parameters: JsonObject[]): JsonObject => ({ get: { parameters, responses: { '200': { description: 'ok' } } } });

interface Case {
  name: string;
  old: JsonObject;
  new: JsonObject;
  want: { kind: ChangeKind; level: Level }[];
}

const cases: Case[] = [
  { name: 'operation added', old: {}, new: { '/x': getWith({ type: 'string' }) }, want: [{ kind: 'operation-added', level: 'info' }] },
  { name: 'operation removed', old: { '/x': getWith({ type: 'string' }) }, new: {}, want: [{ kind: 'operation-removed', level: 'breaking' }] },
  {
    name: 'operation newly deprecated',
    old: { '/x': getWith({ type: 'string' }) },
    new: { '/x': getWith({ type: 'string' }, { deprecated: true, 'x-deprecation-date': '2026-07-14' }) },
    want: [{ kind: 'operation-deprecated', level: 'warning' }],
  },
  {
    name: 'operation no longer deprecated',
    old: { '/x': getWith({ type: 'string' }, { deprecated: true }) },
    new: { '/x': getWith({ type: 'string' }) },
    want: [{ kind: 'operation-undeprecated', level: 'info' }],
  },
  {
    name: 'path parameter renamed only',
    old: { '/x/{id}': getParams([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]) },
    new: { '/x/{buildingId}': getParams([{ name: 'buildingId', in: 'path', required: true, schema: { type: 'string' } }]) },
    want: [],
  },
  {
    name: 'privilege added',
    old: { '/x': getWith({ type: 'string' }, { 'x-required-privileges': ['Read Buildings'] }) },
    new: { '/x': getWith({ type: 'string' }, { 'x-required-privileges': ['Read Buildings', 'Read Sites'] }) },
    want: [{ kind: 'privileges-changed', level: 'breaking' }],
  },
  {
    name: 'new required parameter',
    old: { '/x': getParams([]) },
    new: { '/x': getParams([query('page', { type: 'integer' }, true)]) },
    want: [{ kind: 'parameter-added', level: 'breaking' }],
  },
  {
    name: 'new optional parameter',
    old: { '/x': getParams([]) },
    new: { '/x': getParams([query('page', { type: 'integer' })]) },
    want: [{ kind: 'parameter-added', level: 'info' }],
  },
  {
    name: 'parameter removed',
    old: { '/x': getParams([query('page', { type: 'integer' })]) },
    new: { '/x': getParams([]) },
    want: [{ kind: 'parameter-removed', level: 'warning' }],
  },
  {
    name: 'parameter became required',
    old: { '/x': getParams([query('page', { type: 'integer' })]) },
    new: { '/x': getParams([query('page', { type: 'integer' }, true)]) },
    want: [{ kind: 'parameter-required', level: 'breaking' }],
  },
  {
    name: 'parameter type narrowed',
    old: { '/x': getParams([query('id', { type: 'string' })]) },
    new: { '/x': getParams([query('id', { type: 'integer' })]) },
    want: [{ kind: 'type-changed', level: 'breaking' }],
  },
  {
    name: 'parameter type widened',
    old: { '/x': getParams([query('n', { type: 'integer' })]) },
    new: { '/x': getParams([query('n', { type: 'number' })]) },
    want: [{ kind: 'type-changed', level: 'info' }],
  },
  {
    name: 'parameter enum value removed and added',
    old: { '/x': getParams([query('s', { type: 'string', enum: ['A', 'B'] })]) },
    new: { '/x': getParams([query('s', { type: 'string', enum: ['A', 'C'] })]) },
    want: [
      { kind: 'enum-value-added', level: 'info' },
      { kind: 'enum-value-removed', level: 'breaking' },
    ],
  },
  {
    name: 'request property newly required',
    old: { '/x': postWith(obj({ name: { type: 'string' } })) },
    new: { '/x': postWith(obj({ name: { type: 'string' } }, ['name'])) },
    want: [{ kind: 'property-required', level: 'breaking' }],
  },
  {
    name: 'request gains a required property',
    old: { '/x': postWith(obj({ name: { type: 'string' } })) },
    new: { '/x': postWith(obj({ name: { type: 'string' }, siteId: { type: 'string' } }, ['siteId'])) },
    want: [{ kind: 'property-added', level: 'breaking' }],
  },
  {
    name: 'request gains a required read-only property (ignored)',
    old: { '/x': postWith(obj({ name: { type: 'string' } })) },
    new: { '/x': postWith(obj({ name: { type: 'string' }, id: { type: 'string', readOnly: true } }, ['id'])) },
    want: [],
  },
  {
    name: 'request type narrowed',
    old: { '/x': postWith(obj({ n: { type: 'number' } })) },
    new: { '/x': postWith(obj({ n: { type: 'integer' } })) },
    want: [{ kind: 'type-changed', level: 'breaking' }],
  },
  {
    name: 'request media type removed',
    old: { '/x': postWith({ type: 'string' }) },
    new: { '/x': { post: { requestBody: { content: { 'application/xml': { schema: { type: 'string' } } } }, responses: { '201': { description: 'c' } } } } },
    want: [
      { kind: 'media-type-removed', level: 'breaking' },
      { kind: 'request-body-optional', level: 'info' },
      { kind: 'media-type-added', level: 'info' },
    ],
  },
  {
    name: 'success status removed',
    old: { '/x': getWith({ type: 'string' }) },
    new: { '/x': { get: { responses: { '201': { description: 'created' } } } } },
    want: [
      { kind: 'status-removed', level: 'breaking' },
      { kind: 'status-added', level: 'info' },
    ],
  },
  {
    name: 'error status removed',
    old: { '/x': { get: { responses: { '200': { description: 'ok' }, '404': { description: 'nf' } } } } },
    new: { '/x': { get: { responses: { '200': { description: 'ok' } } } } },
    want: [{ kind: 'status-removed', level: 'warning' }],
  },
  {
    name: 'response property removed (once, not its children)',
    old: { '/x': getWith(obj({ a: obj({ b: { type: 'string' } }), c: { type: 'string' } })) },
    new: { '/x': getWith(obj({ c: { type: 'string' } })) },
    want: [{ kind: 'property-removed', level: 'breaking' }],
  },
  {
    name: 'response property newly optional',
    old: { '/x': getWith(obj({ id: { type: 'string' } }, ['id'])) },
    new: { '/x': getWith(obj({ id: { type: 'string' } })) },
    want: [{ kind: 'property-optional', level: 'warning' }],
  },
  {
    name: 'response property added',
    old: { '/x': getWith(obj({ id: { type: 'string' } })) },
    new: { '/x': getWith(obj({ id: { type: 'string' }, name: { type: 'string' } })) },
    want: [{ kind: 'property-added', level: 'info' }],
  },
  {
    name: 'response type changed',
    old: { '/x': getWith(obj({ id: { type: 'integer' } })) },
    new: { '/x': getWith(obj({ id: { type: 'string' } })) },
    want: [{ kind: 'type-changed', level: 'breaking' }],
  },
  {
    name: 'response array items changed',
    old: { '/x': getWith(obj({ results: { type: 'array', items: obj({ id: { type: 'integer' } }) } })) },
    new: { '/x': getWith(obj({ results: { type: 'array', items: obj({ id: { type: 'string' } }) } })) },
    want: [{ kind: 'type-changed', level: 'breaking' }],
  },
  {
    name: 'response enum value added',
    old: { '/x': getWith(obj({ s: { type: 'string', enum: ['A'] } })) },
    new: { '/x': getWith(obj({ s: { type: 'string', enum: ['A', 'B'] } })) },
    want: [{ kind: 'enum-value-added', level: 'warning' }],
  },
  {
    name: 'response enum value removed',
    old: { '/x': getWith(obj({ s: { type: 'string', enum: ['A', 'B'] } })) },
    new: { '/x': getWith(obj({ s: { type: 'string', enum: ['A'] } })) },
    want: [{ kind: 'enum-value-removed', level: 'info' }],
  },
  {
    name: 'response becomes nullable',
    old: { '/x': getWith(obj({ s: { type: 'string' } })) },
    new: { '/x': getWith(obj({ s: { type: 'string', nullable: true } })) },
    want: [{ kind: 'nullable-added', level: 'warning' }],
  },
  {
    name: 'response no longer nullable',
    old: { '/x': getWith(obj({ s: { type: 'string', nullable: true } })) },
    new: { '/x': getWith(obj({ s: { type: 'string' } })) },
    want: [{ kind: 'nullable-removed', level: 'info' }],
  },
  {
    name: 'response media type removed',
    old: { '/x': getWith({ type: 'string' }) },
    new: { '/x': { get: { responses: { '200': { description: 'ok', content: { 'text/csv': { schema: { type: 'string' } } } } } } } },
    want: [
      { kind: 'media-type-removed', level: 'breaking' },
      { kind: 'media-type-added', level: 'info' },
    ],
  },
];

describe('diff: each change category', () => {
  it.each(cases)('$name', ({ old, new: cur, want }) => {
    const report = diff(spec(old), spec(cur));
    const got = report.entries.map((e) => ({ kind: e.kind, level: e.level }));
    expect(got).toEqual(expect.arrayContaining(want));
    expect(got).toHaveLength(want.length);
  });

  it('keeps the deprecation date and counts it in the summary', () => {
    const report = diff(spec({ '/x': getWith({ type: 'string' }) }), spec({ '/x': getWith({ type: 'string' }, { deprecated: true, 'x-deprecation-date': '2026-07-14' }) }));
    expect(report.entries[0]?.deprecationDate).toBe('2026-07-14');
    expect(report.summary).toEqual({ added: 0, removed: 0, deprecated: 1, breaking: 0, warning: 1, info: 0 });
  });

  it('finds nothing between a document and itself', () => {
    const doc = spec({ '/x': getWith({ type: 'string' }), '/y': postWith({ type: 'object' }) });
    expect(diff(doc, doc).entries).toEqual([]);
  });
});
