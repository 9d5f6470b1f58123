/** The schema-mode helpers that need no server: versions from file names, media types. */
import { describe, expect, it } from 'vitest';
import { resolveVersion, versionFromFileName } from '../../src/simulator/generated/document.ts';
import { chooseMedia } from '../../src/simulator/generated/media.ts';

describe('versionFromFileName', () => {
  it.each([
    ['jamf-pro-api-11.29.1.json', '11.29.1'],
    ['/schemas/11.26.0-schema.json', '11.26.0'],
    ['schema_v11.33.2.json', '11.33.2'],
    ['schema.json', undefined],
    ['schema-v2.json', undefined],
    ['/srv/11.30.1/schema.json', undefined],
    ['api-1.2.3.4.json', undefined],
  ])('%s → %s', (file, want) => {
    expect(versionFromFileName(file)).toBe(want);
  });
});

describe('resolveVersion', () => {
  it.each([
    { option: '11.26.0', openapi: 'jamf-pro-api-11.29.1.json', want: { version: '11.26.0', from: 'option' } },
    { option: undefined, openapi: 'jamf-pro-api-11.29.1.json', want: { version: '11.29.1', from: 'file name' } },
    { option: undefined, openapi: 'schema.json', want: { version: '11.30.1', from: 'assumed' } },
    { option: undefined, openapi: { openapi: '3.0.1' }, want: { version: '11.30.1', from: 'assumed' } },
  ])('$option / $openapi', ({ option, openapi, want }) => {
    expect(resolveVersion(option, openapi)).toEqual(want);
  });
});

describe('chooseMedia', () => {
  const response = (...types: string[]): Record<string, unknown> => ({ content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string' } }])) });
  it.each([
    { types: ['application/json'], accept: undefined, want: 'application/json' },
    { types: ['text/csv', 'application/json'], accept: undefined, want: 'application/json' },
    { types: ['text/csv', 'application/json'], accept: 'text/csv', want: 'text/csv' },
    { types: ['text/csv,application/json'], accept: 'application/json', want: 'application/json' },
    { types: ['text/csv,application/json'], accept: undefined, want: 'text/csv' },
    { types: ['image/*'], accept: undefined, want: 'image/png' },
    { types: ['image/*'], accept: 'image/jpeg', want: 'image/jpeg' },
    { types: ['*/*'], accept: '*/*', want: 'application/json' },
  ])('$types with Accept $accept → $want', ({ types, accept, want }) => {
    expect(chooseMedia(response(...types), accept)?.type).toBe(want);
  });
  it('answers undefined for a response without content', () => {
    expect(chooseMedia({ description: 'No content' }, undefined)).toBeUndefined();
  });
});
