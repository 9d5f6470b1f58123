/**
 * Which documented media type a generated response uses, and the bodies of the ones that
 * are not JSON: CSV exports, PEM certificates, images, downloads. JSON is chosen unless the
 * request's `Accept` asks for another documented type; Jamf's keys such as
 * `text/csv,application/json` name several types, `image/*` and `*\/*` none in particular.
 */
type Json = Record<string, unknown>;

export interface MediaChoice {
  /** The documented key, e.g. `text/csv,application/json`. */
  key: string;
  /** The concrete type sent in `Content-Type`. */
  type: string;
  /** The schema under that key. */
  schema: unknown;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function concrete(type: string): string {
  if (type === '*/*' || type === '*' || type === 'application/*') return 'application/json';
  if (type === 'image/*') return 'image/png';
  if (type.endsWith('/*')) return `${type.slice(0, -1)}plain`;
  return type;
}

function accepted(accept: string | undefined): string[] {
  if (!accept) return [];
  return accept.split(',').map((part) => (part.split(';')[0] ?? '').trim().toLowerCase()).filter((t) => t !== '' && t !== '*/*');
}

function fits(wanted: string, offered: string): boolean {
  if (wanted === offered) return true;
  const [type] = wanted.split('/');
  return offered === `${type}/*` || wanted === `${offered.split('/')[0]}/*`;
}

/** The media type to answer with, or undefined when the response documents no content. */
export function chooseMedia(response: Json, accept: string | undefined): MediaChoice | undefined {
  const content = isObject(response.content) ? response.content : {};
  const options: Array<{ key: string; type: string; schema: unknown }> = [];
  for (const [key, media] of Object.entries(content)) {
    for (const part of key.split(',')) options.push({ key, type: part.trim().toLowerCase(), schema: isObject(media) ? media.schema : undefined });
  }
  if (options.length === 0) return undefined;
  for (const wanted of accepted(accept)) {
    const hit = options.find((o) => fits(wanted, o.type));
    if (hit) return { ...hit, type: concrete(hit.type.endsWith('/*') ? wanted : hit.type) };
  }
  const chosen = options.find((o) => o.key.trim().toLowerCase() === 'application/json') ?? (options[0] as MediaChoice);
  return { ...chosen, type: concrete(chosen.type) };
}

export function isJsonType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PEM = '-----BEGIN CERTIFICATE-----\nU2ltdWxhdGVkIGNlcnRpZmljYXRlIGZyb20gdGhlIGphbWYtY29udHJhY3Qgc2ltdWxhdG9y\n-----END CERTIFICATE-----\n';

/** A small body of a non-JSON type: the schema's own string example when it has one. */
export function otherBody(type: string, schema: unknown): string | Buffer {
  const example = isObject(schema) && typeof schema.example === 'string' ? schema.example : undefined;
  if (type.startsWith('image/')) return PNG;
  if (type === 'text/csv') return example ?? 'id,name\n1,Example\n';
  if (type === 'text/tab' || type === 'text/tab-separated-values') return 'id\tname\n1\tExample\n';
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) {
    // The document's schema here is a string: an element holding text is what reads as one.
    return '<?xml version="1.0" encoding="UTF-8"?>\n<value>Example</value>\n';
  }
  if (type.includes('pem')) return PEM;
  if (type === 'application/pkix-cert') return Buffer.from(PEM.split('\n')[1] ?? '', 'base64');
  if (type === 'application/x-apple-aspen-config') {
    return '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>PayloadDisplayName</key><string>Example</string></dict></plist>\n';
  }
  if (type.startsWith('text/')) return example ?? 'Example';
  return Buffer.from('simulated content\n');
}
