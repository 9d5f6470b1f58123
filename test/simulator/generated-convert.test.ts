/** OpenAPI response schemas → generator schemas (src/simulator/generated/convert.ts), given/want. */
import { describe, expect, it } from 'vitest';
import { SchemaConverter } from '../../src/simulator/generated/convert.ts';

const doc = (schemas: Record<string, unknown> = {}): Record<string, unknown> => ({ openapi: '3.0.1', paths: {}, components: { schemas } });

describe('SchemaConverter.prepare', () => {
  it.each([
    { name: 'nullable dropped, null leaves enums', given: { type: 'string', nullable: true, enum: ['A', null] }, want: { type: 'string', enum: ['A'] } },
    { name: 'annotations and number formats dropped; counts not negative', given: { type: 'integer', format: 'int64', example: 5, description: 'x', 'x-foo': 1 }, want: { type: 'integer', minimum: 0 } },
    { name: 'plain strings not empty', given: { type: 'string' }, want: { type: 'string', minLength: 1 } },
    { name: 'string formats kept', given: { type: 'string', format: 'date-time' }, want: { type: 'string', format: 'date-time' } },
    { name: 'boolean exclusive bounds become numeric', given: { type: 'number', minimum: 1, exclusiveMinimum: true }, want: { type: 'number', exclusiveMinimum: 1 } },
    { name: 'arrays without items get string items', given: { type: 'array' }, want: { type: 'array', items: { type: 'string' } } },
    {
      name: 'writeOnly properties left out and not required',
      given: { type: 'object', required: ['a', 'pw'], properties: { a: { type: 'boolean' }, pw: { type: 'string', writeOnly: true } } },
      want: { type: 'object', required: ['a'], properties: { a: { type: 'boolean' } } },
    },
    {
      name: 'required names nothing declares get a placeholder',
      given: { type: 'object', required: ['a', 'ghost'], properties: { a: { type: 'boolean' } } },
      want: {
        type: 'object', required: ['a'], properties: { a: { type: 'boolean' } },
        allOf: [{ type: 'object', properties: { ghost: { type: 'string', minLength: 1, maxLength: 12, pattern: '^[A-Za-z0-9]+$' } }, required: ['ghost'] }],
      },
    },
  ])('$name', ({ given, want }) => {
    expect(new SchemaConverter(doc()).prepare(given)).toEqual(want);
  });

  it('refers to components as $defs and carries only those it reaches', () => {
    const converter = new SchemaConverter(doc({ A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } }, B: { type: 'boolean' }, C: { type: 'boolean' } }));
    expect(converter.prepare({ $ref: '#/components/schemas/A' })).toEqual({
      $ref: '#/$defs/A',
      $defs: { A: { type: 'object', properties: { b: { $ref: '#/$defs/B' } } }, B: { type: 'boolean' } },
    });
  });

  it('turns oneOf + discriminator into one branch per mapping value, pinning the property', () => {
    const converter = new SchemaConverter(doc({ Cat: { type: 'object', properties: { kind: { type: 'string' } } }, Dog: { type: 'object' } }));
    const prepared = converter.prepare({
      oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
      discriminator: { propertyName: 'kind', mapping: { CAT: '#/components/schemas/Cat', DOG: 'Dog' } },
    });
    expect(prepared.anyOf).toEqual([
      { allOf: [{ $ref: '#/$defs/Cat' }, { type: 'object', properties: { kind: { const: 'CAT' } }, required: ['kind'] }] },
      { allOf: [{ $ref: '#/$defs/Dog' }, { type: 'object', properties: { kind: { const: 'DOG' } }, required: ['kind'] }] },
    ]);
    expect(prepared).not.toHaveProperty('oneOf');
  });

  it('sees properties through $ref and allOf, and compares schemas without their annotations', () => {
    const converter = new SchemaConverter(doc({ Base: { type: 'object', properties: { id: { type: 'string' } } } }));
    const raw = { allOf: [{ $ref: '#/components/schemas/Base' }, { properties: { name: { type: 'string', example: 'x' } } }] };
    expect(Object.keys(converter.properties(raw))).toEqual(['id', 'name']);
    expect(converter.alike({ type: 'string', example: 'a', minLength: 1 }, { minLength: 1, type: 'string' })).toBe(true);
    expect(converter.alike({ type: 'string' }, { type: 'integer' })).toBe(false);
  });
});
