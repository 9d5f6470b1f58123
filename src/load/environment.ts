/**
 * Loading Postman environments (`--env FILE`) and globals (`--globals FILE`): exported JSON
 * (any encoding newman reads, BOM or not; the Postman API's `{ "environment": … }` wrapper)
 * or Postman v12's `*.environment.yaml` / `*.globals.yaml`. Both scopes have the same shape,
 * and, as with newman, either kind of file is accepted for either flag.
 */
import { readFile } from 'node:fs/promises';
import { JamfContractError, type ErrorCode } from '../errors.ts';
import { decodeText } from './text.ts';
import { isMap, parseYaml, text as yamlText, type YamlValue } from './v3/yaml.ts';

export type VariableScopeKind = 'environment' | 'globals';

export interface LoadedEnvironment {
  file: string;
  name: string;
  /** Enabled values only (`enabled: false` and `disabled: true` both leave a value out). */
  values: Record<string, string>;
  /**
   * The same values as the file typed them (`5`, `true`, objects), as newman hands them to the
   * engine, where `pm.environment.get('n')` is the number 5; `values` holds their text.
   */
  typed: Record<string, unknown>;
  /** Keys Postman marked `secret`: redacted wherever they appear. */
  secretKeys: string[];
}

export async function loadEnvironment(file: string): Promise<LoadedEnvironment> {
  return loadScope(file, 'environment');
}

export async function loadGlobals(file: string): Promise<LoadedEnvironment> {
  return loadScope(file, 'globals');
}

async function loadScope(file: string, kind: VariableScopeKind): Promise<LoadedEnvironment> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new JamfContractError(readCode(kind), `Cannot read ${kind} file "${file}".`, { cause });
  }
  return parseEnvironment(decodeText(bytes).text, file, kind);
}

export interface ScopeEntry {
  key: string;
  value: string;
  /** The value as the file typed it (JSON numbers, booleans, objects; YAML scalars). */
  typed: unknown;
  enabled: boolean;
  secret: boolean;
}

/** Every entry of an environment or globals file, disabled ones included (for `convert`). */
export function parseScopeFile(text: string, file: string, kind: VariableScopeKind = 'environment'): { name?: string; entries: ScopeEntry[] } {
  const body = text.replace(/^\uFEFF/, '');
  const yaml = /\.ya?ml$/i.test(file) || (!/\.json$/i.test(file) && !/^\s*[[{]/.test(body));
  const obj = unwrap(yaml ? parseYaml(body, file, readCode(kind)) : fromJson(body, file, kind));
  if ('item' in obj && 'info' in obj) {
    throw new JamfContractError(kindCode(kind), `"${file}" is a Postman collection, not ${kind === 'globals' ? 'a globals file' : 'an environment'}: pass collections as arguments to "run".`);
  }
  const list = obj.values;
  if (!Array.isArray(list) && !isMap(list as YamlValue)) {
    throw new JamfContractError(kindCode(kind), `"${file}" is not a Postman ${kind} file: expected a "values" list of {key, value}.`);
  }
  const raw = Array.isArray(list) ? list : Object.entries(list as Record<string, unknown>).map(([key, value]) => ({ key, value }));
  const entries = raw.map((v, i): ScopeEntry => {
    if (!v || typeof v !== 'object' || typeof (v as { key?: unknown }).key !== 'string') {
      throw new JamfContractError(kindCode(kind), `"${file}": values[${i}] has no "key".`);
    }
    const entry = v as { key: string; value?: unknown; enabled?: unknown; disabled?: unknown; type?: unknown; secret?: unknown };
    return {
      key: entry.key,
      value: entry.value === undefined || entry.value === null ? '' : stringValue(entry.value),
      typed: typedValue(entry.value),
      // Postman's app writes `enabled: false`; the collection SDK (and so newman) reads `disabled: true`.
      enabled: !(entry.enabled === false || entry.disabled === true),
      secret: entry.type === 'secret' || entry.secret === true,
    };
  });
  return { ...(typeof obj.name === 'string' ? { name: obj.name } : {}), entries };
}

export function parseEnvironment(text: string, file: string, kind: VariableScopeKind = 'environment'): LoadedEnvironment {
  const { name, entries } = parseScopeFile(text, file, kind);
  const values: Record<string, string> = {};
  const typed: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  // The last enabled entry of a key wins, as in the SDK's variable scopes.
  for (const entry of entries.filter((e) => e.enabled)) {
    values[entry.key] = entry.value;
    typed[entry.key] = entry.typed;
    if (entry.secret) secretKeys.add(entry.key);
    else secretKeys.delete(entry.key);
  }
  return { file, name: name ?? file, values, typed, secretKeys: [...secretKeys] };
}

function fromJson(text: string, file: string, kind: VariableScopeKind): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new JamfContractError(readCode(kind), `${kind === 'globals' ? 'Globals' : 'Environment'} file "${file}" is not valid JSON. Export it from Postman (Environments → ⋯ → Export).`, { cause });
  }
}

/** The Postman API's `{ "environment": {…} }` / `{ "globals": {…} }` wrappers, as newman unwraps them. */
function unwrap(parsed: unknown): Record<string, unknown> {
  const obj = (parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {}) as Record<string, unknown>;
  for (const key of ['environment', 'globals']) {
    const inner = obj[key];
    if (!('values' in obj) && inner && typeof inner === 'object' && !Array.isArray(inner)) return inner as Record<string, unknown>;
  }
  return obj;
}

function stringValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return yamlText(value as YamlValue) ?? '';
}

/** JSON values as they are; YAML's big integers as numbers when they fit; absent as ''. */
function typedValue(value: unknown): unknown {
  if (value === undefined) return '';
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  return value;
}

function readCode(kind: VariableScopeKind): ErrorCode {
  return kind === 'globals' ? 'GLOBALS_READ' : 'ENVIRONMENT_READ';
}

function kindCode(kind: VariableScopeKind): ErrorCode {
  return kind === 'globals' ? 'GLOBALS_READ' : 'ENVIRONMENT_KIND';
}
