/**
 * One item execution as the engine's callbacks fill it in, and the RequestResult it becomes:
 * sent, held back at the wire, not sent, skipped (by our guard or the collection's own
 * script), errored, replayed, retried.
 */
import type { AuthFailureKind, HeldBack, RequestResult } from '../result.ts';
import { heldText } from '../wire/guard/index.ts';

export interface Pending {
  itemId: string;
  itemName: string;
  folders: string[];
  iteration: number;
  method: string;
  url: string;
  tests: RequestResult['tests'];
  scriptErrors: string[];
  response?: RequestResult['response'];
  error?: RequestResult['error'];
  unresolved?: string[];
  /** Sent with these variables unresolved (`--unresolved send`). */
  unresolvedSent?: string[];
  /** The item's own request, stopped by the read-only guard as it was about to be sent. */
  heldAtWire?: HeldBack;
  /** `pm.sendRequest` calls from its scripts that the guard stopped. */
  heldBack: HeldBack[];
  /** The answer just received triggers a replay (401) or a retry: the next one counts. */
  replaying: boolean;
  /** A 401 was replayed once with a fresh token. */
  replayed: boolean;
  /** The status of the answer that was replayed or retried (the last one, when the replay was not sent). */
  replayedStatus?: number;
  /** Transient answers (429, 502–504) to a read that were retried. */
  retries: number;
  /** How long to wait before the retry goes out. */
  pauseMs?: number;
  classification?: Promise<AuthFailureKind>;
  settled?: AuthFailureKind;
}

export function newPending(fields: Pick<Pending, 'itemId' | 'itemName' | 'folders' | 'iteration' | 'method' | 'url'>): Pending {
  return { ...fields, tests: [], scriptErrors: [], heldBack: [], replaying: false, replayed: false, retries: 0 };
}

/** No response arrived, so test scripts did not run (or their results were dropped). */
export function hasNoResponse(p: Pending): boolean {
  return !p.response && (Boolean(p.error) || Boolean(p.heldAtWire) || Boolean(p.unresolved));
}

export function toResult(p: Pending, classification: AuthFailureKind | undefined): Omit<RequestResult, 'index' | 'collection'> {
  const base = {
    iteration: p.iteration,
    folders: p.folders,
    itemId: p.itemId,
    itemName: p.itemName,
    method: p.method,
    url: p.url,
    tests: p.tests,
    findings: [],
    scriptErrors: p.scriptErrors,
    ...(p.heldBack.length > 0 ? { heldBack: p.heldBack } : {}),
    ...(p.unresolvedSent?.length ? { unresolved: p.unresolvedSent } : {}),
  };
  if (p.heldAtWire) {
    const h = p.heldAtWire;
    return {
      ...base,
      method: h.method,
      skipped: { reason: h.class === 'destructive' ? 'destructive' : 'read-only', detail: `held back as sent: ${heldText(h.method, h.url, h.why, h.needs)}` },
      testsNotRun: 'the request was held back',
    };
  }
  if (p.unresolved && !p.response && !p.error) {
    return {
      ...base,
      skipped: { reason: 'unresolved-variables', detail: `needs ${p.unresolved.map((n) => `{{${n}}}`).join(', ')}`, variables: p.unresolved },
    };
  }
  if (!p.response && !p.error) {
    return { ...base, skipped: { reason: 'skipped-by-script', detail: 'pm.execution.skipRequest() in a pre-request script' } };
  }
  const status = p.response?.status ?? 0;
  // A 401 that survived a fresh token is an auth failure of the run, not a failed test.
  const refused = status === 401 && classification ? { code: 'AUTH_REFUSED', message: AUTH_EXPLANATIONS[classification] } : undefined;
  const error = p.error ?? refused;
  return {
    ...base,
    ...(p.response ? { response: p.response } : {}),
    ...(error ? { error } : {}),
    ...(!p.response && p.error ? { testsNotRun: p.error.sent ? `no response (${p.error.code})` : `the request was not sent (${p.error.code})` } : {}),
    ...(p.retries > 0 ? { retries: p.retries } : {}),
    ...(p.replayed ? { authReplay: authReplay(p, status, classification) } : {}),
  };
}

function authReplay(p: Pending, status: number, classification: AuthFailureKind | undefined): NonNullable<RequestResult['authReplay']> {
  // A replay that was never sent (no token could be had) ends on the status that was replayed.
  const finalStatus = p.response ? status : (p.replayedStatus ?? status);
  return { replayed: true, finalStatus, ...(finalStatus === 401 && classification ? { classification } : {}) };
}

/** What a token endpoint's refusal says about a 401 that could not be replayed. */
export function refusalKind(code: string): AuthFailureKind | undefined {
  if (code === 'AUTH_CLIENT_DISABLED') return 'client-disabled';
  if (code === 'AUTH_INVALID_CLIENT' || code === 'AUTH_INVALID_SCOPE') return 'secret-rotated';
  if (code === 'AUTH_BAD_CREDENTIALS') return 'bad-credentials';
  return undefined;
}

const AUTH_EXPLANATIONS: Record<AuthFailureKind, string> = {
  'secret-rotated': 'refused with 401 even with a fresh token, and the token endpoint now refuses the client: its secret was probably rotated (a new secret invalidates the old one).',
  'client-disabled': 'refused with 401 even with a fresh token: the API client has been disabled.',
  'basic-auth-disabled': 'refused with 401: Basic authentication is disabled on this server (always on 11.5+), or the username/password is wrong — Jamf answers both with the same 401.',
  'basic-not-accepted': 'refused with 401: the Jamf Pro API (/api) does not accept Basic authentication; it needs a bearer token, which servers issue from 10.35 on (a user token) or 10.49 (an API client).',
  'token-rejected': 'refused with 401 even with a fresh token that the token endpoint issued: the server does not accept this client\'s tokens here.',
  'bad-credentials': 'refused with 401 even after logging in again: the username or password no longer works.',
};
