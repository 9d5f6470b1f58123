/**
 * Reporters by name. Each is a function of the result type in `src/result.ts` only: none
 * imports the runner or the CLI. Every string a reporter writes passes through `redact`
 * (the runner redacts first; this is the second line of defence).
 */
import { resolve } from 'node:path';
import { JamfContractError } from '../errors.ts';
import type { Reporter } from '../result.ts';
import { createCliReporter, type CliOptions } from './cli.ts';
import { createJsonReporter } from './json.ts';
import { createJunitReporter } from './junit.ts';

/** The CLI reporter's options, plus where the file reporters write. */
export type ReporterOptions = CliOptions & {
  /** Where `junit.xml` and `report.json` go; created when missing. */
  outDir: string;
};

export const REPORTER_NAMES = ['cli', 'junit', 'json'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** Builds reporters from names (`cli`, `junit`, `json`; comma lists accepted, duplicates ignored). */
export function createReporters(names: string[], options: ReporterOptions): Reporter[] {
  const wanted = [...new Set(names.flatMap((n) => n.split(',')).map((n) => n.trim().toLowerCase()).filter(Boolean))];
  const unknown = wanted.filter((n) => !isReporterName(n));
  if (unknown.length > 0) {
    throw new JamfContractError(
      'USAGE',
      `Unknown reporter ${unknown.map((n) => `"${n}"`).join(', ')}. Use --reporter with one or more of: ${REPORTER_NAMES.join(', ')}.`,
    );
  }
  const outDir = resolve(options.outDir);
  return wanted.map((name) => {
    if (name === 'junit') return createJunitReporter(outDir, options.redact);
    if (name === 'json') return createJsonReporter(outDir, options.redact);
    return createCliReporter(options);
  });
}

function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}

export { outcomeOf, type Outcome } from './outcome.ts';
export { JSON_FORMAT_VERSION } from './json.ts';
