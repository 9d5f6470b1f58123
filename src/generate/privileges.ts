/**
 * Whether some grants can read an operation. Jamf lists alternatives as privileges of one
 * verb ("Read Smart Computer Groups", "Read Static Computer Groups") and joint needs as
 * privileges of different verbs ("Read Computers", "Update Computers"): each verb needs one
 * of its privileges held. (The simulator enforces the same rule.)
 */
import type { Grants } from './types.ts';

/** What is missing, as text (`Read Buildings`, `Read Smart Groups or Read Static Groups`); undefined when nothing is. */
export function missingFor(required: string[], grants: Grants): string | undefined {
  if (grants.privileges === 'all' || required.length === 0) return undefined;
  const held = grants.privileges;
  const byVerb = new Map<string, string[]>();
  for (const privilege of required) {
    const verb = privilege.split(' ')[0] ?? privilege;
    byVerb.set(verb, [...(byVerb.get(verb) ?? []), privilege]);
  }
  const missing = [...byVerb.values()].filter((alternatives) => !alternatives.some((p) => held.has(p)));
  return missing.length === 0 ? undefined : missing.map((alternatives) => alternatives.join(' or ')).join(' and ');
}
