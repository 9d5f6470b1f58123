/** Jamf's real schemas for the generator's tests (skipped when ../shared is absent), and reading a run's coverage. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GenerateSummary } from '../../src/generate/index.ts';
import type { Coverage } from '../../src/validate/coverage.ts';

export const VERSIONS = ['11.29.1', '11.30.1'] as const;

export function realSchemaFile(version: string): string {
  return fileURLToPath(new URL(`../../../shared/jamf/openapi/jamf-pro-api-${version}.json`, import.meta.url));
}

export const realPresent = VERSIONS.every((v) => existsSync(realSchemaFile(v)));
export const skipMessage = 'Skipping the generator\'s real-schema tests: ../shared/jamf/openapi/jamf-pro-api-11.29.1.json and -11.30.1.json are absent.';

export function realSchema(version: string): Record<string, unknown> {
  return JSON.parse(readFileSync(realSchemaFile(version), 'utf8')) as Record<string, unknown>;
}

export function getOperationsOf(document: Record<string, unknown>): string[] {
  const paths = document.paths as Record<string, Record<string, unknown>>;
  return Object.keys(paths).filter((p) => paths[p]?.get).map((p) => `GET ${p}`).sort();
}

/**
 * What a user of the simulator gives for the parameters no list enumerates: `--var NAME=1`
 * by bare parameter name (the simulator accepts the ids 1, 2, 3, and anything for other names).
 */
export function simulatorValues(summary: GenerateSummary): Record<string, string> {
  const names = new Set<string>();
  for (const entry of summary.needsValue) {
    for (const need of entry.needs) if (!need.why.startsWith('its list')) names.add(need.variable.slice(need.variable.lastIndexOf('.') + 1));
  }
  return Object.fromEntries([...names].sort().map((n) => [n, '1']));
}

/** GET operations a run answered with a 2xx status, from its coverage. */
export function exercised2xx(coverage: unknown): Set<string> {
  const pro = (coverage as Coverage | undefined)?.specs.find((s) => s.api === 'pro');
  return new Set((pro?.exercised ?? []).filter((e) => e.operation.startsWith('GET ') && Object.keys(e.statuses).some((s) => /^2/.test(s))).map((e) => e.operation));
}
