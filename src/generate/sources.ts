/**
 * Where `generate` reads from: a Jamf Pro API document (`--openapi FILE|URL`, else the
 * server's `/api/schema`), Jamf's Classic swagger for `--include-classic`
 * (`--classic-openapi`, else the server's `/classicapi/doc/swagger.yaml`), and, for
 * `--privileges-of`, the server's roles read with the usual credentials. Documents are
 * read without auth, as Jamf serves them.
 */
import { openAuthSession, type AuthMode, type AuthSession, type Credentials } from '../auth/session.ts';
import { JamfContractError } from '../errors.ts';
import { readSpecDocument, type SpecDocument } from '../load/spec.ts';
import { stripSlash } from '../resolve/conventions.ts';
import { splitServerCredentials } from '../resolve/server-url.ts';
import { Redactor } from '../secrets.ts';
import { newCookieJar } from '../wire/cookies.ts';
import { createHttpClient, type HttpClient } from '../wire/http.ts';
import type { TlsOptions } from '../wire/tls.ts';
import { readGrants } from './grants.ts';
import type { Grants } from './types.ts';

export interface SourceOptions {
  /** A Jamf Pro API document: a file or URL. Without it, the server's `/api/schema`. */
  openapi?: string;
  serverUrl?: string;
  includeClassic?: boolean;
  /** A Classic swagger file or URL; without it, the server's. */
  classicOpenapi?: string;
  /** `self`, or an API client id. */
  privilegesOf?: string;
  /** When the roles cannot be read, generate everything and say so instead of failing (`smoke`). */
  privilegesOptional?: boolean;
  credentials?: Credentials;
  auth?: AuthMode;
  tls?: TlsOptions;
  timeoutMs?: number;
  redactor?: Redactor;
}

export interface LoadedSources {
  document: Record<string, unknown>;
  /** Where the document came from (a URL without credentials). */
  source: string;
  classic?: Record<string, unknown>;
  classicSource?: string;
  grants?: Grants;
  /** What could not be read and was done without. */
  notices: string[];
}

export async function loadSources(options: SourceOptions): Promise<LoadedSources> {
  const server = options.serverUrl ? splitServerCredentials(options.serverUrl) : undefined;
  const serverUrl = server ? stripSlash(server.url) : undefined;
  if (!options.openapi && !serverUrl) throw new JamfContractError('USAGE', 'Nothing to generate from: give --openapi FILE (a Jamf Pro /api/schema document) or --server URL.');
  if (options.includeClassic && !options.classicOpenapi && !serverUrl) {
    throw new JamfContractError('USAGE', '--include-classic needs the Classic swagger: give --server URL (its /classicapi/doc/swagger.yaml) or --classic-openapi FILE.');
  }
  if (options.privilegesOf && !serverUrl) throw new JamfContractError('USAGE', '--privileges-of reads roles from a server: give --server URL (or JAMF_URL) and its credentials.');
  const redactor = options.redactor ?? new Redactor();
  redactor.add(server?.password);
  const http = createHttpClient({ jar: newCookieJar(), tls: options.tls ?? {}, policy: { timeoutMs: options.timeoutMs ?? 60_000 } });
  const credentials = { ...options.credentials, ...(server?.username ? { username: server.username } : {}), ...(server?.password ? { password: server.password } : {}) };
  const access = new Access(serverUrl, credentials, options.auth ?? 'auto', http, redactor);
  try {
    const pro = await read(options.openapi ?? serverUrl!, access, options.timeoutMs, 'openapi3', 'a Jamf Pro API document (OpenAPI 3, the server\'s /api/schema)');
    const classic = options.includeClassic
      ? await read(options.classicOpenapi ?? `${serverUrl}/classicapi/doc/swagger.yaml`, access, options.timeoutMs, 'swagger2', 'Jamf\'s Classic API swagger (Swagger 2.0)')
      : undefined;
    const notices: string[] = [];
    const grants = options.privilegesOf
      ? await access.grants(options.privilegesOf).catch((error: unknown) => {
        if (!options.privilegesOptional || !(error instanceof JamfContractError) || error.code !== 'PRIVILEGES_UNAVAILABLE') throw error;
        notices.push(`${error.message.replace(/ Drop --privileges-of.*$/, '')} Every read is generated.`);
        return undefined;
      })
      : undefined;
    return {
      notices,
      document: pro.document,
      source: pro.source,
      ...(classic ? { classic: classic.document, classicSource: classic.source } : {}),
      ...(grants ? { grants } : {}),
    };
  } finally {
    await access.close();
    await http.close();
  }
}

/**
 * Jamf serves its schemas without auth; a server (or proxy) that answers 401/403 gets them
 * asked for again with the credentials' token. The session is opened once, when first needed.
 */
async function read(source: string, access: Access, timeoutMs: number | undefined, kind: SpecDocument['kind'], what: string): Promise<SpecDocument> {
  const opts = timeoutMs ? { timeoutMs } : {};
  let doc: SpecDocument;
  try {
    doc = await readSpecDocument(source, { fetch: access.http.fetch, ...opts });
  } catch (error) {
    if (!(error instanceof JamfContractError) || error.code !== 'SPEC_READ' || !/answered 40[13]/.test(error.message) || !access.canAuthenticate()) throw error;
    doc = await readSpecDocument(source, { fetch: await access.authenticatedFetch(), ...opts });
  }
  if (doc.kind !== kind) throw new JamfContractError('SPEC_NOT_OPENAPI', `${doc.source} is not ${what}.`);
  return doc;
}

class Access {
  #session: Promise<AuthSession> | undefined;

  constructor(
    private readonly serverUrl: string | undefined,
    private readonly credentials: Credentials,
    private readonly auth: AuthMode,
    readonly http: HttpClient,
    private readonly redactor: Redactor,
  ) {}

  canAuthenticate(): boolean {
    return this.serverUrl !== undefined && Boolean(this.credentials.clientId || this.credentials.username);
  }

  session(): Promise<AuthSession> {
    this.#session ??= openAuthSession({ mode: this.auth, serverUrl: this.serverUrl!, credentials: this.credentials, http: this.http, redactor: this.redactor });
    return this.#session;
  }

  async authenticatedFetch(): Promise<typeof fetch> {
    const token = await (await this.session()).tokens?.token();
    if (!token) return this.http.fetch;
    return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
      this.http.fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } })) as typeof fetch;
  }

  async grants(who: string): Promise<Grants> {
    return readGrants(who, await this.session(), this.http, this.serverUrl!);
  }

  async close(): Promise<void> {
    const session = await this.#session?.catch(() => undefined);
    await session?.close().catch(() => undefined);
  }
}
