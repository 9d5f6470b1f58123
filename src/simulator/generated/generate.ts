/**
 * Deterministic sample data from a prepared schema (convert.ts), on json-schema-faker:
 * seeded (Mulberry32), synchronous, with `allOf`/`anyOf`/`oneOf`, `$ref`s, patterns and the
 * common formats built in. Added here: Jamf's and OpenAPI's extra string formats (`byte`,
 * `base64`, `binary`, `password`) and the other formats ajv-formats checks, so every string
 * with a format a validator knows is one it accepts. The same seed always gives the same
 * value, so an object generated for a list and again for its detail operation agrees.
 */
import { generateSync, type GenerateSyncOptions, type Random } from 'json-schema-faker';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function word(random: Random, min = 4, max = 10): string {
  let out = '';
  for (let i = random.int(min, max); i > 0; i--) out += ALNUM[random.int(0, ALNUM.length - 1)];
  return out;
}

function base64(random: Random): string {
  const bytes = Buffer.alloc(random.int(6, 24));
  for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(0, 255);
  return bytes.toString('base64');
}

const two = (n: number): string => String(n).padStart(2, '0');

const FORMATS: Record<string, (random: Random) => string> = {
  byte: base64,
  base64,
  binary: (random) => word(random),
  password: () => '********',
  url: (random) => `https://${word(random).toLowerCase()}.example.com/${word(random).toLowerCase()}`,
  'uri-template': (random) => `https://example.com/${word(random).toLowerCase()}/{id}`,
  regex: () => '^[a-z]+$',
  'iso-time': (random) => `${two(random.int(0, 23))}:${two(random.int(0, 59))}:${two(random.int(0, 59))}Z`,
  'iso-date-time': (random) => `20${two(random.int(10, 30))}-${two(random.int(1, 12))}-${two(random.int(1, 28))}T${two(random.int(0, 23))}:${two(random.int(0, 59))}:00Z`,
  'json-pointer-uri-fragment': (random) => `#/${word(random).toLowerCase()}`,
};

const OPTIONS: GenerateSyncOptions = {
  // Every declared property is filled, as Jamf's responses carry every field.
  alwaysFakeOptionals: true,
  maxDefaultItems: 2,
  maxDepth: 12,
  refDepthMax: 8,
  formats: FORMATS,
};

/** A value of `schema` (prepared by `SchemaConverter.prepare`) for `seed`. */
export function sample(schema: Record<string, unknown>, seed: number): unknown {
  return generateSync(schema, { ...OPTIONS, seed });
}

/** FNV-1a: a stable 32-bit seed from any text (an operation, a collection and an id). */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
