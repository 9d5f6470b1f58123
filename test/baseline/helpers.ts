import type { RequestResult } from '../../src/result.ts';

/** A synthetic result with sensible defaults; override what a case needs. */
export function result(over: Partial<RequestResult> = {}): RequestResult {
  return {
    index: 0,
    collection: 'Jamf Pro API',
    iteration: 0,
    folders: ['buildings'],
    itemId: 'item-1',
    itemName: 'Get buildings',
    method: 'GET',
    url: 'https://jamf.example.com/api/v1/buildings',
    response: { status: 200, statusText: 'OK', contentType: 'application/json', timeMs: 40, sizeBytes: 100 },
    tests: [{ name: 'status is 200', passed: true }],
    findings: [],
    scriptErrors: [],
    operation: 'GET /v1/buildings',
    bodyShape: { '/': 'object', '/totalCount': 'integer', '/results': 'array', '/results/[]': 'object', '/results/[]/id': 'string' },
    ...over,
  };
}
