/**
 * Every GET the simulator's Classic swagger lists, called with keys of seeded objects and
 * checked with the project's contract checker against Jamf's gateway OpenAPI
 * (`classic-api-gateway-openapi.json`). Each answer must be 200 XML, and every violation
 * must be one of the real disagreements listed in `gateway-disagreements.ts` (places where
 * the simulator sends what Jamf sends and the gateway schema says otherwise).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type LoadedSpec } from '../../../src/load/spec.ts';
import { classicResources, classicRoutes } from '../../../src/simulator/classic/index.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { createContractChecker } from '../../../src/validate/index.ts';
import { userToken } from '../helpers.ts';
import { allowedFor, NOT_IN_GATEWAY } from './gateway-disagreements.ts';

const gatewayFile = new URL('../../../../shared/jamf/classic/classic-api-gateway-openapi.json', import.meta.url);
const present = existsSync(gatewayFile);
if (!present) console.warn(`skipping the every-GET gateway check: ${gatewayFile.pathname} is absent`);

/** Values for the parameters that are not a seeded object's key. */
const SAMPLES: Record<string, string> = {
  subset: 'General',
  match: '*',
  matchname: 'MAC-0*',
  start_date: '2026-06-01',
  end_date: '2026-06-30',
  filter: 'all',
};

const gets = classicRoutes.filter((route) => route.method === 'GET');

describe.skipIf(!present)('every Classic GET against the gateway schema', () => {
  let sim: RunningSimulator;
  let spec: LoadedSpec;
  let token: string;

  beforeAll(async () => {
    [sim, spec] = await Promise.all([startSimulator({}), loadSpec(gatewayFile.pathname)]);
    token = await userToken(sim);
  });
  afterAll(async () => sim?.close());

  /** `/{resource}/{segment}/{param}`: the key of the resource's first seeded object by that form. */
  function concrete(path: string): string {
    const [resourcePath = '', ...segments] = path.slice(1).split('/');
    const store = sim.state.nodes[0]!.store;
    return '/JSSResource/' + [resourcePath, ...segments.map((segment, at) => {
      const param = /^\{([^}]+)\}$/.exec(segment)?.[1];
      if (param === undefined) return segment.replace(/\{([^}]+)\}/g, (_, name: string) => SAMPLES[name] ?? '');
      const before = segments[at - 1];
      for (const resource of classicResources.filter((r) => r.path === resourcePath)) {
        const form = resource.forms.find((f) => f.segment === before && f.param === param);
        if (form === undefined) continue;
        const first = [...store.list(resource.kind)].sort((a, b) => Number(a['id']) - Number(b['id']))[0];
        if (first === undefined) return 'no-seeded-object';
        return encodeURIComponent(form.of === undefined ? String(first['id']) : form.of(first));
      }
      return encodeURIComponent(SAMPLES[param] ?? sampleKey(resourcePath, param));
    })].join('/');
  }

  /** Keys of a resource's own extra forms (`/ldapservers/id/{id}/user/{user}`…) come from the seed too. */
  function sampleKey(resourcePath: string, param: string): string {
    const store = sim.state.nodes[0]!.store;
    const pickFrom = (kind: string, path: string): string => {
      const first = store.list(kind)[0];
      return String(path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], first) ?? '');
    };
    const table: Record<string, () => string> = {
      // The report endpoints look computers up by these.
      id: () => pickFrom('computers', 'id'),
      name: () => pickFrom('computers', 'general.name'),
      udid: () => pickFrom('computers', 'udid'),
      serialnumber: () => pickFrom('computers', 'hardware.serialNumber'),
      macaddress: () => pickFrom('computers', 'hardware.macAddress'),
      user: () => pickFrom('users', 'name'),
      group: () => pickFrom('ldap-groups', 'name'),
      username: () => pickFrom('computers', 'userAndLocation.username'),
      application: () => 'Safari',
      version: () => ({
        computerapplications: '*',
        mobiledeviceapplications: pickFrom('mobile-device-applications', 'general.version'),
      })[resourcePath] ?? pickFrom('patch-software-titles', 'versions.0.software_version'),
      inventory: () => 'Computer Name',
      category: () => pickFrom('categories', 'name'),
      createdBy: () => 'jss',
      command: () => (resourcePath === 'mobiledevicecommands' ? 'DeviceLock' : 'DeviceLock'),
      uuid: () => pickFrom(resourcePath === 'mobiledevicecommands' ? 'mobile-device-commands' : 'computer-commands', 'uuid'),
      bundleid: () => pickFrom('mobile-device-applications', 'general.bundle_id'),
      softwaretitleconfigid: () => '1',
    };
    return table[param]?.() ?? '1';
  }

  it('serves 78 resources, the official collection\'s count', () => {
    expect(new Set(classicRoutes.map((route) => route.path.split('/')[1])).size).toBe(78);
  });

  it('marks a form Jamf answers but the gateway does not list as undocumented there, and nothing else', async () => {
    const checker = createContractChecker({ classic: spec });
    const url = `${sim.url}/JSSResource/computers/name/MAC-001/subset/General`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const result = checker.check({ method: 'GET', url, serverUrl: sim.url, status: 200, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
    expect(result.findings.map((finding) => finding.kind)).toEqual(['undocumented-operation']);
  });

  it.each(gets.map((route) => ({ path: route.path })))('GET $path', async ({ path }) => {
    const checker = createContractChecker({ classic: spec });
    const url = `${sim.url}${concrete(path)}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status, `${url}: ${body.toString('utf8').slice(0, 300)}`).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml;charset=UTF-8');
    const result = checker.check({ method: 'GET', url, serverUrl: sim.url, status: res.status, headers: Object.fromEntries(res.headers), body });
    const allowed = allowedFor(path);
    const unexplained = result.findings
      .filter((finding) => finding.severity === 'violation')
      .filter((finding) => !(finding.kind === 'undocumented-operation' && NOT_IN_GATEWAY.some((pattern) => pattern.test(path))))
      .filter((finding) => !allowed.some((allow) => allow.kind === finding.kind && allow.pointer.test(finding.pointer ?? '')))
      .map((finding) => `${finding.kind} ${finding.pointer ?? ''}: ${finding.message}`);
    expect(unexplained, body.toString('utf8').slice(0, 2000)).toEqual([]);
  });
});
