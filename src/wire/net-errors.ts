/**
 * Network and TLS failures, explained with what to do about them, and with the one fact a
 * retry (or a QA engineer reading about a write) needs: did the request reach the server?
 * A refused connection or a failed DNS lookup never did; a timeout waiting for the answer or
 * a reset mid-answer did, and a write may then have been applied.
 */
import { JamfContractError } from '../errors.ts';

const TLS_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server presents a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in a self-signed (private) CA',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate is not signed by a CA this machine trusts',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate is not signed by a CA this machine trusts',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate was issued for another host name',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet (check this machine\'s clock)',
  EPROTO: 'the TLS handshake failed (is this an http:// server?)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS on this port (try http://)',
};

/** The tool's own client (http.ts): no connection in time, no answer in time. */
export const CONNECT_NOT_IN_TIME = 'ECONNECTTIMEOUT';
export const ANSWER_NOT_IN_TIME = 'ENOANSWER';
/** An answer that did not finish within its deadline (the wire hook's and the tool's own client's). */
export const ANSWER_TIMED_OUT = 'EANSWERTIMEDOUT';
/** An answer to the tool's own client larger than it reads (http.ts). */
export const ANSWER_TOO_LARGE = 'EANSWERTOOLARGE';

/** Failures before the request was written: it never reached the server. */
const NOT_SENT: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing listens there)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  UND_ERR_CONNECT_TIMEOUT: 'the connection could not be opened in time (a silent host or a firewall)',
  [CONNECT_NOT_IN_TIME]: 'the connection could not be opened in time (a silent host or a firewall)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

/** Failures after the request may have been written. */
const MAYBE_SENT: Record<string, string> = {
  ECONNRESET: 'the connection was reset by the server',
  EPIPE: 'the connection was closed while sending',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
  ETIMEDOUT: 'the connection timed out',
};

/** The server took the request and did not answer in time. */
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ESOCKETTIMEDOUT', ANSWER_NOT_IN_TIME, ANSWER_TIMED_OUT]);

/** The innermost error code of a (possibly wrapped) Node/undici error. */
export function errorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR' && known(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
}

function known(code: string): boolean {
  return code in TLS_CODES || code in NOT_SENT || code in MAYBE_SENT || TIMEOUTS.has(code);
}

export function isTlsError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && code in TLS_CODES;
}

/** False only when the error proves the request never reached the server. */
export function reachedServer(error: JamfContractError): boolean {
  return error.sent !== false;
}

/**
 * A one-paragraph explanation of a transport error for `url`. `timeoutMs` names the limit a
 * timeout hit; `answering` says the failure came while the answer was arriving.
 */
export function explainNetworkError(error: unknown, url: string, timeoutMs?: number, answering = false, tls: { caFile?: string } = {}): JamfContractError {
  const code = errorCode(error);
  const origin = originOf(url);
  if (code && TLS_CODES[code]) {
    const remedy = tls.caFile
      ? `The CA certificates in --ca ${tls.caFile} do not vouch for this server's certificate: give the CA that issued it (the whole chain's root), or --insecure to skip verification (test servers only).`
      : 'If you trust this server, pass its CA with --ca FILE (PEM), or --insecure to skip verification (test servers only).';
    return new JamfContractError('TLS', `TLS to ${origin} failed: ${TLS_CODES[code]} (${code}). ${remedy}`, { cause: error, sent: false });
  }
  if (code === ANSWER_TIMED_OUT) {
    return new JamfContractError(
      'TIMEOUT',
      `${origin} took the request but its answer did not finish within ${timeoutMs === undefined ? 'the deadline' : `${answerMsFor(timeoutMs)} ms (5 × --timeout)`} (${code}): it kept sending a little at a time. Raise --timeout for slow servers; a write may have been applied.`,
      { cause: error, sent: true },
    );
  }
  if (code === ANSWER_TOO_LARGE) {
    return new JamfContractError(
      'RESPONSE_TOO_LARGE',
      `${origin} sent an answer larger than ${String((error as { limit?: unknown }).limit ?? 'the limit')}; it was not read to the end (a token, a version or a schema is far smaller: is this a Jamf Pro server, or a proxy in front of it?).`,
      { cause: error, sent: true },
    );
  }
  if (code && TIMEOUTS.has(code)) {
    return new JamfContractError(
      'TIMEOUT',
      `${origin} took the request but did not answer within ${timeoutMs ?? '?'} ms (${code}). Raise --timeout for slow servers; a write may have been applied.`,
      { cause: error, sent: true },
    );
  }
  if (code && NOT_SENT[code] && !answering) {
    return new JamfContractError('NETWORK', `Cannot reach ${origin}: ${NOT_SENT[code]} (${code}). Check the server URL (--server or JAMF_URL) and that this machine can reach it.`, { cause: error, sent: false });
  }
  const what = (code && (MAYBE_SENT[code] ?? NOT_SENT[code])) ?? (error instanceof Error ? error.message : String(error));
  return new JamfContractError(
    'NETWORK',
    `${origin}: ${what}${code ? ` (${code})` : ''}; the request may have reached the server.`,
    { cause: error, sent: true },
  );
}

/**
 * The same for an error the Postman engine (postman-request) reported: its timeouts carry
 * `connect: true` when the connection was never made.
 */

/** How long a whole answer may take once it has begun: five times `--timeout` (5 minutes by default). */
export function answerMsFor(timeoutMs: number): number {
  return timeoutMs * 5;
}

export function explainEngineError(error: unknown, url: string, timeoutMs: number, tls: { caFile?: string } = {}, maxResponseBytes?: number): { code: string; message: string; sent: boolean } {
  const e = (error ?? {}) as { code?: unknown; connect?: unknown; message?: unknown };
  // The run's deadline for a whole answer (execute/wire-hook.ts).
  if (e.code === ANSWER_TIMED_OUT) {
    return { code: 'TIMEOUT', message: `the answer began but did not finish within ${answerMsFor(timeoutMs)} ms (5 × --timeout); raise --timeout for slow downloads`, sent: true };
  }
  // postman-request's own words when an answer passes `maxResponseSize`.
  if (e.message === 'Maximum response size reached') {
    const limit = maxResponseBytes ? ` of ${Math.round(maxResponseBytes / 2 ** 20)} MB` : '';
    return { code: 'RESPONSE_TOO_LARGE', message: `the answer was larger than the limit${limit} and was not read to the end; raise --max-response-size (0 for no limit) if it is expected`, sent: true };
  }
  // Reports add whether the request was sent (and that a write may then have been applied).
  if (e.code === 'ESOCKETTIMEDOUT' || (e.code === 'ETIMEDOUT' && e.connect !== true)) {
    return { code: 'TIMEOUT', message: `no answer within ${timeoutMs} ms (${String(e.code)}); raise --timeout for slow servers`, sent: true };
  }
  if (e.code === 'ETIMEDOUT') {
    return { code: 'NETWORK', message: `Cannot reach ${originOf(url)}: the connection could not be opened within ${timeoutMs} ms (ETIMEDOUT).`, sent: false };
  }
  const explained = explainNetworkError(error ?? new Error('no response'), url, timeoutMs, false, tls);
  return { code: explained.code, message: explained.message.replace(/; the request may have reached the server\.$/, '.'), sent: explained.sent !== false };
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
