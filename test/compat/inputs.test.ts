/**
 * Inputs newman accepts, run by newman and by jamf-contract against the same local server:
 * the same requests are sent and the same assertions pass, in the same order. Byte order
 * marks and UTF-16 files, v1 collections, collections without `info`, CSV data read with
 * relaxed quotes and typed numbers, JSON data keeping its types, disabled environment
 * values, and a globals file.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collection, request, tempDir } from '../helpers/collections.ts';
import { encode, type Encoding } from '../helpers/encodings.ts';
import { tinyServer, type TinyServer } from '../helpers/http.ts';
import { runCaptured } from '../helpers/run.ts';

const require = createRequire(import.meta.url);
interface NewmanSummary {
  run: { executions: Array<{ item: { name: string }; request?: { url: { toString(): string } }; assertions?: Array<{ assertion: string; error?: unknown }> }>; failures: unknown[] };
}
const newman = require('newman') as { run(options: Record<string, unknown>, cb: (err: Error | null, summary: NewmanSummary) => void): void };

let server: TinyServer;
beforeAll(async () => {
  server = await tinyServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url }));
  });
});
afterAll(async () => {
  await server.close();
});

interface Inputs {
  collection: string;
  environment?: string;
  globals?: string;
  data?: string;
}

type Outcome = Array<[string, string, Array<[string, boolean]>]>;

function viaNewman(inputs: Inputs): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: inputs.collection,
        ...(inputs.environment ? { environment: inputs.environment } : {}),
        ...(inputs.globals ? { globals: inputs.globals } : {}),
        ...(inputs.data ? { iterationData: inputs.data } : {}),
        envVar: [{ key: 'url', value: server.url }],
        reporters: [],
      },
      (err, summary) => {
        if (err) return reject(err);
        resolve(summary.run.executions.map((e) => [e.item.name, new URL(e.request!.url.toString()).pathname, (e.assertions ?? []).map((a) => [a.assertion, !a.error] as [string, boolean])]));
      },
    );
  });
}

async function viaJamfContract(inputs: Inputs): Promise<Outcome> {
  const { results } = await runCaptured({
    collections: [inputs.collection],
    serverUrl: server.url,
    credentials: {},
    auth: 'none',
    ...(inputs.environment ? { envFile: inputs.environment } : {}),
    ...(inputs.globals ? { globalsFile: inputs.globals } : {}),
    ...(inputs.data ? { iterationDataFile: inputs.data } : {}),
  });
  return results.map((r) => [r.itemName, new URL(r.url).pathname, r.tests.map((t) => [t.name, t.passed] as [string, boolean])]);
}

function file(name: string, content: string, encoding: Encoding = 'utf-8'): string {
  const path = join(tempDir('jc-compat-'), name);
  writeFileSync(path, encode(content, encoding));
  return path;
}

const echo = (name: string, tests: string[]): ReturnType<typeof request> => request(name, '{{url}}/JSSResource/echo', { tests });

const cases: Array<{ name: string; inputs: () => Inputs; asserts: number }> = [
  {
    name: 'a collection with a UTF-8 byte order mark',
    inputs: () => ({ collection: file('bom.json', JSON.stringify(collection('BOM', [echo('one', ["pm.test('status', () => pm.response.to.have.status(200));"])])), 'utf-8-bom') }),
    asserts: 1,
  },
  {
    name: 'a UTF-16LE collection and environment (PowerShell)',
    inputs: () => ({
      collection: file('c16.json', JSON.stringify(collection('UTF16', [echo('env', ["pm.test('env value', () => pm.expect(pm.environment.get('site')).to.eql('Zürich'));"])])), 'utf-16le-bom'),
      environment: file('e16.json', JSON.stringify({ name: 'E', values: [{ key: 'site', value: 'Zürich' }] }), 'utf-16le-bom'),
    }),
    asserts: 1,
  },
  {
    name: 'a v2 collection without info',
    inputs: () => ({ collection: file('noinfo.json', JSON.stringify({ item: [echo('bare', ["pm.test('ran', () => pm.expect(pm.response.json().path).to.eql('/JSSResource/echo'));"])] })) }),
    asserts: 1,
  },
  {
    name: 'a v1 collection',
    inputs: () => ({
      collection: file('v1.json', JSON.stringify({
        id: 'c1', name: 'Old', order: ['r1', 'r2'],
        requests: [
          { id: 'r2', name: 'second', url: '{{url}}/JSSResource/two', method: 'GET', tests: "tests['two'] = responseCode.code === 200;" },
          { id: 'r1', name: 'first', url: '{{url}}/JSSResource/one', method: 'GET', tests: "tests['one'] = responseCode.code === 200;" },
        ],
      })),
    }),
    asserts: 2,
  },
  {
    name: 'CSV data: relaxed quotes, typed unquoted numbers, quoted strings, booleans as strings',
    inputs: () => ({
      collection: file('csv.json', JSON.stringify(collection('CSV', [echo('row', [
        "pm.test('n is a number', () => pm.expect(pm.iterationData.get('n')).to.eql(7890));",
        "pm.test('quoted stays text', () => pm.expect(pm.iterationData.get('q')).to.eql('0042'));",
        "pm.test('flag is text', () => pm.expect(pm.iterationData.get('flag')).to.eql('true'));",
        "pm.test('relaxed', () => pm.expect(pm.iterationData.get('say')).to.eql('a \"b\" c'));",
      ])]))),
      data: file('data.csv', 'n,q,flag,say\n7890,"0042",true,a "b" c\n7890,"0042",true,a "b" c\n'),
    }),
    asserts: 8,
  },
  {
    name: 'JSON data keeps its types',
    inputs: () => ({
      collection: file('jsondata.json', JSON.stringify(collection('JSON data', [echo('typed', [
        "pm.test('number', () => pm.expect(pm.iterationData.get('id')).to.eql(42));",
        "pm.test('boolean', () => pm.expect(pm.iterationData.get('on')).to.eql(true));",
        "pm.test('object', () => pm.expect(pm.iterationData.get('site')).to.eql({ name: 'HQ' }));",
      ])]))),
      data: file('data.json', JSON.stringify([{ id: 42, on: true, site: { name: 'HQ' } }])),
    }),
    asserts: 3,
  },
  {
    name: 'an environment value with disabled: true is left out',
    inputs: () => ({
      collection: file('disabled.json', JSON.stringify(collection('Disabled', [echo('env', ["pm.test('left out', () => pm.expect(pm.environment.has('off')).to.eql(false));", "pm.test('kept', () => pm.expect(pm.environment.get('on')).to.eql('yes'));"])]))),
      environment: file('env.json', JSON.stringify({ name: 'E', values: [{ key: 'off', value: 'x', disabled: true }, { key: 'on', value: 'yes' }] })),
    }),
    asserts: 2,
  },
  {
    name: 'a globals file (-g)',
    inputs: () => ({
      collection: file('globals.json', JSON.stringify(collection('Globals', [request('global path', '{{url}}/JSSResource/{{resource}}', { tests: ["pm.test('global', () => pm.expect(pm.globals.get('resource')).to.eql('buildings'));"] })]))),
      globals: file('g.json', JSON.stringify({ name: 'Globals', values: [{ key: 'resource', value: 'buildings', enabled: true }], _postman_variable_scope: 'globals' }), 'utf-8-bom'),
    }),
    asserts: 1,
  },
];

describe('inputs newman accepts run the same under jamf-contract', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const inputs = c.inputs();
      const expected = await viaNewman(inputs);
      const actual = await viaJamfContract(inputs);
      expect(actual).toEqual(expected);
      const asserts = expected.flatMap(([, , a]) => a);
      expect(asserts).toHaveLength(c.asserts);
      expect(asserts.every(([, passed]) => passed)).toBe(true);
    });
  }

  it("enabled: false (the Postman app's flag) is honoured too, where newman's SDK would use the value", async () => {
    const inputs = {
      collection: file('enabled.json', JSON.stringify(collection('Enabled', [echo('env', ["pm.test('left out', () => pm.expect(pm.environment.has('off')).to.eql(false));"])]))),
      environment: file('env.json', JSON.stringify({ name: 'E', values: [{ key: 'off', value: 'x', enabled: false }] })),
    };
    const actual = await viaJamfContract(inputs);
    expect(actual[0]?.[2]).toEqual([['left out', true]]);
    const expected = await viaNewman(inputs);
    expect(expected[0]?.[2]).toEqual([['left out', false]]);
  });
});
