/**
 * Privilege preflight: the privileges the given collections' requests need, against what
 * the token's roles grant. Lists the requests that will 403, grouped by missing privilege;
 * when the grants cannot be read, says exactly what could not be verified.
 */
import type { PlannedRequest, Need } from './requests.ts';
import { add, type DoctorContext } from './types.ts';

/** What the credentials may do: every privilege (administrator), a known set, or unknown and why. */
export type Grants = { kind: 'all' } | { kind: 'set'; privileges: Set<string> } | { kind: 'unknown'; why: string; remedy: string };

interface Verdicts {
  checked: number;
  sent: number;
  needing: number;
  willFail: Map<string, string[]>;
  mayFail: Map<string, string[]>;
  unverified: Map<string, string[]>;
  notSent: number;
}

const SHOWN_PER_GROUP = 5;

export function privilegeCheck(ctx: DoctorContext, requests: PlannedRequest[], needs: Need[], grants: Grants, remedy: string): void {
  const title = 'Privilege preflight';
  if (requests.length === 0) {
    add(ctx, { id: 'privileges', status: 'skip', title, detail: 'No collections given: pass collections to check the privileges their requests need.' });
    return;
  }
  const v = judge(requests, needs, grants);
  const data = {
    requests: requests.length,
    notSent: v.notSent,
    willFail: groups(v.willFail),
    mayFail: groups(v.mayFail),
    unverified: groups(grants.kind === 'unknown' ? needsByPrivilege(requests, needs) : v.unverified),
  };
  const lines: string[] = [];
  if (grants.kind === 'unknown') {
    lines.push(`Could not verify privileges: ${grants.why}.`);
    lines.push(`${v.needing} of ${v.sent} requests need privileges that were not verified:`);
    lines.push(...listing(needsByPrivilege(requests, needs), 0));
    add(ctx, { id: 'privileges', status: 'warn', title: 'Privilege preflight: not verified', detail: lines.join('\n'), remedy: grants.remedy, data });
    return;
  }
  const failing = count(v.willFail);
  const doubtful = count(v.mayFail);
  lines.push(`${v.sent} requests checked${v.notSent ? ` (${v.notSent} more would not be sent by a read-only run)` : ''}; ${v.needing} need privileges.`);
  if (failing) lines.push(`${failing} will be refused (403), by missing privilege:`, ...listing(v.willFail));
  if (doubtful) lines.push(`${doubtful} may be refused: Jamf lists several privileges for them and only some are granted:`, ...listing(v.mayFail));
  if (v.unverified.size) lines.push(`${count(v.unverified)} could not be checked:`, ...listing(v.unverified));
  if (!failing && !doubtful) lines.push('Every privilege they need is granted.');
  const all = failing > 0 && failing === v.needing;
  add(ctx, {
    id: 'privileges',
    status: all ? 'fail' : failing || doubtful ? 'warn' : 'ok',
    title: all ? 'Privilege preflight: every request needing a privilege will 403' : failing ? 'Privilege preflight: some requests will 403' : title,
    detail: lines.join('\n'),
    ...(failing || doubtful ? { remedy } : {}),
    data,
  });
}

function judge(requests: PlannedRequest[], needs: Need[], grants: Grants): Verdicts {
  const v: Verdicts = { checked: 0, sent: 0, needing: 0, willFail: new Map(), mayFail: new Map(), unverified: new Map(), notSent: 0 };
  requests.forEach((request, i) => {
    const need = needs[i]!;
    if (request.notSent) {
      v.notSent++;
      return;
    }
    v.sent++;
    if (need.kind === 'none') return;
    if (need.kind === 'unknown') {
      push(v.unverified, need.why, request.label);
      return;
    }
    v.needing++;
    if (grants.kind !== 'set') return;
    const held = need.privileges.filter((p) => grants.privileges.has(p));
    if (need.kind === 'any') {
      if (held.length === 0) push(v.willFail, need.privileges.join(' or '), request.label);
      return;
    }
    if (held.length === need.privileges.length) return;
    if (held.length === 0) push(v.willFail, need.privileges.join(' + '), request.label);
    else push(v.mayFail, need.privileges.filter((p) => !held.includes(p)).join(' + '), request.label);
  });
  return v;
}

function needsByPrivilege(requests: PlannedRequest[], needs: Need[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  requests.forEach((request, i) => {
    const need = needs[i]!;
    if (request.notSent || (need.kind !== 'listed' && need.kind !== 'any')) return;
    push(out, need.privileges.join(need.kind === 'any' ? ' or ' : ' + '), request.label);
  });
  return out;
}

function push(map: Map<string, string[]>, key: string, label: string): void {
  const list = map.get(key) ?? [];
  list.push(label);
  map.set(key, list);
}

function count(map: Map<string, string[]>): number {
  let n = 0;
  for (const list of map.values()) n += list.length;
  return n;
}

function groups(map: Map<string, string[]>): Array<{ privilege: string; requests: string[] }> {
  return [...map.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([privilege, requests]) => ({ privilege, requests }));
}

function listing(map: Map<string, string[]>, shown = SHOWN_PER_GROUP): string[] {
  const out: string[] = [];
  for (const { privilege, requests } of groups(map)) {
    out.push(`  ${privilege} (${requests.length} request${requests.length === 1 ? '' : 's'})`);
    for (const label of requests.slice(0, shown)) out.push(`    - ${label}`);
    if (shown > 0 && requests.length > shown) out.push(`    … and ${requests.length - shown} more (see --json)`);
  }
  return out;
}
