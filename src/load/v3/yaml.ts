/**
 * Parsing the YAML files of a v3 collection. Errors name the file, line and column.
 * Integers are read exactly: Postman writes 16-digit `order` values that a JavaScript
 * number would round, so `order` stays a BigInt; every other integer becomes a number
 * when it fits, else its exact digits as a string.
 */
import type * as Yaml from 'yaml';
import { lazyRequire } from '../../lazy-require.ts';
import { JamfContractError, type ErrorCode } from '../../errors.ts';

const yaml = lazyRequire<typeof Yaml>('yaml');

export type YamlValue = string | number | boolean | bigint | null | YamlValue[] | { [key: string]: YamlValue };
export type YamlMap = { [key: string]: YamlValue };

export function parseYaml(text: string, file: string, code: ErrorCode = 'COLLECTION_PARSE'): YamlValue {
  const doc = yaml().parseDocument(text, { intAsBigInt: true, prettyErrors: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const where = at ? `${file}:${at.line}:${at.col}` : file;
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new JamfContractError(code, `${where}: invalid YAML: ${message}. Quote values that hold {{variables}} or ": " (Postman's YAML rules).`, { cause: error });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    // An alias that expands without end (a "billion laughs" file), refused by the YAML library.
    throw new JamfContractError(code, `${file}: invalid YAML: ${(cause as Error).message}. Postman never writes anchors and aliases; remove them.`, { cause });
  }
  return normalize(value, '');
}

function normalize(value: unknown, key: string): YamlValue {
  if (typeof value === 'bigint') {
    if (key === 'order') return value;
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (Array.isArray(value)) return value.map((v) => normalize(v, ''));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: YamlMap = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = normalize(v, k);
    return out;
  }
  if (value === undefined) return null;
  return value as YamlValue;
}

export function isMap(value: YamlValue | undefined): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as text (`123` written unquoted is "123"); undefined for absent values. */
export function text(value: YamlValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
