/**
 * Reaching the server and finding out, without credentials, which token endpoints it has:
 * a 404 from a token endpoint means the scheme does not exist on this version, any other
 * answer (400, 401) means it does. TLS and network failures are explained with the remedy.
 */
import { isJamfContractError } from '../errors.ts';
import type { HttpClient } from '../wire/http.ts';
import { add, type DoctorContext } from './types.ts';

export interface ServerProbe {
  reachable: boolean;
  /** `/api/v1/auth/token` exists (10.35+). */
  userTokens: boolean;
  /** `/api/oauth/token` or `/api/v1/oauth/token` exists (10.49+). */
  clientCredentials: boolean;
  /** The Classic API answered (a 401 Status page counts). */
  classic: boolean;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };

export async function probeServer(ctx: DoctorContext): Promise<ServerProbe> {
  const { http, serverUrl } = ctx;
  const tls = serverUrl.startsWith('https:');
  const session = ctx.options.session;
  if (session) {
    // A run's preflight: its session already reached the server and got in, so the
    // unauthenticated probes (POSTs to the token endpoints) would only add noise to its logs.
    add(ctx, { id: 'connect', status: 'ok', title: 'Server reachable', detail: `The run's ${session.scheme} session is open on ${serverUrl}.` });
    return { reachable: true, userTokens: session.scheme === 'user', clientCredentials: session.scheme === 'client-credentials', classic: true };
  }
  let userStatus: number;
  try {
    userStatus = (await http.send('POST', `${serverUrl}/api/v1/auth/token`, { headers: { accept: 'application/json' }, timeoutMs: 15_000 })).status;
  } catch (error) {
    const message = isJamfContractError(error) ? error.message : String(error);
    const isTls = isJamfContractError(error) && error.code === 'TLS';
    add(ctx, {
      id: 'connect',
      status: 'fail',
      title: isTls ? 'TLS handshake failed' : 'Cannot reach the server',
      detail: message,
      remedy: isTls
        ? 'Pass the server\'s CA certificate with --ca FILE (PEM), or --insecure for a test server you trust. Check the host name matches the certificate.'
        : 'Check the server URL (--server or JAMF_URL), including the port, and that this machine can reach it.',
      ...(isJamfContractError(error) ? { data: { code: error.code } } : {}),
    });
    return { reachable: false, userTokens: false, clientCredentials: false, classic: false };
  }
  const clientStatus = await tokenEndpointStatus(http, serverUrl);
  const classicStatus = await http.send('GET', `${serverUrl}/JSSResource/jssuser`, { timeoutMs: 15_000 }).then((r) => r.status, () => 0);
  const probe: ServerProbe = {
    reachable: true,
    userTokens: userStatus !== 404 && userStatus < 500,
    clientCredentials: clientStatus !== 404 && clientStatus !== 405 && clientStatus < 500,
    classic: classicStatus !== 0 && classicStatus !== 404,
  };
  const how = tls ? (ctx.options.tls?.insecure ? 'over TLS, certificate NOT verified (--insecure)' : 'over TLS, certificate verified') : 'over plain HTTP';
  if (!probe.userTokens && !probe.clientCredentials && !probe.classic) {
    add(ctx, {
      id: 'connect',
      status: 'fail',
      title: 'The server does not look like Jamf Pro',
      detail: `Reached ${serverUrl} ${how}, but it has no Jamf Pro token endpoint and no Classic API (/api/v1/auth/token answered ${userStatus}).`,
      remedy: 'Give the server root, e.g. https://yourorg.jamfcloud.com (without /api or /JSSResource).',
    });
    return { ...probe, reachable: false };
  }
  add(ctx, { id: 'connect', status: 'ok', title: 'Server reachable', detail: `Reached ${serverUrl} ${how}.` });
  return probe;
}

/** Jamf documents `/api/oauth/token`; the schema and SDKs use `/api/v1/oauth/token`. Either counts. */
async function tokenEndpointStatus(http: HttpClient, serverUrl: string): Promise<number> {
  let status = 0;
  for (const path of ['/api/oauth/token', '/api/v1/oauth/token']) {
    status = await http
      .send('POST', serverUrl + path, { headers: FORM, body: 'grant_type=client_credentials', timeoutMs: 15_000 })
      .then((r) => r.status, () => 0);
    if (status !== 404 && status !== 405 && status !== 0) return status;
  }
  return status;
}
