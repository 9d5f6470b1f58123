/**
 * Content types: a response's `Content-Type` against the documented media-type keys. Jamf
 * writes keys like `"text/csv,application/json"`, `*\/*` and `image/*`; parameters
 * (`;charset=UTF-8`) never count; `text/xml` and `application/xml` are the same thing
 * (real Classic servers send `text/xml` where the gateway spec says `application/xml`).
 */

export type BodySyntax = 'json' | 'xml' | 'other';

/** `Text/XML; charset=UTF-8` → `application/xml`. */
export function essence(contentType: string): string {
  const bare = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return bare === 'text/xml' ? 'application/xml' : bare;
}

export function bodySyntax(mediaType: string): BodySyntax {
  const e = essence(mediaType);
  if (e === 'application/json' || e.endsWith('+json')) return 'json';
  if (e === 'application/xml' || e.endsWith('+xml')) return 'xml';
  return 'other';
}

/**
 * The documented key a response content type falls under, best match first: exact, then
 * `type/*`, then `*\/*`. Undefined when none fits.
 */
export function matchMediaType(contentType: string, documented: string[]): string | undefined {
  const actual = essence(contentType);
  const [type] = actual.split('/');
  let wildcardType: string | undefined;
  let any: string | undefined;
  for (const key of documented) {
    for (const part of key.split(',')) {
      const e = essence(part);
      if (e === actual) return key;
      if (e === `${type}/*`) wildcardType ??= key;
      else if (e === '*/*' || e === '*') any ??= key;
    }
  }
  return wildcardType ?? any;
}

/** The media type a documented key names for a given response: the key's part that matched. */
export function syntaxFor(contentType: string, key: string): BodySyntax {
  const fromResponse = bodySyntax(contentType);
  if (fromResponse !== 'other') return fromResponse;
  const parts = key.split(',').map(bodySyntax);
  return parts.length === 1 ? (parts[0] ?? 'other') : 'other';
}
