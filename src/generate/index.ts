/**
 * `generate`: a read-only contract suite from a Jamf Pro server's own schema. One request
 * per GET operation, chained list → detail, checked by readable tests and by the runner's
 * contract checks; what it cannot fill is listed, never sent with a placeholder. A pure
 * function of its input: the same schema gives the same bytes.
 */
import { buildCollection } from './collection.ts';
import { buildTree, runOrder } from './layout.ts';
import { planClassic } from './plan-classic.ts';
import { planPro } from './plan-pro.ts';
import type { GenerateInput, GenerateResult, GenerateSummary, NeedsValue, PlannedRequest } from './types.ts';

export type { DeprecatedMode, GenerateInput, GenerateResult, GenerateSummary, Grants, NeedsValue } from './types.ts';
export { renderSummary } from './render.ts';

export const DEFAULT_NAME = 'Jamf Pro API (generated)';

export function generateCollection(input: GenerateInput): GenerateResult {
  const pro = planPro(input.document, input);
  const classic = input.classic ? planClassic(input.classic, input) : undefined;
  const requests = [...pro.requests, ...(classic?.requests ?? [])];
  const tree = buildTree(requests);
  const order = runOrder(tree);
  const open = openNeeds(order);
  const variables: Record<string, string> = {};
  for (const r of requests) Object.assign(variables, r.given);
  const summary: GenerateSummary = {
    operations: pro.operations,
    requests: requests.length,
    chained: pro.requests.filter((r) => r.dependsOn.length > 0).length,
    deprecated: requests.filter((r) => r.deprecated).length,
    needsValue: order.filter((r) => open.get(r)!.length > 0).map((r) => ({ operation: r.operation, needs: open.get(r)! })),
    leftOut: [...pro.leftOut, ...(classic?.leftOut ?? [])],
    unusedVars: Object.keys(input.vars ?? {}).filter((k) => !pro.usedVars.has(k)).sort(),
    ...(classic ? { classic: { operations: classic.operations, requests: classic.requests.length } } : {}),
    ...(input.grants ? { privilegesOf: input.grants.label } : {}),
  };
  return { collection: buildCollection(input.name ?? DEFAULT_NAME, tree, variables), summary };
}

/**
 * What each request still lacks when it runs: its own unset variables, and — through a
 * list it chains from — what that list lacks (a skipped list publishes no id), or the list
 * itself when it runs later (a folder cycle).
 */
function openNeeds(order: PlannedRequest[]): Map<PlannedRequest, NeedsValue[]> {
  const byOperation = new Map(order.map((r) => [r.operation, r]));
  const seen = new Set<string>();
  const open = new Map<PlannedRequest, NeedsValue[]>();
  for (const r of order) {
    const needs = [...r.needs];
    for (const dep of r.dependsOn) {
      const list = byOperation.get(dep);
      const variable = list?.sets.find((s) => r.segments.includes(`{{${s.variable}}}`))?.variable ?? dep;
      if (!list || !seen.has(dep)) needs.push({ variable, why: `its list, ${dep}, runs after it` });
      else if (open.get(list)!.length > 0) needs.push({ variable, why: `its list, ${dep}, needs a value` });
    }
    open.set(r, needs);
    seen.add(r.operation);
  }
  return open;
}
