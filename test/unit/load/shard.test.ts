import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCollections, type LoadedCollection } from '../../../src/load/collection.ts';
import { walkItems } from '../../../src/load/postman-types.ts';
import { parseShard, requestKey, selectShard, suiteFingerprint, timingsFromRequests } from '../../../src/load/shard.ts';
import { repoRoot } from '../../helpers/cli.ts';
import { collection, folder, request } from '../../helpers/collections.ts';

const OFFICIAL = resolve(repoRoot, '../shared/jamf/postman/classic-api-v10.35.postman_collection.json');
if (!existsSync(OFFICIAL)) console.warn(`Skipping the shard split of Jamf's official Classic collection: ${OFFICIAL} is absent.`);

function loaded(name: string, items: ReturnType<typeof collection>['item']): LoadedCollection {
  return { file: `/tmp/${name}.json`, name, schemaVersion: '2.1.0', json: collection(name, items) };
}

const names = (cs: LoadedCollection[]): string[] => cs.flatMap((c) => [...walkItems(c.json.item)].map(({ item, folders }) => [c.name, ...folders, item.name].join('/')));

/** Every shard's request names, for shards 1..n. */
const split = (cs: LoadedCollection[], total: number, timings?: Map<string, number>): string[][] =>
  Array.from({ length: total }, (_, i) => names(selectShard(cs, { index: i + 1, total, ...(timings ? { timings } : {}) }).collections));

const gets = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => request(`${prefix}${i}`, `{{baseUrl}}/v1/${prefix}/${i}`));

describe('parseShard', () => {
  const table: Array<{ given: string; want?: { index: number; total: number } }> = [
    { given: '1/3', want: { index: 1, total: 3 } },
    { given: ' 3 / 3 ', want: { index: 3, total: 3 } },
    { given: '1/1', want: { index: 1, total: 1 } },
    { given: '0/3' },
    { given: '4/3' },
    { given: '2' },
    { given: '1/0' },
    { given: 'a/b' },
    { given: '-1/3' },
  ];
  for (const { given, want } of table) {
    it(`${given} → ${want ? `${want.index} of ${want.total}` : 'USAGE'}`, () => {
      if (want) expect(parseShard(given)).toEqual(want);
      else expect(() => parseShard(given)).toThrow(expect.objectContaining({ code: 'USAGE', exitCode: 1 }));
    });
  }
});

describe('selectShard', () => {
  const a = loaded('A', [
    folder('Big', gets('big', 6)),
    folder('Writer', [
      request('create', '{{baseUrl}}/v1/things', { method: 'POST', tests: ['pm.collectionVariables.set("thingId", pm.response.json().id);'] }),
      request('read', '{{baseUrl}}/v1/things/{{thingId}}'),
    ]),
    folder('Follower', [request('read again', '{{baseUrl}}/v1/things/{{thingId}}')]),
    folder('Reader', [request('by script', '{{baseUrl}}/v1/x', { prerequest: ['const id = pm.environment.get("otherId");'] })]),
    folder('Setter', [request('sets other', '{{baseUrl}}/v1/y', { tests: ['pm.environment.set("otherId", 1);'] })]),
    folder('Small', gets('small', 1)),
  ]);
  const b = loaded('B', [request('loose 1', '{{baseUrl}}/v1/l1'), folder('Mid', gets('mid', 3)), request('loose 2', '{{baseUrl}}/v1/l2')]);
  const both = [a, b];

  it('no shard: everything, and the suite fingerprint', () => {
    const s = selectShard(both);
    expect(s.collections).toBe(both);
    expect(s.shard).toBeUndefined();
    expect(s.suite).toMatch(/^[0-9a-f]{16}$/);
  });

  it('every request in exactly one shard, for every shard count', () => {
    const all = names(both);
    for (let total = 1; total <= 9; total++) {
      const parts = split(both, total);
      expect(parts.flat().sort()).toEqual([...all].sort());
    }
  });

  it('keeps the run order inside each shard', () => {
    const all = names(both);
    for (const part of split(both, 3)) expect(part).toEqual(all.filter((n) => part.includes(n)));
  });

  it('keeps folders whole, joins folders chained through variables, and keeps loose requests together', () => {
    const owner = new Map<string, number>();
    split(both, 5).forEach((part, i) => part.forEach((n) => owner.set(n, i)));
    const same = (x: string, y: string): boolean => owner.get(x) === owner.get(y);
    expect(same('A/Big/big0', 'A/Big/big5')).toBe(true);
    // Follower reads {{thingId}}, which only Writer sets: the write and its follow-ups stay together.
    expect(same('A/Writer/create', 'A/Follower/read again')).toBe(true);
    // Reader's script reads otherId, which Setter sets.
    expect(same('A/Reader/by script', 'A/Setter/sets other')).toBe(true);
    expect(same('B/loose 1', 'B/loose 2')).toBe(true);
  });

  it('a token variable in auth settings chains nothing: the run replaces auth', () => {
    const bearer = { type: 'bearer', bearer: [{ key: 'token', value: '{{accessToken}}' }] };
    const c = loaded('Auth', [
      folder('Login', [request('token', '{{baseUrl}}/v1/auth/token', { method: 'POST', tests: ['pm.environment.set("accessToken", pm.response.json().token);'] })]),
      folder('One', gets('one', 2), { auth: bearer }),
      folder('Two', gets('two', 2), { auth: bearer }),
    ]);
    expect(split([c], 3).map((p) => p.length)).toEqual([2, 2, 1]);
  });

  it('balances by request count: largest parts first, to the lightest shard', () => {
    expect(split(both, 3).map((p) => p.length)).toEqual([6, 6, 5]);
  });

  it('balances by measured time with timings', () => {
    // Small is slow: with timings it gets a shard of its own.
    const timings = new Map<string, number>();
    for (const c of both) for (const { item, folders } of walkItems(c.json.item)) timings.set(requestKey(c.name, folders, item.name ?? ''), 5);
    timings.set(requestKey('A', ['Small'], 'small0'), 10_000);
    const parts = split(both, 2, timings);
    const small = parts.find((p) => p.includes('A/Small/small0'))!;
    expect(small).toEqual(['A/Small/small0']);
    expect(selectShard(both, { index: 1, total: 2, timings }).shard?.by).toBe('time');
  });

  it('is deterministic: the same inputs, the same split', () => {
    expect(split(both, 4)).toEqual(split(structuredClone(both), 4));
  });

  it('an empty shard says so', () => {
    const one = loaded('One', [folder('Only', gets('x', 2))]);
    const s = selectShard([one], { index: 2, total: 2 });
    expect(s.collections).toEqual([]);
    expect(s.shard).toMatchObject({ index: 2, total: 2, requests: 0, suiteRequests: 2 });
    expect(s.notices).toEqual([expect.objectContaining({ level: 'warning', code: 'SHARD_EMPTY' })]);
  });

  it('every shard shares the suite fingerprint; another suite has another', () => {
    const fingerprints = new Set(Array.from({ length: 3 }, (_, i) => selectShard(both, { index: i + 1, total: 3 }).suite));
    expect(fingerprints).toEqual(new Set([suiteFingerprint(both)]));
    expect(suiteFingerprint([a])).not.toBe(suiteFingerprint(both));
  });

  it('the project collections: 3 shards of 14 requests, each request once', async () => {
    const cs = await loadCollections(['collections/']);
    const parts = split(cs, 3);
    expect(parts.map((p) => p.length)).toEqual([14, 14, 14]);
    expect(parts.flat().sort()).toEqual(names(cs).sort());
  });

  it.runIf(existsSync(OFFICIAL))("Jamf's official Classic collection: its 79 folders dealt over 3 shards", async () => {
    const cs = await loadCollections([OFFICIAL]);
    const parts = split(cs, 3);
    expect(parts.map((p) => p.length).reduce((x, y) => x + y)).toBe(617);
    expect(Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length))).toBeLessThanOrEqual(10);
    expect(new Set(parts.flat()).size).toBe(new Set(names(cs)).size);
  });
});

describe('timingsFromRequests', () => {
  it('averages each request over its iterations and ignores requests without a response', () => {
    const t = timingsFromRequests([
      { collection: 'A', folders: ['F'], itemName: 'r', response: { timeMs: 10 } },
      { collection: 'A', folders: ['F'], itemName: 'r', response: { timeMs: 30 } },
      { collection: 'A', folders: ['F'], itemName: 'skipped' },
      // Entries that are not requests (a damaged or hand-edited file) are passed over, not a crash.
      null as unknown as Record<string, unknown>,
      5 as unknown as Record<string, unknown>,
      { collection: 'A', folders: ['F'], itemName: 'odd', response: null },
    ]);
    expect([...t]).toEqual([[requestKey('A', ['F'], 'r'), 20]]);
  });
});
