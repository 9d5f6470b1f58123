/**
 * The engine's copies of a script's result, built when first read (engine-patches/hot-path.ts,
 * postman-runtime's event.command.js): one object for every holder, built once, never when
 * nobody reads it, replaced where it is set, seen by key listings and JSON as before.
 */
import { describe, expect, it } from 'vitest';
import { LAZY_COPY } from '../../../src/engine-patches/index.ts';

type LazyCopy = (Ctor: new (raw: { values: unknown }) => unknown, raw: { values: unknown }, objects: object[], key: string) => void;
// The function as the engine's file gets it (text placed in the file).
const lazyCopy = new Function(`return (${LAZY_COPY});`)() as LazyCopy;

class Built {
  static made = 0;
  readonly values: unknown;
  constructor(raw: { values: unknown }) {
    Built.made += 1;
    this.values = raw.values;
  }

  toJSON(): unknown {
    return { values: this.values };
  }
}

describe('copies built when read', () => {
  it('builds nothing nobody reads', () => {
    Built.made = 0;
    const result: Record<string, unknown> = { environment: { values: [1] } };
    lazyCopy(Built, result.environment as { values: unknown }, [result], 'environment');
    expect(Built.made).toBe(0);
    expect(Object.keys(result)).toEqual(['environment']);
  });

  it('builds one object, once, for every holder', () => {
    Built.made = 0;
    const raw = { values: ['a'] };
    const result: Record<string, unknown> = { request: raw };
    const context: Record<string, unknown> = { request: 'the old one' };
    lazyCopy(Built, raw, [result, context], 'request');
    const first = context.request;
    expect(first).toBeInstanceOf(Built);
    expect(result.request).toBe(first);
    expect(context.request).toBe(first);
    expect(Built.made).toBe(1);
    expect(JSON.stringify(result)).toBe('{"request":{"values":["a"]}}');
    expect({ ...context }).toEqual({ request: first });
  });

  it('is replaced where it is set, and only there', () => {
    Built.made = 0;
    const raw = { values: [] };
    const result: Record<string, unknown> = {};
    const context: Record<string, unknown> = {};
    lazyCopy(Built, raw, [result, context], 'request');
    result.request = 'set by a callback';
    expect(result.request).toBe('set by a callback');
    expect(context.request).toBeInstanceOf(Built);
    expect(Object.getOwnPropertyDescriptor(result, 'request')).toMatchObject({ value: 'set by a callback', writable: true, enumerable: true });
  });
});
