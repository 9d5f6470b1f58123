/**
 * Secrets are data: every secret is registered when it enters (flag, environment, token
 * response) and every output passes through one Redactor before it is written.
 */
import { escapeRegExp } from './regexp.ts';

export const REDACTED = '[REDACTED]';

/**
 * JWT-shaped text: a base64url run starting with `eyJ` (`{"` encoded) and up to two more
 * dot-separated parts. Whole tokens match, and so do the pieces an assertion library
 * leaves when it shortens a value (`'Bearer eyJhbGciOiJIUzI1NiJ9.eyJ0b2tlb…'`).
 */
const JWT = /eyJ[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]*){0,2}/g;
/** `Basic dXNlcjpwYXNz` anywhere (a script logging the header it built); the value must decode to `user:password`. */
const BASIC = /\b(Basic\s+)([A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])/g;
/** `Bearer <token>` anywhere; a token is long, so prose ("Bearer tokens") stays. */
const BEARER = /\b(Bearer\s+)([A-Za-z0-9._~+/-]{16,}=*)/g;
/** Runs of token characters, checked against registered secrets' shingles. */
const TOKEN_RUN = /[A-Za-z0-9_\-+/=.~]{12,}/g;
/** A registered secret of at least this length is also found in pieces (split, shortened). */
const PIECE_MIN_SECRET = 16;
const SHINGLE = 12;
/** A credential of the server at least this long is looked for in requests to other hosts (`holdsCredential`). */
const CREDENTIAL_MIN = 8;
/**
 * Pieces are indexed from a secret's first this-many characters: an assertion library cuts a
 * long value after its beginning, and a secret of megabytes (a hostile token endpoint's)
 * would otherwise take gigabytes of windows.
 */
const PIECE_INDEX_MAX = 64 * 1024;

/**
 * `secret`: redacted from every output. `credential`: one of the Jamf server's own (a token,
 * the client secret, a password and its Basic form) — redacted too, and never sent to
 * another host (execute/gate.ts). An environment's secret values are `secret`: a webhook's
 * key there is meant for its own host.
 */
export type SecretKind = 'secret' | 'credential';
const SHINGLE_STRIDE = 4;
/**
 * Header lines and JSON/query fields that carry credentials whatever their value. A bare
 * `token:` is prose ("invalidating a token: needs …"), so `token` counts only as a quoted
 * key or before `=`.
 */
const CREDENTIAL_FIELDS = new RegExp(
  [
    // `Authorization: Bearer x`, `x-api-key: x`: the value after an optional scheme.
    String.raw`(?<authKey>\b(?:authorization|x-api-key)\s*[:=]\s*(?:(?:bearer|basic|token|negotiate|digest)\s+)?)(?<authVal>[^\s"',;]{6,})`,
    // `Cookie: a=b; c=d`: only when a name=value pair follows, so "affinity cookie: …" prose stays.
    String.raw`(?<cookieKey>\b(?:set-)?cookie\s*[:=]\s*)(?<cookieVal>[^\s"',;=]+=[^\r\n"]*)`,
    // Quoted keys (JSON) and key=value (forms, query strings); bare `token:` is prose.
    String.raw`(?<fieldKey>["'](?:access_token|client_secret|password|token|refresh_token)["']\s*[:=]\s*|\b(?:access_token|client_secret|password|token|refresh_token)\s*=\s*|\b(?:access_token|client_secret|password|refresh_token)\s*:\s*)(?<fieldVal>"[^"]*"|[^\s&,"}]+)`,
  ].join('|'),
  'gi',
);

const CREDENTIAL_KEYS = new Set([
  'authorization',
  'cookie',
  'set-cookie',
  'access_token',
  'accesstoken',
  'refresh_token',
  'token',
  'client_secret',
  'clientsecret',
  'password',
]);

export class Redactor {
  private readonly secrets = new Set<string>();
  /** All secrets as one expression; null when V8 cannot build it (secrets too large): then one at a time. */
  private pattern: RegExp | null | undefined;
  /** Every 12-character window of the long secrets: a piece of one is found wherever it appears. */
  private readonly shingles = new Set<string>();
  /** The server's credentials, as they travel (whole, URL-encoded). */
  private readonly credentials = new Set<string>();
  private credentialPattern: RegExp | null | undefined;

  /** Registers a secret, and the encodings it travels in (Basic, URL-encoded). */
  add(secret: string | undefined | null, kind: SecretKind = 'secret'): this {
    if (!secret || secret.length < 3) return this;
    this.secrets.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.secrets.add(encoded);
    if (kind === 'credential' && secret.length >= CREDENTIAL_MIN) {
      this.credentials.add(secret).add(encoded);
      this.credentialPattern = undefined;
    }
    if (secret.length >= PIECE_MIN_SECRET) {
      const indexed = Math.min(secret.length, PIECE_INDEX_MAX);
      for (let i = 0; i + SHINGLE <= indexed; i++) this.shingles.add(secret.slice(i, i + SHINGLE));
    }
    this.pattern = undefined;
    return this;
  }

  /** Registers a username/password pair, including its HTTP Basic form. */
  addBasic(username: string | undefined, password: string | undefined, kind: SecretKind = 'secret'): this {
    if (!password) return this;
    this.add(password, kind);
    this.add(Buffer.from(`${username ?? ''}:${password}`).toString('base64'), kind);
    return this;
  }

  /** Whether `text` holds one of the server's credentials (registered as `credential`), whole or URL-encoded. */
  holdsCredential(text: string): boolean {
    if (this.credentials.size === 0 || !text) return false;
    this.credentialPattern ??= alternation([...this.credentials], '');
    try {
      if (this.credentialPattern) return this.credentialPattern.test(text);
    } catch {
      this.credentialPattern = null;
    }
    return [...this.credentials].some((c) => text.includes(c));
  }

  redact(text: string): string {
    if (!text) return text;
    let out = text;
    if (this.secrets.size > 0) {
      const longestFirst = [...this.secrets].sort((a, b) => b.length - a.length);
      this.pattern ??= alternation(longestFirst, 'g');
      try {
        if (this.pattern) out = out.replace(this.pattern, REDACTED);
      } catch {
        // V8 compiles an expression when first used, and may refuse it only then.
        this.pattern = null;
      }
      if (!this.pattern) for (const secret of longestFirst) out = out.split(secret).join(REDACTED);
    }
    if (this.shingles.size > 0) out = out.replace(TOKEN_RUN, (run) => (this.holdsPiece(run) ? REDACTED : run));
    out = out.replace(JWT, REDACTED);
    out = out.replace(BASIC, (whole, scheme: string, value: string) => (isBasicCredential(value) ? `${scheme}${REDACTED}` : whole));
    out = out.replace(BEARER, (_whole, scheme: string) => `${scheme}${REDACTED}`);
    return out.replace(CREDENTIAL_FIELDS, (...args: unknown[]) => {
      const g = args[args.length - 1] as Record<string, string | undefined>;
      if (g.authKey !== undefined) return `${g.authKey}${REDACTED}`;
      if (g.cookieKey !== undefined) return `${g.cookieKey}${REDACTED}`;
      const value = g.fieldVal ?? '';
      return value.startsWith('"') ? `${g.fieldKey}"${REDACTED}"` : `${g.fieldKey}${REDACTED}`;
    });
  }

  /**
   * Whether a run of token characters shares 15 or more characters with a long secret: a
   * token split on spaces, or cut short by an assertion message, still goes.
   */
  private holdsPiece(run: string): boolean {
    for (let i = 0; i + SHINGLE <= run.length; i += SHINGLE_STRIDE) {
      if (this.shingles.has(run.slice(i, i + SHINGLE))) return true;
    }
    // The last window, so a piece at the very end is not missed between strides.
    return this.shingles.has(run.slice(run.length - SHINGLE));
  }

  /** Redacts every string inside a JSON-like value, and whole credential fields, returning a copy. */
  redactDeep<T>(value: T): T {
    return this.walk(value, undefined) as T;
  }

  private walk(value: unknown, key: string | undefined): unknown {
    if (key !== undefined && CREDENTIAL_KEYS.has(key.toLowerCase()) && value !== null && value !== '') {
      return REDACTED;
    }
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((v) => this.walk(v, undefined));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.walk(v, k);
      return out;
    }
    return value;
  }
}

/** Base64 of `user:password`: decodes to printable text with a colon. */
function isBasicCredential(value: string): boolean {
  const text = Buffer.from(value, 'base64').toString('utf8');
  return text.includes(':') && /^[\x20-\x7e]+$/.test(text);
}

/**
 * One expression matching any of `texts` (in the order given), or null when V8 refuses it
 * (too large) as it is built or first compiled, for text of either width: its error message
 * would hold the secrets themselves, so it is never shown.
 */
function alternation(texts: string[], flags: string): RegExp | null {
  try {
    const pattern = new RegExp(texts.map(escapeRegExp).join('|'), flags);
    pattern.test('-');
    pattern.test('\u0100');
    pattern.lastIndex = 0;
    return pattern;
  } catch {
    return null;
  }
}

