/**
 * Schema mode against Jamf's real documents (`startSimulator({ openapi })`, what
 * `simulate --openapi FILE` runs): every GET of the document, called with ids taken from its
 * list operation where there is one, answers 2xx with a body the project's contract checker
 * finds no violation in; every generated write answers its documented success status.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- arbitrary JSON documents */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specFromDocument } from '../../src/load/spec.ts';
import { allRoutes, startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';
import { createContractChecker, type ContractChecker } from '../../src/validate/index.ts';
import { userToken } from './helpers.ts';

const VERSIONS = ['11.29.1', '11.30.1'];
const fileOf = (v: string): URL => new URL(`../../../shared/jamf/openapi/jamf-pro-api-${v}.json`, import.meta.url);
for (const v of VERSIONS) if (!existsSync(fileOf(v))) console.log(`Skipping schema-mode checks for ${v}: ../shared/jamf/openapi/jamf-pro-api-${v}.json is absent.`);

type Json = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface Exchange { method: string; path: string; status: number; headers: Record<string, string>; body: Buffer }

/** The id of a list item as documented for schema mode: the parameter's name, `id`, `<stem>…`, then the first `…Id`/`…Uuid`. */
function idOf(item: Json, param: string): string | undefined {
  const names = Object.keys(item);
  const stem = param.replace(/(Id|-id|ID)$/, '');
  const key = names.includes(param) ? param
    : names.includes('id') ? 'id'
      : (stem !== param ? names.find((n) => n.startsWith(stem)) : undefined) ?? names.find((n) => /(Id|Uuid|UUID)$/.test(n));
  return key === undefined ? undefined : String(item[key]);
}

function queryFor(doc: Json, op: Json, pathItem: Json): string {
  const params = [...(pathItem.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p));
  const required = params.filter((p: Json) => p.in === 'query' && p.required);
  const value = (p: Json): string => {
    const s = p.schema ?? {};
    const v = s.default ?? s.enum?.[0] ?? s.items?.enum?.[0] ?? (s.type === 'integer' ? 1 : 'a');
    return String(Array.isArray(v) ? v[0] : v);
  };
  return required.length ? `?${required.map((p: Json) => `${encodeURIComponent(p.name)}=${encodeURIComponent(value(p))}`).join('&')}` : '';
}

for (const version of VERSIONS) describe.skipIf(!existsSync(fileOf(version)))(`schema mode with Jamf Pro ${version}`, () => {
  let doc: Json;
  let sim: RunningSimulator;
  let checker: ContractChecker;
  let token: string;
  beforeAll(async () => {
    const path = fileOf(version).pathname;
    doc = JSON.parse(readFileSync(path, 'utf8'));
    checker = createContractChecker({ pro: specFromDocument(doc, path, 'pro') });
    sim = await startSimulator({ openapi: path });
    token = await userToken(sim);
  });
  afterAll(async () => { await sim?.close(); });

  async function send(method: string, path: string, body?: unknown): Promise<Exchange> {
    const res = await fetch(`${sim.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { method, path, status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) };
  }

  /** The template with every path parameter filled from its list operation (or "1"). */
  async function concrete(template: string): Promise<string> {
    let path = '';
    for (const segment of template.split('/').slice(1)) {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      if (param === undefined) {
        path += `/${segment}`;
        continue;
      }
      let id = '1';
      if (doc.paths[templateOf(template, path)]?.get) {
        const list = await send('GET', path);
        const json = list.status === 200 ? JSON.parse(list.body.toString()) : undefined;
        const first = Array.isArray(json) ? json[0] : json?.results?.[0];
        if (first && typeof first === 'object') id = idOf(first, param) ?? id;
      }
      path += `/${encodeURIComponent(id)}`;
    }
    return path;
  }

  /** The template of a concrete prefix: same number of segments, taken from the full template. */
  function templateOf(full: string, prefix: string): string {
    return full.split('/').slice(0, prefix.split('/').length).join('/');
  }

  function violations(e: Exchange): string[] {
    const result = checker.check({ method: e.method, url: `${sim.url}/api${e.path}`, serverUrl: sim.url, status: e.status, headers: e.headers, body: e.body });
    return result.findings.filter((f) => f.severity === 'violation').map((f) => `${e.method} ${e.path} ${e.status}: ${f.kind} ${f.pointer ?? ''} ${f.message}`);
  }

  it('answers as that version, serves the document at /api/schema', async () => {
    expect(sim.jamfVersion).toBe(version);
    const served = await fetch(`${sim.url}/api/schema`);
    expect(await served.json()).toEqual(doc);
    const v = JSON.parse((await send('GET', '/v1/jamf-pro-version')).body.toString());
    expect(v.version).toMatch(new RegExp(`^${version.replaceAll('.', '\\.')}-t\\d+$`));
  });

  it('every GET answers 2xx with a body that has no contract violation', async () => {
    const problems: string[] = [];
    let calls = 0;
    for (const [template, item] of Object.entries(doc.paths as Json)) {
      if (!item.get) continue;
      const path = (await concrete(template)) + queryFor(doc, item.get, item);
      const e = await send('GET', path);
      calls++;
      if (e.status < 200 || e.status > 299) problems.push(`GET ${path}: ${e.status} ${e.body.toString().slice(0, 200)}`);
      else problems.push(...violations(e));
    }
    expect(calls).toBe(Object.values(doc.paths as Json).filter((i: Json) => i.get).length);
    expect(problems).toEqual([]);
  });

  it('every generated write answers its documented success status, with a valid body', async () => {
    const native = new Set(allRoutes().map((r) => `${r.method} ${r.path}`));
    const writes: Array<[string, string, Json]> = [];
    for (const [template, item] of Object.entries(doc.paths as Json)) {
      for (const method of METHODS.slice(1)) if (item[method] && !native.has(`${method.toUpperCase()} ${template}`)) writes.push([method, template, item[method]]);
    }
    // Deletions last, so the objects the other writes name still exist.
    writes.sort((a, b) => Number(a[0] === 'delete') - Number(b[0] === 'delete'));
    const problems: string[] = [];
    for (const [method, template, op] of writes) {
      const expected = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s)).sort()[0];
      const e = await send(method.toUpperCase(), await concrete(template), op.requestBody?.content?.['application/json'] ? {} : undefined);
      if (String(e.status) !== expected) problems.push(`${method.toUpperCase()} ${e.path}: ${e.status}, documented ${expected}`);
      else problems.push(...violations(e));
    }
    expect(writes.length).toBeGreaterThan(300);
    expect(problems).toEqual([]);
  });
});
