/**
 * What jamf-contract does differently from newman, on purpose or because it runs a newer
 * Postman engine, each shown exactly: the same collection run by both against the echo
 * server, and the difference asserted — nothing else may differ. docs/from-newman.md
 * ("Deliberate differences") gives the reasons.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/collections.ts';
import { CLIENT, echoServer, type EchoServer, type Received } from './echo-server.ts';
import { COLLECTIONS, fixture, viaJamfContract, viaNewman, type RunView, type SentRequest } from './harness.ts';

let server: EchoServer;
beforeAll(async () => {
  server = await echoServer();
});
afterAll(() => server.close());

const T = { timeout: 120_000 };

describe('deliberate differences', () => {
  it('a request that gets no response (refused, too many redirects, timed out): newman runs its tests against an empty response, jamf-contract does not run them', T, async () => {
    const c = { collection: fixture('no-response.postman_collection.json'), newman: { timeoutRequest: 500 }, jamf: { timeoutMs: 500, maxRetries: 0 } };
    const newman = await viaNewman(server, c);
    const { results, ...jamf } = await viaJamfContract(server, c);
    const noResponse = ['connection refused', 'too many redirects', 'too slow'];
    // newman: each of them fails its status test; jamf-contract: an error, and tests not run.
    expect(newman.assertions.filter((a) => noResponse.some((n) => a.startsWith(`${n} › `)))).toHaveLength(3);
    expect(newman.assertions.filter((a) => a.includes('→ failed'))).toHaveLength(3);
    expect(results.filter((r) => noResponse.includes(r.itemName)).map((r) => [r.itemName, r.error?.code !== undefined, r.testsNotRun !== undefined, r.tests.length])).toEqual(
      noResponse.map((n) => [n, true, true, 0]),
    );
    expect(jamf.assertions).toEqual(newman.assertions.filter((a) => a.startsWith('answered › ')));
    // The test script that did not run set nothing: the last request shows it, and is otherwise the same.
    const last = (r: SentRequest[]): SentRequest => r[r.length - 1]!;
    expect(last(newman.requests).url).toBe('/anything/answered?ran=yes');
    expect(last(jamf.requests).url).toBe('/anything/answered?ran={{testsRanWithoutResponse}}');
    expect(jamf.requests.slice(0, -1)).toEqual(newman.requests.slice(0, -1));
  });

  it('the default working directory: newman reads files from the current directory, jamf-contract from the collection\'s folder (--working-dir . is newman\'s)', T, async () => {
    const c = { collection: fixture('uploads.postman_collection.json') };
    const newman = await viaNewman(server, c);
    expect(newman.console.some((l) => /file load error/.test(l))).toBe(true);
    const { results: _inCwd, ...fromCwd } = await viaJamfContract(server, { ...c, workingDir: process.cwd() });
    // The engine reads a form field's files side by side: their load errors may come in either order.
    const sorted = <T extends { console: string[] }>(r: T): T => ({ ...r, console: [...r.console].sort() });
    expect(sorted(fromCwd)).toEqual(sorted(newman));
    const { results: _default, ...byDefault } = await viaJamfContract(server, c);
    expect(byDefault.assertions.every((a) => a.endsWith('→ passed'))).toBe(true);
    expect(byDefault).toEqual(await viaNewman(server, { ...c, newman: { workingDir: COLLECTIONS } }));
  });

  it('files outside the working directory: newman reads them unless --no-insecure-file-read, jamf-contract refuses them unless --insecure-file-read (and its warning names the file and the flag)', T, async () => {
    const c = { collection: fixture('uploads-outside.postman_collection.json'), newman: { workingDir: COLLECTIONS } };
    const newmanDefault = await viaNewman(server, { ...c, newman: { ...c.newman, insecureFileRead: true } });
    expect(newmanDefault.requests.map((r) => r.body.includes('outside the working directory'))).toEqual([true, true]);
    const { results: _r, ...jamf } = await viaJamfContract(server, c);
    expect(jamf.requests.map((r) => r.body.includes('outside the working directory'))).toEqual([false, false]);
    const newmanRefusing = await viaNewman(server, c);
    const cut = (v: RunView): RunView => ({ ...v, console: v.console.map((l) => l.replace(/(outside working directory).*/, '$1')) });
    expect(cut(jamf)).toEqual(cut(newmanRefusing));
    expect(jamf.console).toEqual([
      expect.stringMatching(/^warn: Form param `f`, file load error: PPERM: insecure file access outside working directory: "\.\.\/outside\.txt" \(--working-dir .*; --insecure-file-read allows it\)$/),
      expect.stringMatching(/^warn: Binary file load error: PPERM: insecure file access outside working directory: "\.\.\/outside\.txt"/),
    ]);
  });

  it('a Jamf collection with its own token script and bearer/basic auth: jamf-contract authenticates every request with its managed token; the API requests and tests are the same', T, async () => {
    const c = {
      collection: fixture('jamf-style.postman_collection.json'),
      environment: fixture('jamf-style.postman_environment.json'),
      jamfDefaults: true,
      jamf: { auth: 'auto' as const, credentials: { clientId: CLIENT.id, clientSecret: CLIENT.secret } },
    };
    const newman = await viaNewman(server, c);
    const { results: _r, ...jamf } = await viaJamfContract(server, c);
    expect(newman.assertions.every((a) => a.endsWith('→ passed'))).toBe(true);
    expect(jamf.assertions).toEqual(newman.assertions);
    const line = (r: SentRequest): string => `${r.method} ${r.url} ${r.headers.authorization ?? ''}`;
    // newman: the collection's script fetches a token, the Classic request goes with Basic.
    expect(newman.requests.map(line)).toEqual([
      'POST /api/oauth/token ',
      'GET /api/v1/buildings?page=0&page-size=100&sort=id%3Aasc Bearer <issued token>',
      'GET /api/v1/buildings/1 Bearer <issued token>',
      'GET /JSSResource/computers Basic YWRtaW46amFtZi1wYXNz',
    ]);
    // jamf-contract: its own token call (the script was not run) and version check, then its token on every request.
    expect(jamf.requests.map(line)).toEqual([
      'POST /api/oauth/token ',
      'GET /api/v1/jamf-pro-version Bearer <issued token>',
      'GET /api/v1/buildings?page=0&page-size=100&sort=id%3Aasc Bearer <issued token>',
      'GET /api/v1/buildings/1 Bearer <issued token>',
      'GET /JSSResource/computers Bearer <issued token>',
    ]);
    const withoutAuth = (r: SentRequest): SentRequest => ({ ...r, headers: { ...r.headers, authorization: '' } });
    expect(jamf.requests.slice(2).map(withoutAuth)).toEqual(newman.requests.slice(1).map(withoutAuth));
  });

  it('read-only by default: a script\'s own write (pm.sendRequest) is held back and listed on its item; the script\'s callback gets the error', T, async () => {
    const c = { collection: fixture('send-request.postman_collection.json') };
    const newman = await viaNewman(server, c);
    const { results, ...jamf } = await viaJamfContract(server, { ...c, jamfDefaults: true });
    expect(results.flatMap((r) => (r.heldBack ?? []).map((h) => `${r.itemName}: ${h.source} ${h.method} ${new URL(h.url).pathname}`))).toEqual([
      'chained from a pre-request: script POST /anything/second',
      'from a test script: script POST /anything/form',
      'a write from a script: script POST /anything/audit',
    ]);
    // The chained request needed what the held-back POST would have answered: listed as skipped.
    expect(results.find((r) => r.itemName === 'chained from a pre-request')?.skipped).toMatchObject({ reason: 'unresolved-variables', variables: ['fromSecond'] });
    // What differs in the assertions is what ran inside those callbacks.
    const differing = jamf.assertions.filter((a) => !newman.assertions.includes(a));
    expect(differing).toEqual([
      expect.stringMatching(/^chained from a pre-request › nested object request → failed/),
      expect.stringMatching(/^from a test script › urlencoded body from a script → failed/),
    ]);
    expect(newman.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/anything/second', '/anything/form', '/anything/audit']);
    expect(jamf.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('--timeout-script: newman ends its run with an error (while its engine goes on), jamf-contract reports a script error on that request and goes on', T, async () => {
    const c = { collection: fixture('script-timeout.postman_collection.json'), timeoutScript: 300 };
    const newman = await viaNewman(server, c);
    const { results, ...jamf } = await viaJamfContract(server, c);
    expect(newman.runError).toMatch(/Script execution timed out after 300ms/);
    const { runError: _e, ...rest } = newman;
    expect(jamf).toEqual(rest);
    expect(results.map((r) => [r.itemName, r.scriptErrors.length])).toEqual([['spins in its test script', 1], ['runs after the timeout', 0]]);
  });

  // postman-sandbox 6 ends a context's worker when a script times out; the run's shared sandbox
  // (src/execute/sandbox-host.ts) starts it again for the next execution, so later scripts run
  // as under newman (whose vm-based sandbox interrupts the runaway script).
  it('--timeout-script: the scripts after a timed-out one run as under newman', T, async () => {
    const c = { collection: fixture('script-timeout-recovery.postman_collection.json'), timeoutScript: 300 };
    const newman = await viaNewman(server, c);
    expect(newman.assertions).toEqual(['tested after the timeout › its scripts run → passed']);
    const { results: _r, ...jamf } = await viaJamfContract(server, c);
    const { runError: _e, ...rest } = newman;
    expect(jamf).toEqual(rest);
  });

  it('--export-environment: the same variables in the same order, secret values [REDACTED]', T, async () => {
    const dir = tempDir('jc-compat-');
    const c = { collection: fixture('flow.postman_collection.json'), environment: fixture('variables.postman_environment.json') };
    await viaNewman(server, { ...c, newman: { exportEnvironment: join(dir, 'newman.json') } });
    await viaJamfContract(server, { ...c, jamf: { exportEnvironmentFile: join(dir, 'jamf.json') } });
    const read = (name: string): Array<[string, string]> =>
      (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { values: Array<{ key: string; value: unknown }> }).values.map((v) => [v.key, String(v.value)]);
    const newman = read('newman.json');
    expect(newman).toContainEqual(['apiSecret', 's3cr3t-value']);
    expect(read('jamf.json')).toEqual(newman.map(([k, v]) => [k, k === 'apiSecret' ? '[REDACTED]' : v]));
  });

  it('--export-environment: values keep their types, the environment its name', T, async () => {
    const dir = tempDir('jc-compat-');
    const c = { collection: fixture('flow.postman_collection.json'), environment: fixture('variables.postman_environment.json') };
    await viaNewman(server, { ...c, newman: { exportEnvironment: join(dir, 'newman.json') } });
    await viaJamfContract(server, { ...c, jamf: { exportEnvironmentFile: join(dir, 'jamf.json') } });
    const read = (name: string): { name: string; values: Array<{ key: string; value: unknown; type?: string }> } => JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const newman = read('newman.json');
    const jamf = read('jamf.json');
    expect(jamf.name).toBe(newman.name);
    expect(jamf.values.map((v) => [v.key, v.value])).toEqual(newman.values.map((v) => [v.key, v.key === 'apiSecret' ? '[REDACTED]' : v.value]));
  });

  it('the User-Agent names jamf-contract', T, async () => {
    const agents = (into: Set<string>) => (received: Received[]) => received.forEach((r) => into.add(r.headers['user-agent'] ?? ''));
    const newman = new Set<string>();
    const jamf = new Set<string>();
    await viaNewman(server, { collection: fixture('chaining.postman_collection.json'), onReceived: agents(newman) });
    await viaJamfContract(server, { collection: fixture('chaining.postman_collection.json'), onReceived: agents(jamf) });
    expect([...newman]).toEqual(['PostmanRuntime/7.39.1']);
    expect([...jamf]).toEqual(['jamf-contract (PostmanRuntime)']);
  });
});

describe('a newer Postman engine (postman-runtime 7.56, sandbox 6.7; newman 6.2.2 has 7.39 and 4.7)', () => {
  it('pm.sendRequest on a connection error: newman passes an empty response beside the error, the newer engine passes none', T, async () => {
    const c = { collection: fixture('engine-version.postman_collection.json') };
    const newman = await viaNewman(server, c);
    const { results: _r, ...jamf } = await viaJamfContract(server, c);
    expect(newman.assertions).toEqual([
      'sendRequest to a closed port › an error → passed',
      'sendRequest to a closed port › a response object beside the error → passed',
      'sendRequest to a closed port › the request went out → passed',
    ]);
    expect(jamf.assertions).toEqual([
      'sendRequest to a closed port › an error → passed',
      "sendRequest to a closed port › a response object beside the error → failed (expected undefined to be an object)",
      'sendRequest to a closed port › the request went out → passed',
    ]);
    expect(jamf.requests).toEqual(newman.requests);
  });
});
