/**
 * Who may call: API roles, API clients, users and the tokens issued to them.
 *
 * The scope quirk lives here: a client's roles are frozen into `secretRoleIds` when its
 * secret is generated, tokens carry those role ids, and a token's privileges are looked up
 * from the *current* roles on every request, so role edits apply at once while role
 * assignment changes wait for a new secret. Tokens themselves are not stored (tokens.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AuthResult, SimRequest, SimResponse } from './http.ts';
import { ALL_PRIVILEGES, type Seed, type SeedUser } from './seed.ts';
import { TokenBook, type Claims, type TokenRecord } from './tokens.ts';
import type { VersionInfo } from './version.ts';

export type { TokenRecord } from './tokens.ts';

export interface Role { id: string; displayName: string; privileges: string[] }
export interface Client {
  id: number;
  displayName: string;
  clientId: string;
  /** Undefined until credentials are generated. */
  secret: string | undefined;
  enabled: boolean;
  accessTokenLifetimeSeconds: number;
  authorizationScopes: string[];
  secretRoleIds: string[];
}
const READ = /^(Read|View) /;

export class AuthState {
  readonly roles = new Map<string, Role>();
  readonly clients = new Map<number, Client>();
  readonly users = new Map<string, SeedUser>();
  readonly tokens: TokenBook;
  readonly tokensIssued: Record<string, number> = {};
  /** Every privilege this simulator knows: its own, plus those an `--openapi` document names. */
  readonly allPrivileges: readonly string[];
  private readonly all: ReadonlySet<string>;
  private readonly usernames = new Map<string, string>();
  private rolesVersion = 0;
  private nextRoleId = 1;
  private nextClientId = 1;
  readonly basicAllowed: boolean;

  constructor(
    seed: Seed,
    readonly info: VersionInfo,
    private readonly issuer: string,
    extraPrivileges: readonly string[] = [],
  ) {
    this.allPrivileges = [...new Set([...ALL_PRIVILEGES, ...extraPrivileges])].sort();
    this.all = new Set(this.allPrivileges);
    const widen = widener(extraPrivileges);
    this.tokens = new TokenBook((claims) => this.recordOf(claims));
    for (const r of seed.apiRoles) this.roles.set(r.id, { ...r, privileges: widen(r.privileges) });
    this.nextRoleId = Math.max(0, ...[...this.roles.keys()].map(Number).filter(Number.isFinite)) + 1;
    for (const c of seed.apiClients) {
      const client: Client = { ...c, authorizationScopes: [...c.authorizationScopes], secret: c.clientSecret, secretRoleIds: [] };
      delete (client as Partial<typeof c>).clientSecret;
      client.secretRoleIds = this.roleIdsOf(client.authorizationScopes);
      this.clients.set(c.id, client);
    }
    this.nextClientId = Math.max(0, ...this.clients.keys()) + 1;
    for (const u of seed.users) {
      this.users.set(u.username, { ...u, privileges: widen(u.privileges) });
      this.usernames.set(u.id, u.username);
    }
    this.basicAllowed = info.basicOnly || (info.basicPossible && (seed.classicBasicAuth ?? info.basicDefault));
    this.userTokenLifetimeSeconds = seed.userTokenLifetimeSeconds;
  }

  readonly userTokenLifetimeSeconds: number;

  roleIdsOf(displayNames: string[]): string[] {
    const ids: string[] = [];
    for (const role of this.roles.values()) if (displayNames.includes(role.displayName)) ids.push(role.id);
    return ids;
  }

  // ---- roles ----
  createRole(displayName: string, privileges: string[]): Role {
    const role = { id: String(this.nextRoleId++), displayName, privileges };
    this.roles.set(role.id, role);
    return role;
  }

  updateRole(id: string, displayName: string, privileges: string[]): Role | undefined {
    const role = this.roles.get(id);
    if (!role) return undefined;
    for (const client of this.clients.values()) {
      const at = client.authorizationScopes.indexOf(role.displayName);
      if (at >= 0) client.authorizationScopes[at] = displayName;
    }
    role.displayName = displayName;
    role.privileges = privileges;
    this.rolesVersion++;
    return role;
  }

  /** A role still assigned to a client cannot be deleted (Jamf answers 409). */
  deleteRole(id: string): 'deleted' | 'missing' | 'in-use' {
    const role = this.roles.get(id);
    if (!role) return 'missing';
    for (const client of this.clients.values()) if (client.authorizationScopes.includes(role.displayName)) return 'in-use';
    this.roles.delete(id);
    this.rolesVersion++;
    return 'deleted';
  }

  // ---- clients ----
  createClient(fields: { displayName: string; authorizationScopes: string[]; enabled: boolean; accessTokenLifetimeSeconds: number }): Client {
    const client: Client = { id: this.nextClientId++, clientId: randomUUID(), secret: undefined, secretRoleIds: [], ...fields };
    this.clients.set(client.id, client);
    return client;
  }

  clientByClientId(clientId: string): Client | undefined {
    for (const client of this.clients.values()) if (client.clientId === clientId) return client;
    return undefined;
  }

  /** Generates a new secret (the old one stops working) and freezes the client's current roles into it. */
  generateSecret(client: Client): string {
    client.secret = randomBytes(24).toString('base64url');
    client.secretRoleIds = this.roleIdsOf(client.authorizationScopes);
    return client.secret;
  }

  /** Hook for fault injection: rotates the secret of `clientId` as an admin would mid-run. */
  rotateSecret(clientId: string): string | undefined {
    const client = this.clientByClientId(clientId);
    return client ? this.generateSecret(client) : undefined;
  }

  // ---- tokens ----
  async issueClientToken(client: Client, roleIds: string[]): Promise<{ token: string; expiresIn: number }> {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = client.accessTokenLifetimeSeconds;
    const tokenId = randomUUID();
    const claims = {
      'token-uuid': tokenId,
      'subject-type': 'REGISTERED_CLIENT_ID',
      'authentication-type': 'CLIENT_CREDENTIALS',
      scope: roleIds.map((id) => `api-role:${id}`),
    };
    const record: TokenRecord = { kind: 'client', subject: client.clientId, roleIds, expiresAt: (now + expiresIn) * 1000, tokenId };
    const token = await this.tokens.issue(claims, 'HS256', (jwt) => jwt
      .setSubject(client.clientId).setAudience(client.clientId).setIssuer(this.issuer)
      .setNotBefore(now).setIssuedAt(now).setExpirationTime(now + expiresIn), record);
    this.tokensIssued[client.clientId] = (this.tokensIssued[client.clientId] ?? 0) + 1;
    return { token, expiresIn };
  }

  async issueUserToken(user: SeedUser): Promise<{ token: string; expires: string }> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.userTokenLifetimeSeconds;
    const tokenId = randomUUID();
    const claims = {
      'token-uuid': tokenId,
      'subject-type': 'JSS_USER_ID',
      'authentication-type': 'JSS',
      groups: [],
      'user-id': Number(user.id) || 0,
    };
    const record: TokenRecord = { kind: 'user', subject: user.username, roleIds: [], expiresAt: exp * 1000, tokenId };
    const token = await this.tokens.issue(claims, 'HS512', (jwt) => jwt
      .setSubject(user.id).setAudience('jamf-pro').setIssuer(this.issuer)
      .setNotBefore(now).setIssuedAt(now).setExpirationTime(exp), record);
    this.tokensIssued[user.username] = (this.tokensIssued[user.username] ?? 0) + 1;
    return { token, expires: new Date(exp * 1000).toISOString() };
  }

  /** A token's record from its verified claims (a token this simulator signed but no longer remembers). */
  private recordOf(claims: Claims): TokenRecord | undefined {
    const tokenId = claims['token-uuid'];
    if (typeof tokenId !== 'string' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
    const expiresAt = claims.exp * 1000;
    if (claims['subject-type'] === 'REGISTERED_CLIENT_ID') {
      const scope = Array.isArray(claims.scope) ? claims.scope.map((s) => String(s).replace(/^api-role:/, '')) : [];
      return { kind: 'client', subject: claims.sub, roleIds: scope, expiresAt, tokenId };
    }
    const username = this.usernames.get(claims.sub);
    return username === undefined ? undefined : { kind: 'user', subject: username, roleIds: [], expiresAt, tokenId };
  }

  /** The live record of a `Bearer` token, or undefined when unknown, expired, invalidated or its client is gone or disabled. */
  bearer(authorization: string | undefined): { token: string; record: TokenRecord } | undefined {
    if (!authorization || !authorization.startsWith('Bearer ')) return undefined;
    const token = authorization.slice(7).trim();
    const record = this.tokens.lookup(token);
    if (!record) return undefined;
    if (record.kind === 'client') {
      const client = this.clientByClientId(record.subject);
      if (!client || !client.enabled) return undefined;
    } else {
      const user = this.users.get(record.subject);
      if (!user || !user.enabled) return undefined;
    }
    return { token, record };
  }

  privilegesOf(record: TokenRecord): ReadonlySet<string> {
    if (record.privileges && record.privilegesVersion === this.rolesVersion) return record.privileges;
    let privileges: ReadonlySet<string>;
    if (record.kind === 'user') {
      const granted = this.users.get(record.subject)?.privileges ?? [];
      privileges = granted.includes('*') ? this.all : new Set(granted);
    } else {
      const set = new Set<string>();
      for (const id of record.roleIds) for (const p of this.roles.get(id)?.privileges ?? []) set.add(p);
      privileges = set;
    }
    record.privileges = privileges;
    record.privilegesVersion = this.rolesVersion;
    return privileges;
  }

  /** The user named by an HTTP Basic header when the password matches. */
  basicUser(authorization: string | undefined): SeedUser | undefined {
    if (!authorization || !authorization.startsWith('Basic ')) return undefined;
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const user = this.users.get(decoded.slice(0, colon));
    return user && user.enabled && user.password === decoded.slice(colon + 1) ? user : undefined;
  }

  userPrivileges(user: SeedUser): ReadonlySet<string> {
    return user.privileges.includes('*') ? this.all : new Set(user.privileges);
  }

  /** Classic API authentication: any live bearer token, or Basic when this version allows it. */
  classicAuthenticate(req: SimRequest): AuthResult {
    const authorization = req.headers.authorization;
    const bearer = this.bearer(authorization);
    if (bearer) return { ok: true, privileges: this.privilegesOf(bearer.record), subject: bearer.record.subject };
    if (this.basicAllowed) {
      const user = this.basicUser(authorization);
      if (user) return { ok: true, privileges: this.userPrivileges(user), subject: user.username };
    }
    return { ok: false, response: classicUnauthorized() };
  }
}

/**
 * With a schema's extra privileges: a privilege list holding every built-in privilege also
 * gets every extra one; one holding every built-in Read/View privilege gets the extra
 * Read/View ones (so "Read Everything" still reads everything the schema documents).
 */
function widener(extra: readonly string[]): (privileges: string[]) => string[] {
  if (extra.length === 0) return (privileges) => [...privileges];
  const builtInReads = ALL_PRIVILEGES.filter((p) => READ.test(p));
  const extraReads = extra.filter((p) => READ.test(p));
  return (privileges) => {
    const held = new Set(privileges);
    if (ALL_PRIVILEGES.every((p) => held.has(p))) return [...new Set([...privileges, ...extra])];
    if (builtInReads.every((p) => held.has(p))) return [...new Set([...privileges, ...extraReads])];
    return [...privileges];
  };
}

/** The Classic API's 401: the same whether the credentials are wrong or Basic auth is off. */
export function classicUnauthorized(): SimResponse {
  const body = [
    '<html>', '<head>', '<title>Status page</title>', '</head>', '<body style="font-family: sans-serif;">',
    '<p style="font-size: 1.2em;font-weight: bold;margin: 1em 0px;">Unauthorized</p>',
    '<p>The request requires user authentication</p>',
    '<p>You can get technical details<a href="http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2">here</a>.<br>',
    'Please continue your visit at our<a href="/">home page</a>.', '</p>', '</body>', '</html>', '',
  ].join('\n');
  return { status: 401, headers: { 'content-type': 'text/html;charset=UTF-8' }, body };
}
