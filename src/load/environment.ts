/** Loading Postman environment files (`--env FILE`). */
import { readFile } from 'node:fs/promises';
import { JamfContractError } from '../errors.ts';

export interface LoadedEnvironment {
  file: string;
  name: string;
  /** Enabled values only. */
  values: Record<string, string>;
  /** Keys Postman marked `secret`: redacted wherever they appear. */
  secretKeys: string[];
}

export async function loadEnvironment(file: string): Promise<LoadedEnvironment> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new JamfContractError('ENVIRONMENT_READ', `Cannot read environment file "${file}".`, { cause });
  }
  return parseEnvironment(text, file);
}

export function parseEnvironment(text: string, file: string): LoadedEnvironment {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new JamfContractError('ENVIRONMENT_READ', `Environment file "${file}" is not valid JSON. Export it from Postman (Environments → ⋯ → Export).`, { cause });
  }
  const obj = (json && typeof json === 'object' && !Array.isArray(json) ? json : {}) as Record<string, unknown>;
  if ('item' in obj && 'info' in obj) {
    throw new JamfContractError('ENVIRONMENT_KIND', `"${file}" is a Postman collection, not an environment: pass collections as arguments to "run".`);
  }
  const scope = obj._postman_variable_scope;
  if (scope === 'globals') {
    throw new JamfContractError('ENVIRONMENT_KIND', `"${file}" is a Postman globals file, not an environment. Export an environment instead.`);
  }
  if (!Array.isArray(obj.values)) {
    throw new JamfContractError('ENVIRONMENT_KIND', `"${file}" is not a Postman environment: expected a "values" array of {key, value}.`);
  }
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [i, v] of (obj.values as unknown[]).entries()) {
    if (!v || typeof v !== 'object' || typeof (v as { key?: unknown }).key !== 'string') {
      throw new JamfContractError('ENVIRONMENT_KIND', `"${file}": values[${i}] has no "key".`);
    }
    const entry = v as { key: string; value?: unknown; enabled?: boolean; type?: string };
    if (entry.enabled === false) continue;
    values[entry.key] = entry.value === undefined || entry.value === null ? '' : String(entry.value);
    if (entry.type === 'secret') secretKeys.push(entry.key);
  }
  return { file, name: typeof obj.name === 'string' ? obj.name : file, values, secretKeys };
}
