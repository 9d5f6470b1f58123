/**
 * Iteration data (`--iteration-data FILE`, newman's `-d`): a JSON array of objects or a CSV
 * file with a header row. Each row is one iteration's data variables (`{{id}}`, …).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { JamfContractError } from '../errors.ts';

export type IterationData = Array<Record<string, string>>;

export async function loadIterationData(file: string): Promise<IterationData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new JamfContractError('DATA_INVALID', `Cannot read the iteration data file "${file}".`, { cause });
  }
  return parseIterationData(text, file);
}

export function parseIterationData(text: string, file: string): IterationData {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const rows = trimmed.startsWith('[') || trimmed.startsWith('{') ? fromJson(trimmed, file) : fromCsv(trimmed, file);
  if (rows.length === 0) {
    throw new JamfContractError('DATA_INVALID', `The iteration data file "${file}" has no rows: each row is one iteration.`);
  }
  return rows;
}

function fromJson(text: string, file: string): IterationData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new JamfContractError('DATA_INVALID', `The iteration data file "${file}" looks like JSON but does not parse.`, { cause });
  }
  if (!Array.isArray(json)) {
    throw new JamfContractError('DATA_INVALID', `The iteration data file "${file}" must hold a JSON array of objects, one per iteration.`);
  }
  return json.map((row, i) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      throw new JamfContractError('DATA_INVALID', `The iteration data file "${file}": row ${i + 1} is not an object of variable names to values.`);
    }
    return Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  });
}

function fromCsv(text: string, file: string): IterationData {
  try {
    return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as IterationData;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new JamfContractError('DATA_INVALID', `The iteration data file "${file}" is not valid CSV with a header row (${detail}).`, { cause });
  }
}
