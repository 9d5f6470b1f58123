/**
 * Load-balancer consistency and clock skew. Jamf Cloud runs several nodes; two token calls
 * made without cookies may land on different nodes, and both must accept the credentials.
 * The affinity cookie (`jpro-ingress`, older `APBALANCEID`/`AWSALB`/`JSESSIONID`) is what
 * keeps a run on one node; the run keeps it in one jar for token and API calls alike.
 */
import { createHttpClient, type CookieJar, type HttpClient } from '../wire/http.ts';
import type { Access } from './token.ts';
import { add, type DoctorContext } from './types.ts';

const AFFINITY = ['jpro-ingress', 'APBALANCEID', 'AWSALB', 'AWSALBCORS', 'JSESSIONID'];
/** Tokens carry whole seconds; a few seconds of round trip are not skew. */
const SKEW_TOLERANCE_S = 30;

/** A jar that keeps nothing, so each probe call is routed as a fresh client would be. */
const NO_COOKIES: CookieJar = { setCookie: () => undefined, getCookieString: (_url, cb) => cb(null, '') };

interface Probe {
  status: number;
  cookie?: { name: string; value: string };
}

export async function affinityCheck(ctx: DoctorContext, access: Access): Promise<void> {
  const title = 'Token endpoint across nodes';
  if (access.scheme !== 'client-credentials' && access.scheme !== 'user') {
    add(ctx, { id: 'affinity', status: 'skip', title, detail: `Not checked: ${access.scheme === 'basic' ? 'Basic auth' : 'this scheme'} uses no token endpoint.` });
    return;
  }
  const fresh = createHttpClient({ jar: NO_COOKIES, tls: ctx.options.tls ?? {} });
  let probes: Probe[];
  try {
    probes = [await tokenCall(ctx, fresh, access), await tokenCall(ctx, fresh, access)];
  } finally {
    await fresh.close();
  }
  const [a, b] = probes as [Probe, Probe];
  const cookies = probes.flatMap((p) => (p.cookie ? [p.cookie] : []));
  const names = [...new Set(cookies.map((c) => c.name))];
  const nodes = new Set(cookies.map((c) => c.value)).size;
  const cookieText = names.length
    ? `The load balancer sets the affinity cookie ${names.join(', ')}${nodes > 1 ? ` and routed the two calls to ${nodes} different nodes` : ''}; a run keeps it in one cookie jar so token and API calls stay on one node.`
    : 'No affinity cookie was set (a single node, or no load balancer in front).';
  if (a.status === 200 && b.status === 200) {
    add(ctx, { id: 'affinity', status: 'ok', title, detail: `Two token requests without cookies both succeeded. ${cookieText}`, data: { cookies: names, nodes } });
    return;
  }
  add(ctx, {
    id: 'affinity',
    status: 'warn',
    title: 'Token endpoint answers inconsistently',
    detail: `A token was issued once, then two more token requests without cookies answered ${a.status} and ${b.status}. ${cookieText}`,
    remedy: 'If the credentials were changed moments ago, wait a minute (Jamf Cloud nodes refresh from each other about once a minute) and run doctor again; if it persists, contact Jamf support about the nodes disagreeing.',
    data: { statuses: [a.status, b.status], cookies: names, nodes },
  });
}

async function tokenCall(ctx: DoctorContext, http: HttpClient, access: Access): Promise<Probe> {
  const c = ctx.options.credentials;
  const res =
    access.scheme === 'client-credentials'
      ? await http.send('POST', `${ctx.serverUrl}/api/v1/oauth/token`, {
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId ?? '', client_secret: c.clientSecret ?? '', ...(c.scope ? { scope: c.scope } : {}) }).toString(),
        })
      : await http.send('POST', `${ctx.serverUrl}/api/v1/auth/token`, {
          headers: { authorization: `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`).toString('base64')}`, accept: 'application/json' },
        });
  if (res.status === 200) await forget(ctx, http, access, res.text);
  const cookie = affinityCookie(res.headers['set-cookie']);
  return { status: res.status, ...(cookie ? { cookie } : {}) };
}

/** The extra tokens are registered for redaction; user tokens are invalidated at once. */
async function forget(ctx: DoctorContext, http: HttpClient, access: Access, text: string): Promise<void> {
  let token: string | undefined;
  try {
    const body = JSON.parse(text) as { access_token?: unknown; token?: unknown };
    token = typeof body.access_token === 'string' ? body.access_token : typeof body.token === 'string' ? body.token : undefined;
  } catch {
    return;
  }
  ctx.redactor.add(token);
  if (token && access.scheme === 'user') {
    await http.send('POST', `${ctx.serverUrl}/api/v1/auth/invalidate-token`, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
  }
}

export function affinityCookie(header: string | undefined): { name: string; value: string } | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,\s*(?=[^;=]+=)/)) {
    const m = /^\s*([^=;\s]+)=([^;]*)/.exec(part);
    if (m && AFFINITY.includes(m[1]!)) return { name: m[1]!, value: m[2]! };
  }
  return undefined;
}

/** Skew between the token's `iat` (server clock) and this machine's clock when it arrived. */
export function clockCheck(ctx: DoctorContext, issuedAt: number | undefined, receivedAt: number | undefined): void {
  const title = 'Clock skew';
  if (issuedAt === undefined || receivedAt === undefined) {
    add(ctx, { id: 'clock', status: 'skip', title, detail: 'Not checked: no token with an issued-at time.' });
    return;
  }
  const skew = Math.round(receivedAt / 1000 - issuedAt);
  const data = { skewSeconds: skew };
  if (Math.abs(skew) <= SKEW_TOLERANCE_S) {
    add(ctx, { id: 'clock', status: 'ok', title, detail: `This machine's clock and the server's agree within ${Math.max(1, Math.abs(skew))} s.`, data });
    return;
  }
  const direction = skew > 0 ? 'ahead of' : 'behind';
  add(ctx, {
    id: 'clock',
    status: 'warn',
    title,
    detail: `This machine's clock is ${Math.abs(skew)} s ${direction} the server's (token issued-at vs local time). Token expiry is computed from the server's answer, so a run still works, but logs and JWT libraries checking nbf/exp locally will disagree with the server.`,
    remedy: 'Synchronise this machine\'s clock (NTP).',
    data,
  });
}
