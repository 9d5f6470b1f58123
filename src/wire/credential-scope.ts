/**
 * The Jamf server's credentials stay with the Jamf server. A run authenticates every
 * collection request with its own token (auth/collection-auth.ts), so an item that inherits
 * the collection's auth but points at another host — a webhook, a ticketing API — would carry
 * that token there, and a script can put `{{accessToken}}` in a header to anywhere. Judged at
 * the wire like the read-only guard: a request to another origin whose headers hold one of
 * the server's credentials goes without those headers; one whose URL or body holds them is
 * not sent (nothing can be taken out of those without changing what the request means).
 */
import type { Redactor } from '../secrets.ts';

export interface Carried {
  /** The other origin (`https://hooks.example.com`). */
  origin: string;
  /** Names of the headers that hold a credential, as the request spells them. */
  headers: string[];
  /** The URL or the body holds one: the request cannot be sent safely. */
  inUrlOrBody: boolean;
}

export interface OutgoingRequest {
  url: string;
  headers: Record<string, unknown>;
  body?: string;
  /** A multipart body's text fields. */
  formFields?: string;
}

/** The origin of a URL (`scheme://host[:port]`, default ports left out), or undefined for what is not a URL. */
export function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * What of the server's credentials a request to another origin carries; undefined when it
 * goes to the server itself, or carries none. `serverOrigin` is `originOf` the run's server.
 */
export function carriedElsewhere(serverOrigin: string, redactor: Redactor, request: OutgoingRequest): Carried | undefined {
  if (sameOrigin(serverOrigin, request.url)) return undefined;
  const headers = Object.keys(request.headers).filter((name) => redactor.holdsCredential(headerText(request.headers[name])));
  const inUrlOrBody = [request.url, request.body, request.formFields].some((text) => text !== undefined && redactor.holdsCredential(text));
  if (headers.length === 0 && !inUrlOrBody) return undefined;
  return { origin: originOf(request.url) ?? request.url, headers, inUrlOrBody };
}

function sameOrigin(serverOrigin: string, url: string): boolean {
  // Nearly every request goes to the server: a prefix check first, the parser only otherwise.
  if (url.startsWith(serverOrigin) && (url.length === serverOrigin.length || '/?#'.includes(url[serverOrigin.length]!))) return true;
  return originOf(url) === serverOrigin;
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join('\n');
  return value === undefined || value === null ? '' : String(value);
}
