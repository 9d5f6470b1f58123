/** The raw text of a Postman request URL, whichever form the collection stores it in. */
import type { PostmanRequest, PostmanUrlObject } from '../load/postman-types.ts';

export function rawUrl(request: PostmanRequest | string | undefined): string {
  if (!request) return '';
  if (typeof request === 'string') return request;
  const url = request.url;
  if (!url) return '';
  if (typeof url === 'string') return url;
  return url.raw ?? joinUrl(url);
}

function joinUrl(url: PostmanUrlObject): string {
  const host = Array.isArray(url.host) ? url.host.join('.') : (url.host ?? '');
  const path = Array.isArray(url.path) ? url.path.join('/') : (url.path ?? '');
  return `${url.protocol ? `${url.protocol}://` : ''}${host}${path ? `/${path}` : ''}`;
}

export function methodOf(request: PostmanRequest | string | undefined): string {
  if (!request || typeof request === 'string') return 'GET';
  return (request.method ?? 'GET').toUpperCase();
}

/** The path part of a request URL with variables left in place: `{{url}}/JSSResource/x` → `/JSSResource/x`. */
export function pathOf(raw: string): string {
  let rest = raw.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  // Drop a leading host (a literal host or a `{{var}}` standing for one or for a base URL).
  rest = rest.replace(/^(\{\{[^}]+\}\}|[^/?#]+)/, '');
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}
