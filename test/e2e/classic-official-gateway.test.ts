/**
 * Jamf's official Classic collection against the simulator, its Classic answers checked
 * against Jamf's gateway OpenAPI (`--classic-openapi classic-api-gateway-openapi.json`)
 * instead of the simulator's own swagger: every XML body passes, except the real
 * disagreements listed in `test/simulator/classic/gateway-disagreements.ts`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classicRoutes } from '../../src/simulator/classic/index.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCli, repoRoot, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/collections.ts';
import { readReport, type JsonReport } from '../helpers/reports.ts';
import { DEMO, simulator } from '../helpers/simulator.ts';
import { allowedFor, NOT_IN_GATEWAY } from '../simulator/classic/gateway-disagreements.ts';

const official = resolve(repoRoot, '../shared/jamf/postman/classic-api-v10.35.postman_collection.json');
const gateway = resolve(repoRoot, '../shared/jamf/classic/classic-api-gateway-openapi.json');
const present = existsSync(official) && existsSync(gateway);
if (!present) console.warn(`Skipping the official collection against the gateway schema: ${official} or ${gateway} is absent.`);

/** The simulator route (swagger form) a sent URL took. */
const templates = classicRoutes.map((route) => ({
  path: route.path,
  regex: new RegExp(`^/JSSResource${route.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));
function routeOf(url: string): string {
  const path = new URL(url).pathname;
  return templates.find((template) => template.regex.test(path))?.path ?? path;
}

describe.skipIf(!present)("Jamf's official Classic collection against the gateway schema", () => {
  let sim: RunningSimulator;
  let result: CliResult;
  let report: JsonReport;

  beforeAll(async () => {
    sim = await simulator();
    const out = join(tempDir(), 'reports');
    result = await runCli(
      ['run', official, '--var', 'id=1', '--var', 'name=MAC-001', '--reporter', 'json', '--out', out, '--classic-openapi', gateway],
      { JAMF_URL: sim.url, JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret },
    );
    report = readReport(out);
  });
  afterAll(() => sim.close());

  it('checks the Classic answers against the gateway schema', () => {
    expect(report.notices.map((n) => n.code)).toContain('CONTRACT_GATEWAY_MAPPED');
    const checked = report.requests.filter((q) => q.url.includes('/JSSResource/') && q.response !== undefined);
    expect(checked.length).toBeGreaterThan(150);
    expect(result.stderr).not.toMatch(/could not be loaded/);
  });

  /** The 404s (a `name` no object of that resource has) are Status pages, not documents: the gateway lists only 200. */
  it('finds only the listed disagreements in the documents', () => {
    const unexplained: string[] = [];
    const documents = report.requests.filter((r) => r.url.includes('/JSSResource/') && r.response !== undefined && r.response.status < 300);
    expect(documents.length).toBeGreaterThan(100);
    for (const q of documents) {
      const route = routeOf(q.url);
      const allowed = allowedFor(route);
      for (const finding of q.findings.filter((f) => f.severity === 'violation')) {
        if (finding.kind === 'undocumented-operation' && NOT_IN_GATEWAY.some((pattern) => pattern.test(route))) continue;
        if (allowed.some((allow) => allow.kind === finding.kind && allow.pointer.test(finding.pointer ?? ''))) continue;
        unexplained.push(`${q.method} ${route}: ${finding.kind} ${finding.pointer ?? ''} ${finding.message}`);
      }
    }
    expect(unexplained).toEqual([]);
  });
});
