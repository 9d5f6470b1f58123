/**
 * Where `generate` reads from: a Jamf Pro API document (`--openapi FILE|URL`, else the
 * server's `/api/schema`), Jamf's Classic swagger for `--include-classic`
 * (`--classic-openapi`, else the server's `/classicapi/doc/swagger.yaml`), and, for
 * `--privileges-of`, the server's roles read with the usual credentials. Documents are
 * read without auth, as Jamf serves them.
 */
import { openAuthSession, type AuthMode, type Credentials } from '../auth/session.ts';
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
  try {
    const pro = await read(options.openapi ?? serverUrl!, http, options.timeoutMs, 'openapi3', 'a Jamf Pro API document (OpenAPI 3, the server\'s /api/schema)');
    const classic = options.includeClassic
      ? await read(options.classicOpenapi ?? `${serverUrl}/classicapi/doc/swagger.yaml`, http, options.timeoutMs, 'swagger2', 'Jamf\'s Classic API swagger (Swagger 2.0)')
      : undefined;
    const credentials = { ...options.credentials, ...(server?.username ? { username: server.username } : {}), ...(server?.password ? { password: server.password } : {}) };
    const notices: string[] = [];
    const grants = options.privilegesOf
      ? await grantsFrom(options.privilegesOf, serverUrl!, credentials, options.auth ?? 'auto', http, redactor).catch((error: unknown) => {
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
    await http.close();
  }
}

async function read(source: string, http: HttpClient, timeoutMs: number | undefined, kind: SpecDocument['kind'], what: string): Promise<SpecDocument> {
  const doc = await readSpecDocument(source, { fetch: http.fetch, ...(timeoutMs ? { timeoutMs } : {}) });
  if (doc.kind !== kind) throw new JamfContractError('SPEC_NOT_OPENAPI', `${doc.source} is not ${what}.`);
  return doc;
}

async function grantsFrom(who: string, serverUrl: string, credentials: Credentials, auth: AuthMode, http: HttpClient, redactor: Redactor): Promise<Grants> {
  const session = await openAuthSession({ mode: auth, serverUrl, credentials, http, redactor });
  try {
    return await readGrants(who, session, http, serverUrl);
  } finally {
    await session.close().catch(() => undefined);
  }
}
