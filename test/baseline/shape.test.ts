import { describe, expect, it } from 'vitest';
import { mergeShapes, shapeOf, shapeOfBody } from '../../src/baseline/shape.ts';

describe('shapeOf', () => {
  it.each([
    ['a scalar', 'x', { '/': 'string' }],
    ['null', null, { '/': 'null' }],
    ['integers and numbers', { a: 1, b: 1.5 }, { '/': 'object', '/a': 'integer', '/b': 'number' }],
    [
      'array elements merged',
      { results: [{ id: 1, name: 'a' }, { id: 2, name: null, extra: true }] },
      {
        '/': 'object',
        '/results': 'array',
        '/results/[]': 'object',
        '/results/[]/id': 'integer',
        '/results/[]/name': 'string|null',
        '/results/[]/extra': 'boolean',
      },
    ],
    ['keys with a slash are escaped', { 'a/b': 1 }, { '/': 'object', '/a~1b': 'integer' }],
  ])('%s', (_name, given, want) => {
    expect(shapeOf(given)).toEqual(want);
  });

  it('never keeps a value', () => {
    const shape = shapeOf({ password: 'hunter2-secret', token: 'eyJhbGciOi', list: ['hunter2-secret'] });
    expect(JSON.stringify(shape)).not.toMatch(/hunter2|eyJ/);
  });

  it('stays cheap on a huge body', () => {
    const big = { results: Array.from({ length: 20_000 }, (_, i) => ({ id: i, general: { name: `n${i}` } })) };
    expect(shapeOf(big)).toEqual({ '/': 'object', '/results': 'array', '/results/[]': 'object', '/results/[]/id': 'integer', '/results/[]/general': 'object', '/results/[]/general/name': 'string' });
    let deep: unknown = 1;
    for (let i = 0; i < 100; i += 1) deep = { d: deep };
    expect(Object.keys(shapeOf(deep)).length).toBeLessThanOrEqual(18);
  });
});

describe('shapeOfBody', () => {
  it('reads JSON', () => {
    expect(shapeOfBody(Buffer.from('{"totalCount" : 1}'), 'application/json;charset=UTF-8')).toEqual({ '/': 'object', '/totalCount': 'integer' });
  });

  it('reads Classic XML: one list element or several give the same shape', () => {
    const one = '<?xml version="1.0" encoding="UTF-8"?><computers><size>1</size><computer><id>1</id><name>a</name></computer></computers>';
    const two = '<computers><size>2</size><computer><id>1</id><name>a</name></computer><computer><id>2</id><name/></computer></computers>';
    expect(shapeOfBody(Buffer.from(one), 'text/xml;charset=UTF-8')).toEqual({
      '/': 'object',
      '/computers': 'object',
      '/computers/size': 'string',
      '/computers/computer': 'object',
      '/computers/computer/id': 'string',
      '/computers/computer/name': 'string',
    });
    expect(shapeOfBody(Buffer.from(two), 'text/xml')?.['/computers/computer/name']).toBe('string|null');
  });

  it.each([
    ['an HTML error page', '<html><body><p>Error: Unauthorized</p></body></html>', 'text/html'],
    ['an empty body', '', 'application/json'],
    ['broken JSON', '{"a": ', 'application/json'],
  ])('gives no shape for %s', (_name, body, type) => {
    expect(shapeOfBody(Buffer.from(body), type)).toBeUndefined();
  });
});

describe('mergeShapes', () => {
  it('joins types at shared paths and keeps the rest', () => {
    expect(mergeShapes({ '/a': 'string', '/b': 'integer' }, { '/a': 'null', '/c': 'boolean' })).toEqual({ '/a': 'string|null', '/b': 'integer', '/c': 'boolean' });
  });
});
