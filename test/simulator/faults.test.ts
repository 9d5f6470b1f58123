import { afterAll, describe, expect, it } from 'vitest';
import { isJamfContractError } from '../../src/errors.ts';
import { createFaults, globToRegExp, parseFaultsConfig, seededRandom, type FaultHooks } from '../../src/simulator/faults.ts';
import type { SimRequest, SimResponse } from '../../src/simulator/http.ts';

function req(method: string, path: string): SimRequest {
  return { method, path, query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) };
}

interface Harness {
  faults: ReturnType<typeof createFaults>;
  slept: number[];
  rotated: string[];
  clock: { ms: number };
}

function harness(raw: unknown, random?: () => number): Harness {
  const slept: number[] = [];
  const rotated: string[] = [];
  const clock = { ms: 1_000 };
  const hooks: FaultHooks = {
    rotateSecret: (clientId) => rotated.push(clientId),
    now: () => clock.ms,
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...(random === undefined ? {} : { random }),
  };
  return { faults: createFaults(parseFaultsConfig(raw), hooks), slept, rotated, clock };
}

/** The status (or 'reset'/'pass') of each request in turn. */
async function outcomes(faults: Harness['faults'], requests: SimRequest[]): Promise<Array<number | string>> {
  const seen: Array<number | string> = [];
  for (const request of requests) {
    const result = await faults.before(request);
    seen.push(result === undefined ? 'pass' : result === 'reset' ? 'reset' : result.status);
  }
  return seen;
}

const times = (n: number, request: SimRequest): SimRequest[] => Array.from({ length: n }, () => request);

describe('parseFaultsConfig', () => {
  const good = [
    { raw: undefined, want: { seed: 1, faults: [] } },
    { raw: [], want: { seed: 1, faults: [] } },
    { raw: { seed: 9, faults: [{ kind: 'reset', rate: 0.5, method: 'get' }] }, want: { seed: 9, faults: [{ kind: 'reset', rate: 0.5, method: ['GET'] }] } },
    { raw: [{ kind: 'error' }], want: { seed: 1, faults: [{ kind: 'error', rate: 1, status: [500, 502, 503, 504] }] } },
    { raw: [{ kind: 'latency', ms: [10, 20], path: '/api/*' }], want: { seed: 1, faults: [{ kind: 'latency', ms: [10, 20], path: '/api/*' }] } },
    { raw: [{ kind: 'token-outage', requests: 2 }], want: { seed: 1, faults: [{ kind: 'token-outage', startAfterMs: 0, durationMs: undefined, requests: 2 }] } },
    { raw: [{ kind: 'reset', path: '/api/schema', times: 1 }], want: { seed: 1, faults: [{ kind: 'reset', rate: 1, path: '/api/schema', times: 1 }] } },
  ];
  it.each(good)('accepts $raw', ({ raw, want }) => {
    expect(parseFaultsConfig(raw)).toEqual(want);
  });

  const bad = [
    { raw: 'nope', field: 'faults must' },
    { raw: { faults: {} }, field: 'faults.faults' },
    { raw: { seed: 1.5 }, field: 'faults.seed' },
    { raw: [{ kind: 'reset', times: 0 }], field: 'faults[0].times' },
    { raw: [{ kind: 'explode' }], field: 'faults[0].kind' },
    { raw: [{ kind: 'error', rate: 2 }], field: 'faults[0].rate' },
    { raw: [{ kind: 'error', status: 404 }], field: 'faults[0].status' },
    { raw: [{ kind: 'latency' }], field: 'faults[0].ms' },
    { raw: [{ kind: 'latency', ms: [30, 10] }], field: 'faults[0].ms' },
    { raw: [{ kind: 'reset', path: 'api/*' }], field: 'faults[0].path' },
    { raw: [{ kind: 'reset', method: ['GET', 3] }], field: 'faults[0].method' },
    { raw: [{ kind: 'rate-limit', retryAfter: -1 }], field: 'faults[0].retryAfter' },
    { raw: [{ kind: 'rotate-secret', afterRequests: 3 }], field: 'faults[0].clientId' },
    { raw: [{ kind: 'rotate-secret', clientId: 'c' }], field: 'faults[0].afterRequests' },
    { raw: [{ kind: 'token-outage', requests: 0 }], field: 'faults[0].requests' },
    { raw: [{ kind: 'reset' }, { kind: 'drift', pointer: 'name', change: 'null' }], field: 'faults[1].pointer' },
    { raw: [{ kind: 'drift', pointer: '/name', change: 'rename' }], field: 'faults[0].change' },
  ];
  it.each(bad)('refuses $raw naming $field', ({ raw, field }) => {
    let error: unknown;
    try {
      parseFaultsConfig(raw);
    } catch (caught) {
      error = caught;
    }
    expect(isJamfContractError(error) && error.code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toContain(field);
  });
});

describe('path globs', () => {
  const cases = [
    { glob: '/JSSResource/*', path: '/JSSResource/computers/id/1', want: true },
    { glob: '/JSSResource/*', path: '/api/v1/buildings', want: false },
    { glob: '/api/v1/computers-inventory*', path: '/api/v1/computers-inventory', want: true },
    { glob: '/api/v1/computers-inventory*', path: '/api/v1/computers-inventory-detail/3', want: true },
    { glob: '/api/v?/buildings', path: '/api/v1/buildings', want: true },
    { glob: '/api/v1/buildings', path: '/api/v1/buildings/1', want: false },
    { glob: '/api/(x)', path: '/api/(x)', want: true },
  ];
  it.each(cases)('$glob ~ $path → $want', ({ glob, path, want }) => {
    expect(globToRegExp(glob).test(path)).toBe(want);
  });
});

describe('faults before()', () => {
  it('does nothing without faults', async () => {
    const { faults } = harness([]);
    expect(await outcomes(faults, times(3, req('GET', '/api/v1/buildings')))).toEqual(['pass', 'pass', 'pass']);
  });

  const cases = [
    { name: 'error at rate 1 on a path', raw: [{ kind: 'error', status: 503, path: '/api/*' }], requests: [req('GET', '/api/v1/buildings'), req('GET', '/JSSResource/buildings')], want: [503, 'pass'] },
    { name: 'error limited to a method', raw: [{ kind: 'error', status: 500, method: 'POST' }], requests: [req('GET', '/api/x'), req('POST', '/api/x')], want: ['pass', 500] },
    { name: 'error at rate 0', raw: [{ kind: 'error', rate: 0 }], requests: times(3, req('GET', '/a')), want: ['pass', 'pass', 'pass'] },
    { name: 'error at rate 0.5 with a scripted random', raw: [{ kind: 'error', rate: 0.5, status: 502 }], random: [0.1, 0.9, 0.4], requests: times(3, req('GET', '/a')), want: [502, 'pass', 502] },
    { name: 'status chosen from a list', raw: [{ kind: 'error', status: [500, 504] }], random: [0.7, 0.2], requests: [req('GET', '/a'), req('GET', '/a')], want: [504, 500] },
    { name: 'reset', raw: [{ kind: 'reset', path: '/JSSResource/*' }], requests: [req('GET', '/JSSResource/computers'), req('GET', '/api/x')], want: ['reset', 'pass'] },
    { name: 'rate limit', raw: [{ kind: 'rate-limit', retryAfter: 7 }], requests: [req('GET', '/api/x')], want: [429] },
    { name: 'reset wins over a 5xx', raw: [{ kind: 'error' }, { kind: 'reset' }], requests: [req('GET', '/a')], want: ['reset'] },
    { name: 'token outage for N requests', raw: [{ kind: 'token-outage', requests: 2 }], requests: [req('POST', '/api/oauth/token'), req('GET', '/api/v1/buildings'), req('POST', '/api/v1/oauth/token'), req('POST', '/api/v1/oauth/token')], want: [503, 'pass', 503, 'pass'] },
  ];
  it.each(cases)('$name', async ({ raw, random, requests, want }) => {
    const script = random === undefined ? undefined : [...random];
    const { faults } = harness(raw, script === undefined ? undefined : () => script.shift() ?? 0.99);
    expect(await outcomes(faults, requests)).toEqual(want);
  });

  it('a seeded rate is deterministic', async () => {
    const run = async (): Promise<Array<number | string>> => outcomes(harness({ seed: 42, faults: [{ kind: 'error', rate: 0.3 }] }).faults, times(50, req('GET', '/a')));
    const first = await run();
    expect(await run()).toEqual(first);
    const failures = first.filter((outcome) => outcome !== 'pass').length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(30);
  });

  it('seededRandom stays in [0, 1)', () => {
    const random = seededRandom(3);
    const values = Array.from({ length: 1000 }, random);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  const latencies = [
    { name: 'fixed', raw: [{ kind: 'latency', ms: 250 }], random: [], want: [250] },
    { name: 'range', raw: [{ kind: 'latency', ms: [100, 200] }], random: [0.5], want: [150] },
    { name: 'two rules add up', raw: [{ kind: 'latency', ms: 10 }, { kind: 'latency', ms: 5, path: '/api/*' }], random: [], want: [15] },
    { name: 'not on other paths', raw: [{ kind: 'latency', ms: 10, path: '/JSSResource/*' }], random: [], want: [] },
  ];
  it.each(latencies)('latency: $name', async ({ raw, random, want }) => {
    const { faults, slept } = harness(raw, () => random.shift() ?? 0);
    expect(await faults.before(req('GET', '/api/v1/buildings'))).toBeUndefined();
    expect(slept).toEqual(want);
  });

  const windows = [
    { name: 'before the window', at: 1_000 + 499, want: 'pass' },
    { name: 'inside the window', at: 1_000 + 500, want: 503 },
    { name: 'end of the window', at: 1_000 + 1_499, want: 503 },
    { name: 'after the window', at: 1_000 + 1_500, want: 'pass' },
  ];
  it.each(windows)('token outage time window: $name', async ({ at, want }) => {
    const { faults, clock } = harness([{ kind: 'token-outage', startAfterMs: 500, durationMs: 1_000 }]);
    clock.ms = at;
    expect(await outcomes(faults, [req('POST', '/api/oauth/token')])).toEqual([want]);
  });

  it('rotates the secret once, after N requests', async () => {
    const { faults, rotated } = harness([{ kind: 'rotate-secret', clientId: 'demo-client', afterRequests: 2, path: '/api/*' }]);
    const seen: number[] = [];
    for (const path of ['/api/a', '/JSSResource/b', '/api/c', '/api/d', '/api/e']) {
      await faults.before(req('GET', path));
      seen.push(rotated.length);
    }
    expect(seen).toEqual([0, 0, 0, 1, 1]);
    expect(rotated).toEqual(['demo-client']);
  });
});

describe('fault bodies', () => {
  const cases = [
    { path: '/api/v1/buildings', status: 500, type: 'application/json;charset=UTF-8', contains: '"httpStatus":500,"errors":[{"code":"INTERNAL_SERVER_ERROR"' },
    { path: '/api/v1/buildings', status: 503, type: 'application/json;charset=UTF-8', contains: '"code":"SERVICE_UNAVAILABLE"' },
    { path: '/JSSResource/buildings', status: 500, type: 'text/html;charset=UTF-8', contains: '<title>Status page</title>' },
    { path: '/JSSResource/buildings', status: 503, type: 'text/html;charset=UTF-8', contains: 'Service Unavailable' },
    { path: '/api/v1/buildings', status: 502, type: 'text/html', contains: '<h1>502 Bad Gateway</h1>' },
    { path: '/JSSResource/buildings', status: 504, type: 'text/html', contains: '<title>504 Gateway Time-out</title>' },
  ];
  it.each(cases)('$status on $path', async ({ path, status, type, contains }) => {
    const { faults } = harness([{ kind: 'error', status }]);
    const response = (await faults.before(req('GET', path))) as SimResponse;
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe(type);
    expect(String(response.body).replace(/\s+/g, '')).toContain(contains.replace(/\s+/g, ''));
  });

  it('429 carries Retry-After and a Jamf body', async () => {
    const { faults } = harness([{ kind: 'rate-limit', retryAfter: 3 }]);
    const response = (await faults.before(req('GET', '/api/v1/buildings'))) as SimResponse;
    expect(response.headers['retry-after']).toBe('3');
    expect(JSON.parse(String(response.body))).toMatchObject({ httpStatus: 429 });
  });
});

describe('schema drift in after()', () => {
  const json = (body: unknown, pretty = false): SimResponse => ({
    status: 200,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'content-length': '10' },
    body: pretty ? JSON.stringify(body, null, 2).replace(/": /g, '" : ') : JSON.stringify(body),
  });
  const page = { totalCount: 2, results: [{ id: '1', name: 'A', count: 3, on: true }, { id: '2', name: 'B', count: 4, on: false }] };
  const cases = [
    { name: 'remove in every result', pointer: '/results/*/name', change: 'remove', want: { totalCount: 2, results: [{ id: '1', count: 3, on: true }, { id: '2', count: 4, on: false }] } },
    { name: 'null one field', pointer: '/totalCount', change: 'null', want: { ...page, totalCount: null } },
    { name: 'number becomes string', pointer: '/results/*/count', change: 'type', want: { totalCount: 2, results: [{ id: '1', name: 'A', count: '3', on: true }, { id: '2', name: 'B', count: '4', on: false }] } },
    { name: 'numeric string becomes number', pointer: '/results/0/id', change: 'type', want: { totalCount: 2, results: [{ id: 1, name: 'A', count: 3, on: true }, page.results[1]] } },
    { name: 'boolean becomes string', pointer: '/results/1/on', change: 'type', want: { totalCount: 2, results: [page.results[0], { id: '2', name: 'B', count: 4, on: 'false' }] } },
    { name: 'array becomes string', pointer: '/results', change: 'type', want: { totalCount: 2, results: JSON.stringify(page.results) } },
    { name: 'absent field is left alone', pointer: '/general/name', change: 'null', want: page },
  ];
  it.each(cases)('$name', ({ pointer, change, want }) => {
    const { faults } = harness([{ kind: 'drift', pointer, change, path: '/api/v1/*' }]);
    const response = faults.after(req('GET', '/api/v1/buildings'), json(page));
    expect(JSON.parse(String(response.body))).toEqual(want);
  });

  it('drops Content-Length and keeps Jamf pretty printing', () => {
    const { faults } = harness([{ kind: 'drift', pointer: '/general/name', change: 'null' }]);
    const response = faults.after(req('GET', '/api/v1/x'), json({ general: { name: 'A' } }, true));
    expect(response.headers['content-length']).toBeUndefined();
    expect(String(response.body)).toContain('"name" : null');
  });

  const untouched = [
    { name: 'other path', path: '/api/v2/buildings', response: json(page) },
    { name: 'XML body', path: '/api/v1/buildings', response: { status: 200, headers: { 'content-type': 'text/xml' }, body: '<a/>' } },
    { name: 'error status', path: '/api/v1/buildings', response: { ...json(page), status: 404 } },
    { name: 'unparseable JSON', path: '/api/v1/buildings', response: { ...json(page), body: '{nope' } },
  ];
  it.each(untouched)('leaves $name alone', ({ path, response }) => {
    const { faults } = harness([{ kind: 'drift', pointer: '/totalCount', change: 'remove', path: '/api/v1/*' }]);
    expect(faults.after(req('GET', path), response)).toBe(response);
  });
});

describe('createFaults input', () => {
  it('takes a raw config too and validates it', async () => {
    const rotated: string[] = [];
    const faults = createFaults({ faults: [{ kind: 'error', status: 503, method: 'get' }] }, { rotateSecret: (id) => rotated.push(id) });
    expect(await outcomes(faults, [req('GET', '/api/x'), req('POST', '/api/x')])).toEqual([503, 'pass']);
    expect(() => createFaults({ faults: [{ kind: 'error', rate: -1 }] }, { rotateSecret: () => undefined })).toThrow(/faults\[0\]\.rate/);
  });

  it('parsing a parsed config changes nothing', () => {
    const parsed = parseFaultsConfig({ seed: 3, faults: [{ kind: 'latency', ms: [1, 2], method: 'get', path: '/api/*' }, { kind: 'token-outage', durationMs: 5 }] });
    expect(parseFaultsConfig(parsed)).toEqual(parsed);
  });
});

describe('faults in the running simulator', () => {
  let sim: { url: string; close(): Promise<void> } | undefined;
  afterAll(async () => {
    await sim?.close();
  });

  it('answers Classic 503s, resets and drifted Pro API JSON', async () => {
    const { startSimulator } = await import('../../src/simulator/index.ts');
    sim = await startSimulator({
      port: 0,
      faults: {
        faults: [
          { kind: 'error', status: 503, path: '/JSSResource/buildings' },
          { kind: 'reset', path: '/JSSResource/departments' },
          { kind: 'drift', path: '/api/v1/buildings', pointer: '/results/*/name', change: 'null' },
        ],
      },
    });
    const url = sim.url;
    const get = (path: string, token?: string): Promise<Response> =>
      fetch(`${url}${path}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5_000) });
    const classic = await get('/JSSResource/buildings');
    expect(classic.status).toBe(503);
    expect(await classic.text()).toContain('<title>Status page</title>');
    await expect(get('/JSSResource/departments')).rejects.toThrow();
    const tokenResponse = await fetch(`${url}/api/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' }),
      signal: AbortSignal.timeout(5_000),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const page = (await (await get('/api/v1/buildings?page-size=3', token)).json()) as { results: Array<{ name: unknown }> };
    expect(page.results.map((result) => result.name)).toEqual([null, null, null]);
  });
});
