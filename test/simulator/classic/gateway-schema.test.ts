/**
 * The simulator's Classic XML, for every GET it implements, checked with the project's
 * contract checker against Jamf's gateway OpenAPI (`classic-api-gateway-openapi.json`).
 *
 * Every violation must be listed below with its reason. The listed ones are places where
 * the simulator sends what real Jamf servers send and the gateway schema (or the checker's
 * reading of XML, `src/validate/xml.ts`) disagrees with it; they are not simulator bugs.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type LoadedSpec } from '../../../src/load/spec.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { createContractChecker } from '../../../src/validate/index.ts';
import { userToken } from '../helpers.ts';

const gatewayFile = new URL('../../../../shared/jamf/classic/classic-api-gateway-openapi.json', import.meta.url);
const present = existsSync(gatewayFile);
if (!present) console.warn(`skipping Classic gateway schema tests: ${gatewayFile.pathname} is absent`);

interface Allowed {
  kind: 'schema' | 'content-type';
  pointer: RegExp;
  why: string;
}

/** `<jss_objects><privilege>A</privilege>…`: the schema wants an array of `{privilege}` objects, XML gives repeated strings. */
const PRIVILEGE_LISTS: Allowed = {
  kind: 'schema',
  pointer: /^\/privileges\/(jss_objects|jss_settings|jss_actions|recon|casper_admin|casper_remote|casper_imaging)\/\d+$/,
  why: 'gateway models each <privilege> as an object; Jamf repeats plain <privilege> strings',
};
/** Operations whose 200 the gateway schema documents without a body, although Jamf sends one. */
const NO_BODY_DOCUMENTED: Allowed = { kind: 'content-type', pointer: /^$/, why: 'the gateway documents no body for this 200' };

interface Case {
  path: string;
  allowed?: Allowed[];
}

const cases: Case[] = [
  { path: '/JSSResource/accounts' },
  { path: '/JSSResource/accounts/userid/1', allowed: [PRIVILEGE_LISTS] },
  { path: '/JSSResource/accounts/userid/3', allowed: [PRIVILEGE_LISTS] },
  { path: '/JSSResource/accounts/username/admin', allowed: [PRIVILEGE_LISTS] },
  { path: '/JSSResource/accounts/groupid/1', allowed: [PRIVILEGE_LISTS] },
  { path: '/JSSResource/accounts/groupname/Help%20Desk', allowed: [PRIVILEGE_LISTS] },
  { path: '/JSSResource/buildings' },
  { path: '/JSSResource/buildings/id/1' },
  { path: '/JSSResource/buildings/name/{buildings:1}' },
  { path: '/JSSResource/departments' },
  { path: '/JSSResource/departments/id/1' },
  { path: '/JSSResource/departments/name/{departments:1}', allowed: [NO_BODY_DOCUMENTED] },
  { path: '/JSSResource/categories' },
  { path: '/JSSResource/categories/id/1' },
  { path: '/JSSResource/categories/name/{categories:1}' },
  { path: '/JSSResource/computers' },
  { path: '/JSSResource/computers/subset/basic', allowed: [{ kind: 'schema', pointer: /^\/computer$/, why: 'gateway models <computer> as one object; Jamf repeats <computer> once per computer' }] },
  { path: '/JSSResource/computers/id/1' },
  { path: '/JSSResource/computers/name/{computers:1}' },
  { path: '/JSSResource/computers/id/1/subset/General&Hardware', allowed: [NO_BODY_DOCUMENTED] },
  { path: '/JSSResource/mobiledevices' },
  { path: '/JSSResource/mobiledevices/id/1' },
  { path: '/JSSResource/mobiledevices/name/{mobile-devices:1}' },
  { path: '/JSSResource/mobiledevices/id/1/subset/General&Location', allowed: [NO_BODY_DOCUMENTED] },
  { path: '/JSSResource/policies' },
  ...['/JSSResource/policies/id/1', '/JSSResource/policies/name/{policies:1}'].map((path) => ({
    path,
    allowed: [
      { kind: 'schema' as const, pointer: /^\/disk_encryption\/action$/, why: 'Jamf sends <action>none</action> for a policy without the payload; the gateway enum lists only apply/remediate' },
    ],
  })),
  { path: '/JSSResource/policies/id/1/subset/General&Scripts', allowed: [NO_BODY_DOCUMENTED] },
];

describe.skipIf(!present)('Classic XML against the gateway schema', () => {
  let sim: RunningSimulator;
  let spec: LoadedSpec;
  let token: string;

  beforeAll(async () => {
    [sim, spec] = await Promise.all([startSimulator({}), loadSpec(gatewayFile.pathname)]);
    token = await userToken(sim);
  });
  afterAll(async () => sim?.close());

  /** `{kind:id}` stands for that object's name, so name lookups follow the seed. */
  const resolve = (path: string): string =>
    path.replace(/\{([a-z-]+):(\d+)\}/g, (_, kind: string, id: string) => {
      const record = sim.state.nodes[0]?.store.get(kind, id) as { name?: string; general?: { name?: string } } | undefined;
      return encodeURIComponent(record?.general?.name ?? record?.name ?? '');
    });

  it.each(cases)('GET $path', async ({ path, allowed = [] }) => {
    const checker = createContractChecker({ classic: spec });
    const url = `${sim.url}${resolve(path)}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml;charset=UTF-8');
    const result = checker.check({ method: 'GET', url, serverUrl: sim.url, status: res.status, headers: Object.fromEntries(res.headers), body });
    expect(result.operation).toBeDefined();
    const unexplained = result.findings
      .filter((finding) => finding.severity === 'violation')
      .filter((finding) => !allowed.some((allow) => allow.kind === finding.kind && allow.pointer.test(finding.pointer ?? '')))
      .map((finding) => `${finding.kind} ${finding.pointer ?? ''}: ${finding.message}`);
    expect(unexplained).toEqual([]);
  });

  it('covers the name/subset forms Jamf answers but the gateway does not list', async () => {
    const checker = createContractChecker({ classic: spec });
    const url = `${sim.url}${resolve('/JSSResource/computers/name/{computers:1}/subset/General')}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const result = checker.check({ method: 'GET', url, serverUrl: sim.url, status: 200, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
    expect(result.findings.map((finding) => finding.kind)).toEqual(['undocumented-operation']);
  });
});
