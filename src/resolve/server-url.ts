/**
 * A server URL may carry a username and password (`https://admin:secret@jamf.example`). They
 * are taken out at once: the run uses the URL without them everywhere (variables, reports,
 * messages), and the two become the run's username and password, registered as secrets.
 */
export interface SplitServerUrl {
  /** The URL with no userinfo. */
  url: string;
  username?: string;
  password?: string;
}

export function splitServerCredentials(serverUrl: string): SplitServerUrl {
  let parsed: URL;
  try {
    parsed = new URL(serverUrl);
  } catch {
    return { url: withoutUserinfo(serverUrl) };
  }
  if (!parsed.username && !parsed.password) return { url: serverUrl };
  const username = safeDecode(parsed.username);
  const password = safeDecode(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const url = parsed.toString();
  // `new URL` adds a slash to a bare origin; the caller's form without it is kept.
  const shown = serverUrl.endsWith('/') || /^[a-z]+:\/\/[^/]+\/./i.test(serverUrl) ? url : url.replace(/\/$/, '');
  return { url: shown, ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

/** For messages about a URL that failed to parse: whatever stands before an `@` in the authority is dropped. */
export function withoutUserinfo(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
