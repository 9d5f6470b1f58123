/**
 * Iteration data (`--iteration-data FILE`, newman's `-d`), read as newman reads it: JSON if
 * it parses (values keep their types), else CSV with a header row, relaxed quoting, ragged
 * rows allowed, and newman's typing of unquoted fields — integers and decimals become
 * numbers (`7890`, `1.5`, `007` → 7), everything else, `true` included, stays a string;
 * a quoted field always stays a string. Each row is one iteration's data variables.
 */
import { readFile } from 'node:fs/promises';
import type { CastingContext } from 'csv-parse/sync';
import type * as CsvSync from 'csv-parse/sync';
import { lazyRequire } from '../lazy-require.ts';

const csv = lazyRequire<typeof CsvSync>('csv-parse/sync');
import { JamfContractError } from '../errors.ts';
import { decodeText } from './text.ts';

export type IterationRow = Record<string, unknown>;
export type IterationData = IterationRow[];

export async function loadIterationData(file: string): Promise<IterationData> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new JamfContractError('DATA_INVALID', `Cannot read the iteration data file "${file}".`, { cause });
  }
  return parseIterationData(decodeText(bytes).text, file);
}

export function parseIterationData(text: string, file: string): IterationData {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const json = tryJson(trimmed);
  const rows = json.ok ? fromJson(json.value, file) : fromCsv(trimmed, file);
  if (rows.length === 0) {
    throw new JamfContractError('DATA_INVALID', `The iteration data file "${file}" has no rows: each row is one iteration.`);
  }
  rows.forEach((row, i) => {
    const taken = Object.keys(row).find((key) => key in Object.prototype);
    // The script sandbox builds `pm.iterationData` from the row and fails on such a name inside
    // its worker, sending nothing back: the run waited for that script forever.
    if (taken !== undefined) {
      throw new JamfContractError('DATA_INVALID', `The iteration data file "${file}": row ${i + 1} has a variable named "${taken}", a name every JavaScript object already has; scripts cannot be given it. Rename the column or key.`);
    }
  });
  return rows;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // newman falls back to CSV for anything that is not JSON.
    return { ok: false };
  }
}

function fromJson(json: unknown, file: string): IterationData {
  if (!Array.isArray(json)) {
    throw new JamfContractError('DATA_INVALID', `The iteration data file "${file}" must hold a JSON array of objects, one per iteration.`);
  }
  return json.map((row, i) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      throw new JamfContractError('DATA_INVALID', `The iteration data file "${file}": row ${i + 1} is not an object of variable names to values.`);
    }
    return row as IterationRow;
  });
}

function fromCsv(text: string, file: string): IterationData {
  try {
    return csv().parse(text, {
      columns: true,
      escape: '"',
      cast: newmanCast,
      trim: true,
      relax_quotes: true,
      relax_column_count: true,
      bom: true,
    }) as IterationData;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new JamfContractError('DATA_INVALID', `The iteration data file "${file}" is not valid CSV with a header row (${detail}).`, { cause });
  }
}

/** newman's `csvAutoParse` (lib/run/options.js), with its `isInt` / `isFloat` tests (lib/util.js). */
export function newmanCast(value: string, context: Pick<CastingContext, 'quoting'>): string | number {
  if (context.quoting) return value;
  if (/^(-|\+)?([1-9]+[0-9]*)$/.test(value)) return parseInt(value, 10);
  // newman's float test, kept as it is: true for "0", "1.5", "007", "1e3" (and "0x10" → 0).
  if ((value as unknown as number) - parseFloat(value) + 1 >= 0) return parseFloat(value);
  return value;
}
