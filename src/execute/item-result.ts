/**
 * One item execution as the engine's callbacks fill it in, and the RequestResult it becomes:
 * sent, skipped (by our guard or the collection's own script), errored, replayed, retried.
 */
import type { AuthFailureKind, RequestResult } from '../result.ts';

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
  /** The answer just received triggers a replay (401) or a retry: the next one counts. */
  replaying: boolean;
  /** A 401 was replayed once with a fresh token. */
  replayed: boolean;
  /** Transient answers (429, 502–504) to a read that were retried. */
  retries: number;
  /** How long to wait before the retry goes out. */
  pauseMs?: number;
  classification?: Promise<AuthFailureKind>;
  settled?: AuthFailureKind;
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
  };
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
    ...(p.retries > 0 ? { retries: p.retries } : {}),
    ...(p.replayed
      ? { authReplay: { replayed: true as const, finalStatus: status, ...(status === 401 && classification ? { classification } : {}) } }
      : {}),
  };
}

const AUTH_EXPLANATIONS: Record<AuthFailureKind, string> = {
  'secret-rotated': 'refused with 401 even with a fresh token, and the token endpoint now refuses the client: its secret was probably rotated (a new secret invalidates the old one).',
  'client-disabled': 'refused with 401 even with a fresh token: the API client has been disabled.',
  'basic-auth-disabled': 'refused with 401: Basic authentication is disabled on this server (always on 11.5+), or the username/password is wrong — Jamf answers both with the same 401.',
  'token-rejected': 'refused with 401 even with a fresh token that the token endpoint issued: the server does not accept this client\'s tokens here.',
  'bad-credentials': 'refused with 401 even after logging in again: the username or password no longer works.',
};

