/**
 * The checks for one response of a matched operation: status, deprecation, required
 * headers, content type, body. Returns raw findings (kind + message); severities and
 * tolerances are applied by the checker.
 */
import type { FindingKind } from '../result.ts';
import { resolvePointer, type LoadedSpec, type Operation } from '../load/spec.ts';
import { bodyIssues } from './body-errors.ts';
import type { SchemaCompiler } from './compile.ts';
import { bodySyntax, matchMediaType } from './media.ts';
import { parseClassicXml, unwrapClassicJson, type XmlShaper } from './xml.ts';

export interface RawFinding {
  kind: FindingKind;
  message: string;
  pointer?: string;
  expected?: unknown;
  actual?: unknown;
  schema?: unknown;
}

export interface ResponseInput {
  method: string;
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface ResponseContext {
  spec: LoadedSpec;
  compiler: SchemaCompiler;
  /** Reads Classic XML by this spec's schemas. */
  xml: XmlShaper;
  /** Called once when an operation's schema will not compile. */
  onCompileFailure(op: Operation, reason: string): void;
  maxBodyFindings: number;
}

export function checkResponse(op: Operation, res: ResponseInput, ctx: ResponseContext): RawFinding[] {
  const findings: RawFinding[] = deprecation(op, res);
  const responses = (op.op.responses ?? {}) as Record<string, unknown>;
  const statusKey = documentedStatus(responses, res.status);
  if (statusKey === undefined) {
    const documented = Object.keys(responses);
    findings.push({ kind: 'undocumented-status', message: `status ${res.status} is not documented for ${op.key} (documented: ${documented.join(', ') || 'none'})`, expected: documented, actual: res.status });
    return findings;
  }
  // Jamf's Swagger 2.0 has no response schemas: existence and status are all it can say.
  if (ctx.spec.kind === 'swagger2') return findings;
  const response = deref(ctx.spec, responses[statusKey]);
  findings.push(...missingHeaders(ctx.spec, response, res.headers));
  findings.push(...contentChecks(op, statusKey, response, res, ctx));
  return findings;
}

function deprecation(op: Operation, res: ResponseInput): RawFinding[] {
  const headerNote = ['deprecation', 'sunset']
    .filter((h) => res.headers[h] !== undefined)
    .map((h) => `${h === 'sunset' ? 'Sunset' : 'Deprecation'}: ${res.headers[h]}`)
    .join(', ');
  if (op.op.deprecated !== true && !headerNote) return [];
  const date = typeof op.op['x-deprecation-date'] === 'string' ? op.op['x-deprecation-date'] : undefined;
  const parts = [op.op.deprecated === true ? `${op.key} is deprecated${date ? ` since ${date}` : ''}` : `${op.key} answered with deprecation headers`];
  if (headerNote) parts.push(`(${headerNote})`);
  return [{ kind: 'deprecated', message: parts.join(' '), ...(date ? { expected: `deprecated since ${date}` } : {}), ...(headerNote ? { actual: headerNote } : {}) }];
}

/** Exact status, then `2XX`, then `default`. */
export function documentedStatus(responses: Record<string, unknown>, status: number): string | undefined {
  const exact = String(status);
  if (exact in responses) return exact;
  const range = Object.keys(responses).find((k) => k.length === 3 && k[0] === exact[0] && k.slice(1).toUpperCase() === 'XX');
  if (range) return range;
  return 'default' in responses ? 'default' : undefined;
}

function missingHeaders(spec: LoadedSpec, response: Record<string, unknown>, headers: Record<string, string>): RawFinding[] {
  const out: RawFinding[] = [];
  for (const [name, raw] of Object.entries((response.headers ?? {}) as Record<string, unknown>)) {
    const header = deref(spec, raw);
    if (header.required !== true || name.toLowerCase() === 'content-type') continue;
    if (headers[name.toLowerCase()] === undefined) out.push({ kind: 'missing-header', message: `required response header ${name} is missing`, expected: name, actual: 'missing' });
  }
  return out;
}

function contentChecks(op: Operation, statusKey: string, response: Record<string, unknown>, res: ResponseInput, ctx: ResponseContext): RawFinding[] {
  const content = (response.content ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const documented = Object.keys(content);
  const hasBody = res.body.length > 0 && res.method.toUpperCase() !== 'HEAD';
  if (!hasBody) return [];
  const contentType = res.headers['content-type'];
  if (documented.length === 0) {
    return [{ kind: 'content-type', message: `a ${contentType ?? 'body'} body was sent but ${op.key} documents no body for ${statusKey}`, expected: 'no body', actual: contentType ?? 'body without Content-Type' }];
  }
  if (!contentType) {
    return [{ kind: 'content-type', message: 'the response has a body but no Content-Type header', expected: documented, actual: 'missing' }];
  }
  const key = matchMediaType(contentType, documented);
  if (key === undefined) {
    return [{ kind: 'content-type', message: `content type ${contentType} is not documented for ${op.key} ${statusKey} (documented: ${documented.join(', ')})`, expected: documented, actual: contentType }];
  }
  const schema = content[key]?.schema;
  const syntax = bodySyntax(contentType);
  if (schema === undefined || syntax === 'other') return [];
  return checkBody(op, `${statusKey} ${key}`, schema, syntax, res.body, ctx);
}

function checkBody(op: Operation, where: string, schema: unknown, syntax: 'json' | 'xml', body: Buffer, ctx: ResponseContext): RawFinding[] {
  const classic = ctx.spec.api === 'classic';
  let data: unknown;
  if (syntax === 'xml') {
    const parsed = parseClassicXml(body.toString('utf8'));
    if (!parsed.ok) return [{ kind: 'schema', pointer: '', message: `the body is not well-formed XML: ${parsed.reason}`, expected: 'XML', actual: 'unparseable' }];
    data = ctx.xml.shape(parsed.value, schema);
  } else {
    try {
      data = JSON.parse(body.toString('utf8'));
    } catch {
      return [{ kind: 'schema', pointer: '', message: 'the body is not valid JSON', expected: 'JSON', actual: 'unparseable' }];
    }
    if (classic) data = unwrapClassicJson(data);
  }
  const compiled = ctx.compiler.compile(`${op.key} ${where}`, schema, syntax);
  if (!compiled.ok) {
    ctx.onCompileFailure(op, compiled.reason);
    return [{ kind: 'validator-unavailable', message: `${op.key}: the response schema will not compile, body not checked (${compiled.reason})` }];
  }
  if (compiled.validate(data)) return [];
  const issues = bodyIssues(compiled.validate.errors ?? [], data, { xml: syntax === 'xml' });
  if (issues.length > ctx.maxBodyFindings) {
    const shown = issues.slice(0, ctx.maxBodyFindings);
    const last = shown[shown.length - 1]!;
    last.message += ` (and ${issues.length - shown.length} more body findings not shown)`;
    return shown;
  }
  return issues;
}

/** A `$ref`'d response or header object, followed (to a bounded depth). */
function deref(spec: LoadedSpec, value: unknown): Record<string, unknown> {
  let current = value;
  for (let i = 0; i < 10 && current && typeof current === 'object' && typeof (current as { $ref?: unknown }).$ref === 'string'; i++) {
    current = resolvePointer(spec.document, (current as { $ref: string }).$ref.slice(1), { uriFragment: true });
  }
  return current && typeof current === 'object' ? (current as Record<string, unknown>) : {};
}
