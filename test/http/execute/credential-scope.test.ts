/**
 * The Jamf server's token stays with the Jamf server (wire/credential-scope.ts), counted from
 * the other host's side: an item inheriting the collection's auth, an item with its own
 * `{{accessToken}}` bearer, a script's `pm.sendRequest` with the token in a header, in the
 * query, and a redirect from the server to another host with the token in a custom header.
 * The server itself still gets every request authenticated, and a webhook's own key (an
 * environment secret) still reaches the webhook.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planRun } from '../../../src/execute/dry-run.ts';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import { collection, expectStatus, request, tempDir, writeFile } from '../../helpers/collections.ts';
import { runCaptured } from '../../helpers/run.ts';
import { DEMO, resetSimulator, simulator, stats } from '../../helpers/simulator.ts';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

let sim: RunningSimulator;
/** Another host: records what reaches it. */
let other: Server;
let otherUrl: string;
/** The Jamf server as the run sees it: the simulator behind a front that sends `/api/v1/out` to the other host. */
let front: Server;
let frontUrl: string;
const seen: Seen[] = [];
const dir = tempDir();

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  sim = await simulator();
  other = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  // The other host differs from the server by its port only: an origin is scheme, host and port.
  otherUrl = await listen(other);
  const simTarget = new URL(sim.url);
  front = createServer((req, res) => {
    if (req.url?.startsWith('/api/v1/out')) {
      res.writeHead(302, { location: `${otherUrl}/redirected` });
      return res.end();
    }
    const forward = httpRequest({ host: simTarget.hostname, port: simTarget.port, method: req.method, path: req.url, headers: { ...req.headers, host: simTarget.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  frontUrl = await listen(front);
}, 30_000);

afterAll(async () => {
  await Promise.all([sim.close(), new Promise((resolve) => other.close(resolve)), new Promise((resolve) => front.close(resolve))]);
});

beforeEach(async () => {
  seen.length = 0;
  await resetSimulator(sim);
});

const bearer = { type: 'bearer', bearer: [{ key: 'token', value: '{{accessToken}}' }] };
const authorizations = (): Array<string | undefined> => seen.map((s) => s.headers.authorization);

describe('the server\'s token is not sent to another host', () => {
  it('an item inheriting the collection\'s auth, and one with its own {{accessToken}} bearer, reach the other host without it', async () => {
    const file = writeFile(dir, 'items.json', collection('Items', [
      request('jamf', '{{baseUrl}}/v1/buildings', { tests: expectStatus(200) }),
      request('webhook, inherited auth', `${otherUrl}/inherited`, { tests: expectStatus(200) }),
      request('webhook, own bearer', `${otherUrl}/own`, { auth: bearer, headers: { 'X-Trace': 'run-42' }, tests: expectStatus(200) }),
      request('jamf again', '{{baseUrl}}/v1/departments', { tests: expectStatus(200) }),
    ], { auth: bearer }));
    const { summary, results } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: { ...DEMO } });
    expect(seen.map((s) => s.url)).toEqual(['/inherited', '/own']);
    expect(authorizations()).toEqual([undefined, undefined]);
    // Headers that hold no credential go as written.
    expect(seen[1]!.headers['x-trace']).toBe('run-42');
    // The server itself: every request authenticated (it answers 401 otherwise).
    expect(results.map((r) => r.response?.status)).toEqual([200, 200, 200, 200]);
    expect((await stats(sim)).status['401']).toBeUndefined();
    const notice = summary.notices.find((n) => n.code === 'CREDENTIALS_KEPT');
    expect(notice?.level).toBe('warning');
    expect(notice?.message).toContain(`${otherUrl}: authorization taken off 2 requests`);
  });

  it('pm.sendRequest: the token in any header is taken out, the token in the query is not sent, and the script hears why', async () => {
    const file = writeFile(dir, 'scripts.json', collection('Scripts', [
      request('jamf', '{{baseUrl}}/v1/buildings', {
        tests: [
          ...expectStatus(200),
          `pm.sendRequest({ url: '${otherUrl}/headers', header: { Authorization: 'Bearer ' + pm.variables.get('accessToken'), 'X-Jamf-Token': pm.variables.get('accessToken'), 'X-Trace': 'kept' } }, function (err, res) {`,
          '  pm.test("headers: sent", function () { pm.expect(err).to.equal(null); pm.expect(res.code).to.equal(200); });',
          '});',
          `pm.sendRequest('${otherUrl}/query?token=' + encodeURIComponent(pm.variables.get('accessToken')), function (err) {`,
          '  pm.test("query: not sent", function () { pm.expect(String(err && err.message)).to.include("another host"); });',
          '});',
        ],
      }),
    ], { auth: bearer }));
    const { summary, results } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: { ...DEMO } });
    expect(seen.map((s) => s.url)).toEqual(['/headers']);
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(seen[0]!.headers['x-jamf-token']).toBeUndefined();
    expect(seen[0]!.headers['x-trace']).toBe('kept');
    // The two callbacks come in either order (the refusal is not sent, the other is answered).
    expect(results[0]!.tests.map((t) => [t.name, t.passed]).sort()).toEqual([['headers: sent', true], ['query: not sent', true], ['status is 200', true]]);
    const notice = summary.notices.find((n) => n.code === 'CREDENTIALS_KEPT')!;
    expect(notice.message).toContain('authorization, x-jamf-token taken off 1 request');
    expect(notice.message).toContain('1 request not sent (the URL or body held them)');
  });

  it('a body that holds the token — raw, url-encoded or a multipart text field — is not sent to another host; a multipart body without it is', async () => {
    const send = (path: string, body: string): string[] => [
      `pm.sendRequest({ url: '${otherUrl}/${path}', method: 'GET', body: ${body} }, function (err, res) {`,
      `  pm.test("${path}", function () { pm.expect(err ? 'refused: ' + err.message : 'sent ' + res.code).to.be.a('string'); console.log('${path}', err ? 'refused' : 'sent'); });`,
      '});',
    ];
    const token = "pm.variables.get('accessToken')";
    const file = writeFile(dir, 'bodies.json', collection('Bodies', [
      request('jamf', '{{baseUrl}}/v1/buildings', {
        tests: [
          ...send('raw', `{ mode: 'raw', raw: JSON.stringify({ t: ${token} }) }`),
          ...send('urlencoded', `{ mode: 'urlencoded', urlencoded: [{ key: 't', value: ${token} }] }`),
          ...send('formdata', `{ mode: 'formdata', formdata: [{ key: 'note', value: 'hello' }, { key: 't', value: ${token} }] }`),
          ...send('formdata-plain', `{ mode: 'formdata', formdata: [{ key: 'note', value: 'hello' }] }`),
        ],
      }),
    ], { auth: bearer }));
    const { summary, console: lines } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: { ...DEMO } });
    expect(seen.map((s) => s.url)).toEqual(['/formdata-plain']);
    expect(lines.map((l) => l.message).sort()).toEqual(['formdata refused', 'formdata-plain sent', 'raw refused', 'urlencoded refused']);
    expect(summary.notices.find((n) => n.code === 'CREDENTIALS_KEPT')?.message).toContain('3 requests not sent (the URL or body held them)');
  });

  it('a redirect from the server to another host loses a custom header that holds the token', async () => {
    const file = writeFile(dir, 'redirect.json', collection('Redirect', [
      request('jamf sends us elsewhere', '{{baseUrl}}/v1/out', { headers: { 'X-Jamf-Token': '{{accessToken}}' }, tests: expectStatus(200) }),
    ], { auth: bearer }));
    const { summary, results } = await runCaptured({ collections: [file], serverUrl: frontUrl, credentials: { ...DEMO } });
    expect(results[0]!.error).toBeUndefined();
    expect(results[0]!.response?.status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual(['/redirected']);
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(seen[0]!.headers['x-jamf-token']).toBeUndefined();
    expect(summary.notices.find((n) => n.code === 'CREDENTIALS_KEPT')?.message).toContain(`${otherUrl}: authorization, x-jamf-token taken off 1 request`);
  });

  it('a webhook\'s own key from the environment (a secret, not the server\'s) still reaches the webhook; nothing to say', async () => {
    const env = writeFile(dir, 'env.json', { name: 'staging', values: [{ key: 'hookKey', value: 'hook-key-0123456789', type: 'secret', enabled: true }] });
    const file = writeFile(dir, 'webhook.json', collection('Webhook', [
      request('webhook', `${otherUrl}/hook`, { auth: { type: 'noauth' }, headers: { 'X-Hook-Key': '{{hookKey}}' }, tests: expectStatus(200) }),
    ], { auth: bearer }));
    const { summary } = await runCaptured({ collections: [file], serverUrl: sim.url, credentials: { ...DEMO }, envFile: env });
    expect(seen.map((s) => [s.url, s.headers['x-hook-key']])).toEqual([['/hook', 'hook-key-0123456789']]);
    expect(summary.notices.some((n) => n.code === 'CREDENTIALS_KEPT')).toBe(false);
  });

  it('the dry run says which requests go to another host, and that the token does not go with them', async () => {
    const file = writeFile(dir, 'plan.json', collection('Plan', [
      request('jamf', '{{baseUrl}}/v1/buildings'),
      request('webhook', `${otherUrl}/hook`),
    ], { auth: bearer }));
    const plan = await planRun({ collections: [file], serverUrl: sim.url, credentials: { ...DEMO } });
    expect(plan.entries.map((e) => [e.itemName, e.action, e.reason])).toEqual([
      ['jamf', 'send', undefined],
      ['webhook', 'send', `another host (${otherUrl}): the Jamf server's token and credentials are not sent there`],
    ]);
    expect(seen).toEqual([]);
  });
});
