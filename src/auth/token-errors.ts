/** What a Jamf token endpoint's refusal means, as a stable error. */
import { JamfContractError } from '../errors.ts';
import type { HttpResponse } from '../wire/http.ts';

export function tokenEndpointError(res: HttpResponse, url: string, what: string): JamfContractError {
  const type = res.headers['content-type'] ?? '';
  if (!type.includes('json')) {
    return new JamfContractError(
      'AUTH_TOKEN_ENDPOINT',
      `The token endpoint ${url} answered ${res.status} with ${type || 'no content type'} instead of JSON. Is the server URL a Jamf Pro server (e.g. https://yourorg.jamfcloud.com, without /api)?`,
    );
  }
  let body: { error?: unknown; error_description?: unknown; errors?: Array<{ code?: string; description?: string }> } = {};
  try {
    body = JSON.parse(res.text) as typeof body;
  } catch {
    // fall through with an empty body
  }
  const error = typeof body.error === 'string' ? body.error : body.errors?.[0]?.code;
  const description = typeof body.error_description === 'string' ? body.error_description : (body.errors?.[0]?.description ?? '');
  if (/disabled/i.test(description) || error === 'client_disabled') {
    return new JamfContractError('AUTH_CLIENT_DISABLED', `${what} is disabled on the server (${res.status} ${error ?? ''}). Enable it in Jamf Pro (Settings → API roles and clients) or use another client.`);
  }
  if (error === 'invalid_scope') {
    return new JamfContractError('AUTH_INVALID_SCOPE', `The requested scope is not a subset of ${what}'s roles (invalid_scope). Drop the scope or ask for roles the client holds.`);
  }
  if (error === 'invalid_client' || error === 'unauthorized_client' || res.status === 401) {
    return new JamfContractError(
      what.startsWith('user') ? 'AUTH_BAD_CREDENTIALS' : 'AUTH_INVALID_CLIENT',
      `The server refused ${what} (${res.status}${error ? ` ${error}` : ''}). Check the credentials (JAMF_CLIENT_ID/JAMF_CLIENT_SECRET or JAMF_USERNAME/JAMF_PASSWORD); a client secret stops working when a new one is generated.`,
    );
  }
  return new JamfContractError('AUTH_TOKEN_ENDPOINT', `The token endpoint ${url} answered ${res.status}${error ? ` (${error}: ${description})` : ''}.`);
}

/** The longest token used: Jamf's are about 1 KB; a header of more is refused by servers and proxies alike. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * Why a token a server answered with cannot be used, or undefined when it can: it must fit an
 * `Authorization` header (visible ASCII, no spaces or control characters, as RFC 6750's
 * b64token and Jamf's tokens are) and be of a sensible size. Never names the token itself.
 */
export function unusableToken(token: string): string | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return `a token of ${token.length.toLocaleString('en')} characters (Jamf's are about 1,000; at most ${MAX_TOKEN_LENGTH.toLocaleString('en')} are sent)`;
  if (!/^[\x21-\x7e]+$/.test(token)) return 'a token with spaces, control characters or characters outside ASCII, which an Authorization header cannot carry';
  return undefined;
}
