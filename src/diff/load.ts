/**
 * Loads an OpenAPI 3 or Swagger 2 document from a file, a URL, or a Jamf server's
 * `/api/schema`. Small on purpose: `src/load/spec.ts` is the project's full spec loader
 * and the two could merge once it settles.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { Agent } from 'undici';
import { JamfContractError } from '../errors.ts';
import type { SpecKind } from './types.ts';

export type JsonObject = Record<string, unknown>;

export interface LoadedSpec {
  source: string;
  kind: SpecKind;
  doc: JsonObject;
}

export interface LoadOptions {
  /** Accept self-signed certificates (a staging server, the simulator). */
  insecure?: boolean;
  timeoutMs?: number;
}

export async function loadSpec(source: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  // Reports and errors name the source: never with a user, password or query string in it.
  const shown = isUrl(source) ? withoutCredentials(source) : source;
  const text = isUrl(source) ? await fetchText(schemaUrl(source), options) : await readText(source);
  const doc = parseDocument(text, shown);
  return { source: shown, kind: specKind(doc, shown), doc };
}

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** A bare server URL means its `/api/schema`; any other URL is fetched as given. */
export function schemaUrl(source: string): string {
  const url = new URL(source);
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '') url.pathname = '/api/schema';
  else if (path.endsWith('/api')) url.pathname = `${path}/schema`;
  return url.toString();
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new JamfContractError('SPEC_READ', `Cannot read the schema ${file}: ${reason}. Give a file, a URL or a server URL.`, {
      cause: error,
    });
  }
}

async function fetchText(url: string, options: LoadOptions): Promise<string> {
  const shown = withoutCredentials(url);
  // fetch refuses URLs with credentials: send them as Basic auth instead (a proxy may want them).
  const target = new URL(url);
  const headers: Record<string, string> = { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' };
  if (target.username || target.password) {
    const pair = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  const dispatcher = options.insecure ? new Agent({ connect: { rejectUnauthorized: false } }) : undefined;
  try {
    const init: RequestInit & { dispatcher?: Agent } = { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) };
    if (dispatcher) init.dispatcher = dispatcher;
    const response = await fetch(target, init);
    if (!response.ok) {
      throw new JamfContractError('SPEC_READ', `Fetching the schema ${shown} answered HTTP ${response.status}. Check the URL.`);
    }
    return await response.text();
  } catch (error) {
    if (error instanceof JamfContractError) throw error;
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new JamfContractError('SPEC_READ', `Cannot fetch the schema ${shown}: ${reason.split(url).join(shown)}.`, { cause: error });
  } finally {
    await dispatcher?.close();
  }
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//').replace(/[?#].*$/, '');
  }
}

export function parseDocument(text: string, source: string): JsonObject {
  const trimmed = text.trimStart();
  let doc: unknown;
  try {
    const json = trimmed.startsWith('{') || trimmed.startsWith('[') || /\.json$/i.test(source.replace(/[?#].*$/, ''));
    doc = json ? JSON.parse(trimmed) : parseYaml(text, { maxAliasCount: 1000 });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new JamfContractError('SPEC_PARSE', `The schema ${source} is neither valid JSON nor valid YAML: ${reason}.`, {
      cause: error,
    });
  }
  if (!isObject(doc)) {
    throw new JamfContractError('SPEC_NOT_OPENAPI', `The schema ${source} is not an OpenAPI document (no top-level object).`);
  }
  return doc;
}

export function specKind(doc: JsonObject, source: string): SpecKind {
  const paths = isObject(doc.paths);
  if (typeof doc.openapi === 'string' && doc.openapi.startsWith('3.') && paths) return 'openapi3';
  if (String(doc.swagger) === '2.0' && paths) return 'swagger2';
  throw new JamfContractError(
    'SPEC_NOT_OPENAPI',
    `The document ${source} is not OpenAPI 3 or Swagger 2.0 (needs "openapi": "3.x" or "swagger": "2.0" and "paths").`,
  );
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
