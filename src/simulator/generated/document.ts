/**
 * The Jamf Pro API document a schema-mode simulator serves (`--openapi FILE`): read once,
 * checked to be OpenAPI 3, and the Jamf Pro version it stands for. A server's
 * `/api/schema` always says `info.version: "production"`, so the version comes from the
 * caller, else from the file name (`jamf-pro-api-11.29.1.json`), else it is assumed.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { JamfContractError } from '../../errors.ts';

export const ASSUMED_VERSION = '11.30.1';

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export interface ProDocument {
  document: Record<string, unknown>;
  /** The document as served at `/api/schema` (the file's own text when read from a file). */
  text: string;
  /** Where it came from, for messages. */
  source: string;
}

export interface ResolvedVersion {
  version: string;
  from: 'option' | 'file name' | 'assumed';
}

/** Reads a document from a file path, or takes one already parsed. */
export function loadProDocument(openapi: string | Record<string, unknown>): ProDocument {
  if (typeof openapi !== 'string') {
    checkOpenApi(openapi, 'the openapi option');
    return { document: openapi, text: JSON.stringify(openapi, null, 2), source: 'the openapi option' };
  }
  let text: string;
  try {
    text = readFileSync(openapi, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new JamfContractError('SPEC_READ', `Cannot read the Jamf Pro API document ${openapi}: ${reason}. Pass a server's /api/schema saved as JSON.`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new JamfContractError('SPEC_PARSE', `${openapi} is not valid JSON (${(error as Error).message}). Save a server's /api/schema as it is served.`);
  }
  checkOpenApi(document, openapi);
  return { document: document as Record<string, unknown>, text, source: openapi };
}

function checkOpenApi(document: unknown, source: string): void {
  const doc = document as Record<string, unknown> | null;
  const ok = typeof doc === 'object' && doc !== null && typeof doc.openapi === 'string' && doc.openapi.startsWith('3.')
    && typeof doc.paths === 'object' && doc.paths !== null;
  if (!ok) {
    throw new JamfContractError('SPEC_NOT_OPENAPI', `${source} is not an OpenAPI 3 document with paths. The simulator needs a Jamf Pro API schema (a server's /api/schema).`);
  }
}

/** `11.29.1` from `jamf-pro-api-11.29.1.json`; undefined when the name holds no x.y.z. */
export function versionFromFileName(file: string): string | undefined {
  return /(?:^|[^\d.])(\d{1,3}\.\d{1,3}\.\d{1,3})(?!\.?\d)/.exec(basename(file))?.[1];
}

export function resolveVersion(option: string | undefined, openapi: string | Record<string, unknown> | undefined): ResolvedVersion {
  if (option !== undefined) return { version: option, from: 'option' };
  const named = typeof openapi === 'string' ? versionFromFileName(openapi) : undefined;
  if (named) return { version: named, from: 'file name' };
  return { version: ASSUMED_VERSION, from: 'assumed' };
}
