/**
 * What `merge` trusts in a report.json before it adds it up: the shape of the fields it reads
 * (a JSON Schema, checked with ajv) and counts that are what its requests say. A report whose
 * requests are not results (a wrong file, a hand-edited or damaged one) or whose counts
 * disagree with its requests (failures edited out of the header, a file cut and patched) is
 * refused with the file and the first problem named — never merged into a green verdict, and
 * never an `INTERNAL` crash inside the reporters.
 */
import type * as AjvModule from 'ajv';
import type { ValidateFunction } from 'ajv';
import { lazyRequire } from '../../lazy-require.ts';
import { addToCounts, emptyCounts, type RequestResult, type RunCounts } from '../../result.ts';

const ajvModule = lazyRequire<typeof AjvModule>('ajv');

const count = { type: 'integer', minimum: 0 } as const;
const text = { type: 'string' } as const;
const texts = { type: 'array', items: text } as const;
/** `heldBack` joined the counts within format 2: older reports may lack it. */
const COUNT_KEYS = ['requests', 'sent', 'skipped', 'errored', 'testsPassed', 'testsFailed', 'scriptErrors', 'violations', 'warnings'] as const;

const counts = {
  type: 'object',
  required: [...COUNT_KEYS],
  properties: Object.fromEntries([...COUNT_KEYS, 'heldBack'].map((k) => [k, count])),
} as const;

const request = {
  type: 'object',
  required: ['collection', 'iteration', 'folders', 'itemName', 'method', 'url', 'tests', 'findings', 'scriptErrors'],
  properties: {
    collection: text,
    iteration: { type: 'integer', minimum: 1 },
    folders: texts,
    itemName: text,
    method: text,
    url: text,
    response: { type: 'object', required: ['status'], properties: { status: count, timeMs: { type: 'number' }, sizeBytes: { type: 'number' } } },
    tests: { type: 'array', items: { type: 'object', required: ['name', 'passed'], properties: { name: text, passed: { type: 'boolean' }, skipped: { type: 'boolean' }, error: text } } },
    findings: { type: 'array', items: { type: 'object', required: ['kind', 'severity', 'message'], properties: { kind: text, severity: { enum: ['violation', 'warning', 'info'] }, message: text } } },
    scriptErrors: texts,
    error: { type: 'object', required: ['code', 'message'], properties: { code: text, message: text, sent: { type: 'boolean' } } },
    skipped: { type: 'object', required: ['reason', 'detail'], properties: { reason: text, detail: text, variables: texts } },
    heldBack: { type: 'array', items: { type: 'object', required: ['method', 'url', 'class'], properties: { method: text, url: text, class: { enum: ['write', 'destructive'] } } } },
    unresolved: texts,
    retries: count,
  },
} as const;

const REPORT_SCHEMA = {
  type: 'object',
  required: ['run', 'counts', 'requests'],
  properties: {
    run: { type: 'object' },
    counts,
    folders: { type: 'object', additionalProperties: counts },
    notices: { type: 'array', items: { type: 'object', required: ['level', 'code', 'message'], properties: { level: text, code: text, message: text } } },
    requests: { type: 'array', items: request },
  },
} as const;

let validate: ValidateFunction | undefined;

/** The first problem with a parsed report.json's shape, or `undefined` when merge can read it. */
export function shapeProblem(json: unknown): string | undefined {
  validate ??= new (ajvModule().Ajv)({ allErrors: false, strict: false }).compile(REPORT_SCHEMA);
  if (validate(json)) return undefined;
  const error = validate.errors?.[0];
  if (!error) return 'it does not have the shape of a report.json';
  return `${error.instancePath || '(the file)'} ${error.message ?? 'is not as a report.json has it'}`;
}

/** Where the stored counts and those of the stored requests differ (`requests 12, its requests 11`), or `undefined`. */
export function countsProblem(stored: Partial<RunCounts>, results: readonly RequestResult[]): string | undefined {
  const recount = emptyCounts();
  for (const r of results) addToCounts(recount, r);
  const differ = (Object.keys(recount) as Array<keyof RunCounts>)
    .filter((k) => stored[k] !== undefined && stored[k] !== recount[k])
    .map((k) => `${k} ${stored[k]}, its requests ${recount[k]}`);
  return differ.length > 0 ? differ.join('; ') : undefined;
}
