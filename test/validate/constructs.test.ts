/** Each OpenAPI 3.0 construct, as given schema + body → wanted findings (kind @ pointer). */
import { describe, expect, it } from 'vitest';
import { createContractChecker } from '../../src/validate/index.ts';
import { getWith, jsonExchange, proSpec } from './helpers.ts';

const schemas = {
  Node: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
  Base: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
  Named: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', required: ['name'], properties: { name: { type: 'string' } } }] },
  Wrapped: { allOf: [{ $ref: '#/components/schemas/Named' }] },
  Lock: { type: 'object', required: ['commandType', 'pin'], properties: { commandType: { type: 'string' }, pin: { type: 'string' } } },
  Erase: { type: 'object', required: ['commandType'], properties: { commandType: { type: 'string' }, preserve: { type: 'boolean' } } },
  Command: { oneOf: [{ $ref: '#/components/schemas/Lock' }, { $ref: '#/components/schemas/Erase' }], discriminator: { propertyName: 'commandType', mapping: { LOCK: '#/components/schemas/Lock', ERASE: '#/components/schemas/Erase' } } },
  // Jamf: the discriminator names a property no branch declares.
  Device: { oneOf: [{ $ref: '#/components/schemas/Ios' }, { $ref: '#/components/schemas/Tv' }], discriminator: { propertyName: 'deviceType' } },
  Ios: { type: 'object', required: ['ios'], properties: { ios: { type: 'integer' } } },
  Tv: { type: 'object', required: ['tv'], properties: { tv: { type: 'integer' } } },
  Secret: { type: 'string', format: 'password', writeOnly: true },
  SecretAlias: { $ref: '#/components/schemas/Secret' },
};
const withSecret = (secret: unknown) => ({ type: 'object', required: ['id', 'secret'], properties: { id: { type: 'string' }, secret } });
const emailSchema = { type: 'object', properties: { email: { type: 'string', format: 'email' }, at: { type: 'string', format: 'date-time', nullable: true } } };

type Case = { name: string; schema: unknown; body: unknown; want: string[] };
const cases: Case[] = [
  { name: 'nullable allows null', schema: { type: 'object', properties: { a: { type: 'string', nullable: true } } }, body: { a: null }, want: [] },
  { name: 'nullable enum allows null', schema: { type: 'object', properties: { a: { type: 'string', enum: ['X'], nullable: true } } }, body: { a: null }, want: [] },
  { name: 'nullable allOf wrapper allows null', schema: { type: 'object', properties: { a: { allOf: [{ $ref: '#/components/schemas/Base' }], nullable: true } } }, body: { a: null }, want: [] },
  { name: 'null where not nullable', schema: { type: 'object', properties: { a: { type: 'string' } } }, body: { a: null }, want: ['null-in-non-nullable@/a'] },
  { name: 'null in non-nullable enum is one finding', schema: { type: 'object', properties: { a: { type: 'string', enum: ['X'] } } }, body: { a: null }, want: ['null-in-non-nullable@/a'] },
  { name: 'null section through allOf', schema: { type: 'object', properties: { s: { allOf: [{ $ref: '#/components/schemas/Base' }] } } }, body: { s: null }, want: ['null-in-non-nullable@/s'] },
  { name: 'wrong type', schema: { type: 'object', properties: { a: { type: 'integer' } } }, body: { a: 'x' }, want: ['schema@/a'] },
  { name: 'missing required', schema: { $ref: '#/components/schemas/Base' }, body: {}, want: ['schema@/id'] },
  { name: 'writeOnly property not required in a response', schema: { type: 'object', required: ['id', 'secret'], properties: { id: { type: 'string' }, secret: { type: 'string', writeOnly: true } } }, body: { id: '1' }, want: [] },
  { name: 'writeOnly through a $ref not required in a response', schema: withSecret({ $ref: '#/components/schemas/Secret' }), body: { id: '1' }, want: [] },
  { name: 'writeOnly through a $ref chain not required', schema: withSecret({ $ref: '#/components/schemas/SecretAlias' }), body: { id: '1' }, want: [] },
  { name: 'writeOnly through an allOf wrapper not required', schema: withSecret({ allOf: [{ $ref: '#/components/schemas/Secret' }] }), body: { id: '1' }, want: [] },
  { name: 'a $ref to a schema that is not writeOnly stays required', schema: withSecret({ $ref: '#/components/schemas/Base' }), body: { id: '1' }, want: ['schema@/secret'] },
  { name: 'empty string with a format tolerated by default (Jamf email: "")', schema: emailSchema, body: { email: '', at: '' }, want: [] },
  { name: 'non-empty string failing its format is still a finding', schema: emailSchema, body: { email: 'not-an-email', at: 'yesterday' }, want: ['schema@/email', 'schema@/at'] },
  { name: 'readOnly property accepted', schema: { type: 'object', required: ['id'], properties: { id: { type: 'string', readOnly: true } } }, body: { id: '1' }, want: [] },
  { name: 'allOf chain passes', schema: { $ref: '#/components/schemas/Wrapped' }, body: { id: '1', name: 'n' }, want: [] },
  { name: 'allOf chain finds both missing', schema: { $ref: '#/components/schemas/Wrapped' }, body: {}, want: ['schema@/id', 'schema@/name'] },
  { name: '$ref cycle', schema: { $ref: '#/components/schemas/Node' }, body: { name: 'a', children: [{ name: 'b', children: [{ children: [] }] }] }, want: ['schema@/children/0/children/0/name'] },
  { name: 'discriminator picks the mapped branch', schema: { $ref: '#/components/schemas/Command' }, body: { commandType: 'LOCK' }, want: ['schema@/pin'] },
  { name: 'discriminator other branch passes', schema: { $ref: '#/components/schemas/Command' }, body: { commandType: 'ERASE', preserve: true }, want: [] },
  { name: 'discriminator on undeclared property (implicit mapping)', schema: { $ref: '#/components/schemas/Device' }, body: { deviceType: 'Tv', tv: 'x' }, want: ['schema@/tv'] },
  { name: 'discriminator value unknown falls back to anyOf', schema: { $ref: '#/components/schemas/Device' }, body: { deviceType: 'Mac', ios: 1 }, want: [] },
  { name: 'int32 in range', schema: { type: 'integer', format: 'int32' }, body: 5, want: [] },
  { name: 'int32 out of range', schema: { type: 'integer', format: 'int32' }, body: 2 ** 40, want: ['schema@'] },
  { name: 'int64, float, double', schema: { type: 'array', items: [{ type: 'integer', format: 'int64' }, { type: 'number', format: 'float' }, { type: 'number', format: 'double' }] }, body: [2 ** 40, 1.5, 2.5], want: [] },
  { name: 'byte must be base64', schema: { type: 'string', format: 'byte' }, body: 'not base64!', want: ['schema@'] },
  { name: 'binary, password, base64 accept any string', schema: { type: 'array', items: [{ type: 'string', format: 'binary' }, { type: 'string', format: 'password' }, { type: 'string', format: 'base64' }] }, body: ['\u0001', '***', '%%'], want: [] },
  { name: 'unknown format is ignored', schema: { type: 'string', format: 'jamf-serial-number' }, body: 'C02X', want: [] },
  { name: 'boolean exclusiveMinimum (3.0)', schema: { type: 'integer', minimum: 0, exclusiveMinimum: true }, body: 0, want: ['schema@'] },
  { name: 'example and x- keywords are ignored', schema: { type: 'string', example: 1, 'x-internal': true }, body: 's', want: [] },
];

describe('OpenAPI 3.0 constructs', () => {
  it.each(cases)('$name', ({ schema, body, want }) => {
    const spec = proSpec({ '/v1/x': getWith(schema) }, schemas);
    const checker = createContractChecker({ pro: spec }, {});
    const got = checker.check(jsonExchange('/api/v1/x', body)).findings.map((f) => `${f.kind}@${f.pointer ?? ''}`);
    expect(got.sort()).toEqual([...want].sort());
    expect(checker.notices()).toEqual([]);
  });

  it('with tolerateEmptyFormats: false an empty string failing its format is a schema finding that says so', () => {
    const spec = proSpec({ '/v1/x': getWith(emailSchema) });
    const checker = createContractChecker({ pro: spec }, { tolerateEmptyFormats: false });
    const findings = checker.check(jsonExchange('/api/v1/x', { email: '', at: '2024-01-01T00:00:00Z' })).findings;
    expect(findings).toMatchObject([{ kind: 'schema', severity: 'violation', pointer: '/email', expected: 'format email', actual: '' }]);
    expect(findings[0]?.message).toContain('empty string');
  });

  it('accepts OpenAPI 3.1 type arrays', () => {
    const spec = proSpec({ '/v1/x': getWith({ type: 'object', properties: { a: { type: ['string', 'null'] } } }) });
    (spec.document as { openapi: string }).openapi = '3.1.0';
    const checker = createContractChecker({ pro: spec }, {});
    expect(checker.check(jsonExchange('/api/v1/x', { a: null })).findings).toEqual([]);
  });
});
