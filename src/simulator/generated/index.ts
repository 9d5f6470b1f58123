/**
 * Schema mode: the simulator as any Jamf Pro version, from that version's API document
 * (`simulate --openapi FILE`). The natively built resources keep their routes; every other
 * operation of the document is answered from its schema (operations.ts). The document is
 * also what `/api/schema` serves.
 */
import type { RouteDef } from '../routes.ts';
import { SchemaConverter } from './convert.ts';
import { loadProDocument, type ProDocument } from './document.ts';
import { readModel } from './model.ts';
import { GeneratedObjects } from './objects.ts';
import { generatedRoutes } from './operations.ts';

export { resolveVersion, versionFromFileName, ASSUMED_VERSION, type ResolvedVersion } from './document.ts';
export { ITEMS } from './objects.ts';

export interface GeneratedApi {
  document: ProDocument;
  /** Every privilege the document names (so roles can hold them). */
  privileges: string[];
  /** Whether the document has `method path` (a path template such as `/v1/buildings/{id}`). */
  has(method: string, path: string): boolean;
  /** Routes for the document's operations that `native` does not claim. */
  routes(native: (method: string, path: string) => boolean): RouteDef[];
  /** How many operations the document has. */
  operations: number;
  /** Forgets generated writes (created and deleted ids). */
  reset(): void;
}

export function createGeneratedApi(openapi: string | Record<string, unknown>): GeneratedApi {
  const document = loadProDocument(openapi);
  const converter = new SchemaConverter(document.document);
  const model = readModel(document.document, converter);
  const objects = new GeneratedObjects(converter);
  const operations = new Set(model.operations.map((o) => `${o.method} ${o.path}`));
  return {
    document,
    privileges: model.privileges,
    has: (method, path) => operations.has(`${method.toUpperCase()} ${path}`),
    routes: (native) => generatedRoutes({ model, objects, converter, native, answers: { entries: new Map(), bytes: 0 } }),
    operations: model.operations.length,
    reset: () => objects.reset(),
  };
}
