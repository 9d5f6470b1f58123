/** Reading the files a CLI run wrote. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { RequestResult, RunCounts } from '../../src/result.ts';

export interface JsonReport {
  run: { server: string; authScheme?: string; iterations: number; tokenRequests: number; collections: string[] };
  counts: RunCounts;
  notices: Array<{ level: string; code: string; message: string }>;
  requests: Array<RequestResult & { outcome: string }>;
}

export function readReport(dir: string): JsonReport {
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonReport;
}

export interface JunitCase {
  '@_classname': string;
  '@_name': string;
  failure?: unknown;
  error?: unknown;
  skipped?: unknown;
}
export interface JunitSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase?: JunitCase[];
}
export interface Junit {
  testsuites: { '@_tests': string; '@_failures': string; '@_errors': string; testsuite: JunitSuite[] };
}

/** Parses junit.xml strictly (throws on malformed XML). */
export function readJunit(dir: string): Junit {
  const text = readFileSync(join(dir, 'junit.xml'), 'utf8');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => name === 'testsuite' || name === 'testcase' || name === 'failure' });
  return parser.parse(text, true) as Junit;
}

/** Every file a run left in `dir` (none when it did not exist). */
export function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Everything a CLI run printed or wrote, by name: what a secrets grep must cover. */
export function allOutputs(result: { stdout: string; stderr: string }, dir: string): Record<string, string> {
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    'junit.xml': readFileSync(join(dir, 'junit.xml'), 'utf8'),
    'report.json': readFileSync(join(dir, 'report.json'), 'utf8'),
  };
}
