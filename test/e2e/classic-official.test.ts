/**
 * Jamf's official Classic collection (read in place from ../shared/jamf) against the
 * simulator with client credentials, a few --vars and default settings (contract checks
 * against the simulator's own schemas): the run passes with no violation, every GET whose
 * variables resolve is sent and answered 2xx (or 404 where `name` names no object of that
 * resource, which the simulator's Classic swagger documents), the others are listed with
 * what they lack, writes are held back, its token script does not run, the token endpoint
 * is called once, and no secret or token appears in any output.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostmanCollection } from '../../src/load/postman-types.ts';
import { walkItems } from '../../src/load/postman-types.ts';
import { methodOf } from '../../src/resolve/url-text.ts';
import { referencedVariables } from '../../src/resolve/variables.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { runCli, repoRoot, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/collections.ts';
import { allOutputs, readReport, type JsonReport } from '../helpers/reports.ts';
import { DEMO, simulator, stats } from '../helpers/simulator.ts';
import type { Stats } from '../../src/simulator/state.ts';

const official = resolve(repoRoot, '../shared/jamf/postman/classic-api-v10.35.postman_collection.json');
const present = existsSync(official);
if (!present) console.warn(`Skipping the official Classic collection run: ${official} is absent.`);

/** `name` is the first seeded computer's, so the computer, history and management lookups find it. */
const VARS = { id: '1', name: 'MAC-001' };
const COMPUTER_NAMED = /\/JSSResource\/(computers|computerhistory|computermanagement)\/name\//;

describe.skipIf(!present)("Jamf's official Classic collection against the simulator", () => {
  let sim: RunningSimulator;
  let result: CliResult;
  let out: string;
  let report: JsonReport;
  let simStats: Stats;
  let issuedTokens: string[];
  const collection = present ? (JSON.parse(readFileSync(official, 'utf8')) as PostmanCollection) : undefined;

  beforeAll(async () => {
    sim = await simulator();
    out = join(tempDir(), 'reports');
    result = await runCli(
      ['run', official, '--var', `id=${VARS.id}`, '--var', `name=${VARS.name}`, '--reporter', 'cli,json,junit', '--out', out, '--verbose'],
      { JAMF_URL: sim.url, JAMF_CLIENT_ID: DEMO.clientId, JAMF_CLIENT_SECRET: DEMO.clientSecret },
    );
    report = readReport(out);
    simStats = await stats(sim);
    issuedTokens = [...sim.state.auth.tokens.keys()];
  });
  afterAll(() => sim.close());

  it('runs to the end (no test scripts fail)', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(report.requests).toHaveLength(617);
  });

  it('finds no contract violation, checking against the simulator\'s schemas', () => {
    expect(report.counts.violations).toBe(0);
    expect(report.notices.map((n) => n.code)).not.toContain('CONTRACT_SPEC_UNAVAILABLE');
    expect(report.requests.flatMap((q) => q.findings).filter((f) => f.kind === 'undocumented-operation')).toEqual([]);
  });

  it('answers every sent GET 2xx, or 404 where `name` names no object of that resource', () => {
    const sent = report.requests.filter((q) => q.method === 'GET' && q.response !== undefined && q.url.includes('/JSSResource/'));
    expect(sent.length).toBeGreaterThan(150);
    for (const q of sent) {
      const status = q.response!.status;
      if (status >= 200 && status < 300) continue;
      expect(status, q.url).toBe(404);
      expect(q.url, 'only name lookups may miss').toMatch(new RegExp(`/(name|groupname|username)/${encodeURIComponent(VARS.name)}(/|$)`));
      expect(q.url, 'the seeded computer is found').not.toMatch(COMPUTER_NAMED);
    }
    const computerLookups = sent.filter((q) => COMPUTER_NAMED.test(q.url));
    expect(computerLookups.length).toBeGreaterThanOrEqual(4);
    for (const q of computerLookups) expect(q.response!.status, q.url).toBe(200);
  });

  it('sends every GET whose variables resolve; lists the others with what they lack', () => {
    const known = new Set(['url', ...(collection?.variable ?? []).map((v) => v.key), 'accessToken', ...Object.keys(VARS)]);
    const byId = new Map(report.requests.map((q) => [q.itemName + '|' + q.folders.join('/') + '|' + q.index, q]));
    expect(byId.size).toBe(617);
    let sent = 0;
    let listed = 0;
    const items = [...walkItems(collection!.item)];
    items.forEach(({ item }, index) => {
      const q = report.requests[index]!;
      expect(q.itemName).toBe(item.name);
      if (methodOf(item.request) !== 'GET') return;
      const missing = referencedVariables(item.request).filter((n) => !known.has(n));
      if (missing.length === 0) {
        expect(q.skipped, `${q.itemName}: ${JSON.stringify(q.skipped)}`).toBeUndefined();
        expect(q.response?.status).toBeGreaterThan(0);
        expect(q.url).not.toContain('{{');
        sent += 1;
      } else {
        expect(q.skipped?.reason).toBe('unresolved-variables');
        // The names still in the request as it was about to be sent: Postman fills a path
        // variable only when it is a whole segment, so `:start_date_:end_date` goes out as written.
        expect(q.skipped?.variables?.length).toBeGreaterThan(0);
        for (const name of q.skipped?.variables ?? []) expect(missing).toContain(name);
        listed += 1;
      }
    });
    expect(sent).toBeGreaterThan(100);
    expect(listed).toBeGreaterThan(50);
    expect(report.counts.sent).toBe(sent);
  });

  it('holds back every write', () => {
    const writes = report.requests.filter((q) => q.method !== 'GET');
    expect(writes.length).toBeGreaterThan(300);
    for (const q of writes) expect(q.skipped, q.itemName).toBeDefined();
    expect(Object.keys(simStats.requests).filter((k) => !k.startsWith('GET ') && k !== 'POST /api/oauth/token')).toEqual([]);
  });

  it("does not run the collection's token script, and says so", () => {
    expect(report.notices.map((n) => n.code)).toContain('TOKEN_SCRIPT_NEUTRALISED');
    expect(simStats.requests['POST /api/v1/auth/token']).toBeUndefined();
  });

  it('calls the token endpoint exactly once', () => {
    expect(simStats.tokensIssued).toEqual({ 'demo-client': 1 });
    expect(report.run.tokenRequests).toBe(1);
  });

  it('shows no secret and no token in any output', () => {
    const outputs = allOutputs(result, out);
    expect(issuedTokens.length).toBeGreaterThan(0);
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).not.toContain(DEMO.clientSecret);
      expect(text, name).not.toContain('eyJ');
      for (const token of issuedTokens) expect(text, name).not.toContain(token.split('.')[2]);
    }
  });
});
