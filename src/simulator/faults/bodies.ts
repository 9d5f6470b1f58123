/**
 * What a failing request gets back, by where it was going: Jamf Pro API JSON errors,
 * Classic HTML status pages, and the load balancer's own HTML for 502/504.
 */
import { statusPage } from '../classic/status-page.ts';
import type { SimResponse } from '../http.ts';

const codes: Record<number, { code: string; description: string }> = {
  429: { code: 'TOO_MANY_REQUESTS', description: 'Too Many Requests' },
  500: { code: 'INTERNAL_SERVER_ERROR', description: 'Internal Server Error' },
  503: { code: 'SERVICE_UNAVAILABLE', description: 'Service Unavailable' },
};

const edgeTitles: Record<number, string> = { 502: '502 Bad Gateway', 504: '504 Gateway Time-out' };

export function isClassic(path: string): boolean {
  return path.startsWith('/JSSResource/') || path === '/JSSResource';
}

/** The Jamf Pro API error body: `{httpStatus, errors: [{code, description, id, field}]}`. */
export function jamfError(status: number): SimResponse {
  const entry = codes[status] ?? codes[500]!;
  const document = { httpStatus: status, errors: [{ code: entry.code, description: entry.description, id: '0', field: null }] };
  // Jamf pretty-prints its JSON as `"key" : value`.
  const body = JSON.stringify(document, null, 2).replace(/^(\s*"[^"]*"): /gm, '$1 : ');
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8' }, body };
}

/** A 502/504 comes from the load balancer in front of Jamf, never from Jamf itself. */
export function edgeError(status: 502 | 504): SimResponse {
  const title = edgeTitles[status];
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
  return { status, headers: { 'content-type': 'text/html', server: 'awselb/2.0' }, body };
}

export function errorFor(path: string, status: number): SimResponse {
  if (status === 502 || status === 504) return edgeError(status);
  return isClassic(path) ? statusPage(status) : jamfError(status);
}

export function tooManyRequests(path: string, retryAfterSeconds: number): SimResponse {
  const response = errorFor(path, 429);
  return { ...response, headers: { ...response.headers, 'retry-after': String(retryAfterSeconds) } };
}
