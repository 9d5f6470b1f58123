/**
 * Secrets are data: every secret is registered when it enters (flag, environment, token
 * response) and every output passes through one Redactor before it is written.
 */
export const REDACTED = '[REDACTED]';

/** A compact JWT: three base64url parts, the first two starting with `{"` encoded. */
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
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
  private pattern: RegExp | undefined;

  /** Registers a secret, and the encodings it travels in (Basic, URL-encoded). */
  add(secret: string | undefined | null): this {
    if (!secret || secret.length < 3) return this;
    this.secrets.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.secrets.add(encoded);
    this.pattern = undefined;
    return this;
  }

  /** Registers a username/password pair, including its HTTP Basic form. */
  addBasic(username: string | undefined, password: string | undefined): this {
    if (!password) return this;
    this.add(password);
    this.add(Buffer.from(`${username ?? ''}:${password}`).toString('base64'));
    return this;
  }

  redact(text: string): string {
    if (!text) return text;
    let out = text;
    if (this.secrets.size > 0) {
      this.pattern ??= new RegExp(
        [...this.secrets]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join('|'),
        'g',
      );
      out = out.replace(this.pattern, REDACTED);
    }
    out = out.replace(JWT, REDACTED);
    return out.replace(CREDENTIAL_FIELDS, (...args: unknown[]) => {
      const g = args[args.length - 1] as Record<string, string | undefined>;
      if (g.authKey !== undefined) return `${g.authKey}${REDACTED}`;
      if (g.cookieKey !== undefined) return `${g.cookieKey}${REDACTED}`;
      const value = g.fieldVal ?? '';
      return value.startsWith('"') ? `${g.fieldKey}"${REDACTED}"` : `${g.fieldKey}${REDACTED}`;
    });
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
