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

const WORDS = ['Apple', 'Aspen', 'Atlas', 'Birch', 'Cedar', 'Comet', 'Delta', 'Echo', 'Falcon', 'Fern', 'Garnet', 'Harbor',
  'Indigo', 'Juniper', 'Kestrel', 'Lagoon', 'Maple', 'Meadow', 'Nova', 'Onyx', 'Orchid', 'Pine', 'Quartz', 'Raven', 'Sierra',
  'Summit', 'Tundra', 'Umber', 'Vale', 'Willow', 'Yarrow', 'Zephyr'];
const KINDS = ['Lab', 'Office', 'Studio', 'Library', 'Hall', 'Campus', 'Team', 'Group', 'Fleet', 'Store'];
const USERS = ['avery', 'blake', 'casey', 'devon', 'emery', 'finley', 'harper', 'jordan', 'kendall', 'morgan', 'quinn', 'riley'];
const pick = <T>(random: Random, list: readonly T[]): T => list[random.int(0, list.length - 1)] as T;
const hex = (random: Random, n: number): string => Array.from({ length: n }, () => '0123456789ABCDEF'[random.int(0, 15)]).join('');

/**
 * Formats for strings the schema leaves unconstrained, chosen by property name
 * (`formatForName`): any string is valid there, so these only make the data read like
 * Jamf's (names, usernames, serial numbers, dates) and are cheaper than random letters.
 */
const NAMED: Record<string, (random: Random) => string> = {
  'jc-name': (random) => `${pick(random, WORDS)} ${pick(random, KINDS)}`,
  'jc-id': (random) => String(random.int(1, 999)),
  'jc-email': (random) => `${pick(random, USERS)}@example.com`,
  'jc-username': (random) => pick(random, USERS),
  'jc-url': (random) => `https://${pick(random, WORDS).toLowerCase()}.example.com/`,
  'jc-date-time': (random) => `20${two(random.int(20, 29))}-${two(random.int(1, 12))}-${two(random.int(1, 28))}T${two(random.int(0, 23))}:${two(random.int(0, 59))}:00Z`,
  'jc-serial': (random) => `C02${hex(random, 9)}`,
  'jc-uuid': (random) => `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-A${hex(random, 3)}-${hex(random, 12)}`,
  'jc-mac': (random) => Array.from({ length: 6 }, () => hex(random, 2)).join(':'),
  'jc-ip': (random) => `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
  'jc-version': (random) => `${random.int(10, 15)}.${random.int(0, 7)}.${random.int(0, 3)}`,
  'jc-phone': (random) => `555-01${two(random.int(0, 99))}`,
  'jc-word': (random) => pick(random, WORDS),
};

const NAME_RULES: Array<[RegExp, string]> = [
  [/(^id|Id|ID)$/, 'jc-id'],
  [/e-?mail(address)?$/i, 'jc-email'],
  [/(user-?name|^user)$/i, 'jc-username'],
  [/(url|uri|href)$/i, 'jc-url'],
  [/(date|time|timestamp)$/i, 'jc-date-time'],
  [/serial(number)?$/i, 'jc-serial'],
  [/(udid|uuid|guid)$/i, 'jc-uuid'],
  [/macaddress$/i, 'jc-mac'],
  [/(ipaddress|ipv4|^ip)$/i, 'jc-ip'],
  [/version$/i, 'jc-version'],
  [/phone(number)?$/i, 'jc-phone'],
  [/name$/i, 'jc-name'],
];

/** The format to fill an unconstrained string property with, by its name. */
export function formatForName(name: string): string {
  return NAME_RULES.find(([rule]) => rule.test(name))?.[1] ?? 'jc-word';
}

const OPTIONS: GenerateSyncOptions = {
  // Every declared property is filled, as Jamf's responses carry every field.
  alwaysFakeOptionals: true,
  maxDefaultItems: 2,
  maxDepth: 12,
  refDepthMax: 8,
  formats: { ...FORMATS, ...NAMED },
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
