/**
 * v3 fields → their v2.1 equivalents: key/value lists (both spellings), auth (single,
 * multi-auth, `inherit`, `noauth`), scripts, bodies and settings. Everything that cannot be
 * carried over is reported through `Report`, naming the file and the field.
 */
import type { PostmanAuth, PostmanEvent, PostmanVariable } from '../postman-types.ts';
import { isMap, text, type YamlMap, type YamlValue } from './yaml.ts';

export interface Report {
  /** The file, as shown in messages. */
  shown: string;
  warn(code: string, message: string): void;
}

export interface Pair {
  key: string;
  value: YamlValue;
  disabled?: boolean;
  description?: string;
  /** Other fields of a list entry (`type`, `src`, `contentType`, …). */
  rest: YamlMap;
}

/** `{a: 1}` (the app's spelling) or `[{key: a, value: 1, disabled?}]` (hand-written, or when an entry is disabled). */
export function pairs(value: YamlValue | undefined, report: Report, field: string): Pair[] {
  if (value === undefined || value === null) return [];
  if (isMap(value)) return Object.entries(value).map(([key, v]) => ({ key, value: v, rest: {} }));
  if (!Array.isArray(value)) {
    report.warn('V3_FIELD_IGNORED', `${report.shown}: ${field} should be a map or a list of {key, value}; ignored.`);
    return [];
  }
  const out: Pair[] = [];
  for (const [i, entry] of value.entries()) {
    if (!isMap(entry) || (entry.key === undefined && entry.name === undefined)) {
      report.warn('V3_FIELD_IGNORED', `${report.shown}: ${field}[${i}] has no key; ignored.`);
      continue;
    }
    const { key, name, value: v, disabled, enabled, description, ...rest } = entry;
    out.push({
      key: text(key ?? name) ?? '',
      value: v ?? '',
      ...(disabled === true || enabled === false ? { disabled: true } : {}),
      ...(description !== undefined && description !== null ? { description: text(description) ?? '' } : {}),
      rest,
    });
  }
  return out;
}

/** Values in v2.1 lists: strings stay strings; numbers and booleans keep their type; big integers keep their digits. */
export function plainValue(value: YamlValue): unknown {
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export function toVariables(list: Pair[]): PostmanVariable[] {
  return list.map((p) => ({
    key: p.key,
    // A value keeps its YAML type: the SDK treats a number 0 differently from "0".
    value: p.value === null ? '' : plainValue(p.value),
    ...(typeof p.rest.type === 'string' ? { type: p.rest.type } : {}),
    ...(p.disabled ? { disabled: true } : {}),
    ...(p.description !== undefined ? { description: p.description } : {}),
  }));
}

/**
 * `auth`: absent or `inherit` → undefined (the item inherits); `noauth` → explicit no auth.
 * A multi-auth list `[{id, name, type, credentials}]`: the engine applies one auth per
 * scope, so the first is used and the others are reported.
 */
export function toAuth(value: YamlValue | undefined, report: Report, field = 'auth'): PostmanAuth | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return toAuth({ type: value }, report, field);
  if (Array.isArray(value)) {
    const entries = value.filter(isMap);
    if (entries.length === 0) return undefined;
    if (entries.length > 1) {
      const names = entries.map((e) => `"${text(e.name) ?? text(e.type)}" (${text(e.type)})`);
      report.warn('V3_MULTI_AUTH', `${report.shown}: ${field} lists ${entries.length} auth configurations (${names.join(', ')}); the engine applies one per scope: ${names[0]} is used.`);
    }
    return toAuth(entries[0], report, `${field}[0]`);
  }
  if (!isMap(value)) return undefined;
  const type = text(value.type);
  if (!type) {
    report.warn('V3_FIELD_IGNORED', `${report.shown}: ${field} has no type; treated as inherit.`);
    return undefined;
  }
  if (type === 'inherit') return undefined;
  if (type === 'noauth') return { type: 'noauth' };
  const params = pairs(value.credentials, report, `${field}.credentials`).map((p) => ({
    key: p.key,
    value: plainValue(p.value),
    type: typeof p.value === 'string' ? 'string' : 'any',
  }));
  return { type, [type]: params };
}

const SCRIPT_LISTEN: Record<string, 'prerequest' | 'test'> = {
  beforeRequest: 'prerequest',
  'http:beforeRequest': 'prerequest',
  prerequest: 'prerequest',
  afterResponse: 'test',
  'http:afterResponse': 'test',
  test: 'test',
};

/** `scripts: [{type, code, language}]` → v2.1 events; other protocols' scripts have no HTTP meaning. */
export function toEvents(value: YamlValue | undefined, report: Report): PostmanEvent[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    report.warn('V3_FIELD_IGNORED', `${report.shown}: scripts should be a list of {type, code}; ignored.`);
    return [];
  }
  const events: PostmanEvent[] = [];
  for (const [i, entry] of value.entries()) {
    if (!isMap(entry)) continue;
    const type = text(entry.type) ?? '';
    const listen = SCRIPT_LISTEN[type];
    if (!listen) {
      // graphql:/grpc: scripts run only for those request kinds, which are reported where they occur.
      if (!/^(graphql|grpc):/.test(type)) report.warn('V3_FIELD_IGNORED', `${report.shown}: scripts[${i}].type "${type}" is not a script jamf-contract can run; ignored.`);
      continue;
    }
    const code = Array.isArray(entry.code) ? entry.code.map((l) => text(l) ?? '').join('\n') : text(entry.code);
    if (code === undefined) {
      report.warn('V3_FIELD_IGNORED', `${report.shown}: scripts[${i}] (${type}) has no inline code; not run.`);
      continue;
    }
    if (Array.isArray(entry.packages) && entry.packages.length > 0) {
      report.warn('V3_PACKAGES', `${report.shown}: scripts[${i}].packages: scripts from Postman's Package Library cannot be fetched here; pm.require() of them will fail.`);
    }
    events.push({
      listen,
      script: { type: 'text/javascript', exec: code.split('\n') },
      ...(entry.disabled === true ? { disabled: true } : {}),
    });
  }
  return events;
}

/** `settings` → `protocolProfileBehavior` (same names; `disabledSystemHeaders` list → map). */
export function toProtocolProfile(value: YamlValue | undefined): Record<string, unknown> | undefined {
  if (!isMap(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'disabledSystemHeaders' && Array.isArray(v)) {
      out[key] = Object.fromEntries(v.map((h) => [String(text(h)).toLowerCase(), true]));
    } else {
      out[key] = plainValue(v);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
