/**
 * The schema diff's view of a loaded document: just the parsed document and its kind. Reading
 * and parsing are `src/load/spec.ts`'s; the diff skips its `$ref` checks and operation index
 * because it walks the document itself.
 */
import { readSpecDocument, type SpecKind } from '../load/spec.ts';

export { parseDocument, schemaUrl } from '../load/spec.ts';

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

/** A file, a URL, or a bare Jamf server URL (read at its `/api/schema`); downloads give up after 30 s by default. */
export async function loadSpec(source: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const read = await readSpecDocument(source, { insecure: options.insecure, timeoutMs: options.timeoutMs ?? 30_000 });
  return { source: read.source, kind: read.kind, doc: read.document };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
