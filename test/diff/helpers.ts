import { diffSpecs, type DiffReport } from '../../src/diff/index.ts';
import type { JsonObject } from '../../src/diff/load.ts';

/** A minimal OpenAPI 3 document from paths and component schemas. */
export function spec(paths: JsonObject, schemas: JsonObject = {}): JsonObject {
  return { openapi: '3.0.1', info: { title: 't', version: 'production' }, paths, components: { schemas } };
}

export function diff(oldDoc: JsonObject, newDoc: JsonObject): DiffReport {
  return diffSpecs({ source: 'old.json', kind: 'openapi3', doc: oldDoc }, { source: 'new.json', kind: 'openapi3', doc: newDoc });
}

/** `GET /x` with a 200 JSON response of the given schema. */
export function getWith(schema: unknown, extra: JsonObject = {}): JsonObject {
  return { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } }, ...extra } };
}

/** `POST /x` with a JSON request body of the given schema. */
export function postWith(schema: unknown, extra: JsonObject = {}): JsonObject {
  return {
    post: {
      requestBody: { required: true, content: { 'application/json': { schema } } },
      responses: { '201': { description: 'created' } },
      ...extra,
    },
  };
}

export const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
