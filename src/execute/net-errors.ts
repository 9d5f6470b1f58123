/** Network and TLS failures, explained with what to do about them. */
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

const NET_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing listens there)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  ECONNRESET: 'the connection was reset by the server',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server did not answer in time',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

/** The innermost error code of a (possibly wrapped) Node/undici error. */
export function errorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR' && (TLS_CODES[code] || NET_CODES[code])) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
}

export function isTlsError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && code in TLS_CODES;
}

/** A one-paragraph explanation of a transport error for `url`. */
export function explainNetworkError(error: unknown, url: string): JamfContractError {
  const code = errorCode(error);
  if (code && TLS_CODES[code]) {
    return new JamfContractError(
      'TLS',
      `TLS to ${originOf(url)} failed: ${TLS_CODES[code]} (${code}). If you trust this server, pass its CA with --ca FILE (PEM), or --insecure to skip verification (test servers only).`,
      { cause: error },
    );
  }
  const what = (code && NET_CODES[code]) ?? (error instanceof Error ? error.message : String(error));
  return new JamfContractError(
    'NETWORK',
    `Cannot reach ${originOf(url)}: ${what}${code ? ` (${code})` : ''}. Check the server URL (--server or JAMF_URL) and that this machine can reach it.`,
    { cause: error },
  );
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
