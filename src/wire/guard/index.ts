/**
 * The read-only guard: one judgement per request, made at the wire from the request as it
 * is about to be sent. Reads go; writes need `--allow-writes`; destructive requests need
 * `--allow-writes --allow-destructive`. docs/safety.md has the rules and the table.
 */
import { classifyRequest, type RequestShape, type Verdict } from './classify.ts';
import { rawPath } from './normalize.ts';

export { classifyRequest, classifyOne, type RequestClass, type RequestShape, type Verdict } from './classify.ts';
export { GUARD_RULES, DEFAULT_RULES, type GuardRule } from './table.ts';
export { pathVariants, apiPath, rawPath } from './normalize.ts';

export interface GuardPolicy {
  allowWrites: boolean;
  allowDestructive: boolean;
}

export interface Judgement {
  allowed: boolean;
  verdict: Verdict;
  /** The flags that would let a held-back request through. */
  needs?: string;
}

export const NEEDS_WRITES = '--allow-writes';
export const NEEDS_DESTRUCTIVE = '--allow-writes --allow-destructive';

export function judge(policy: GuardPolicy, request: RequestShape): Judgement {
  const verdict = classifyRequest(request);
  if (verdict.class === 'read') return { allowed: true, verdict };
  if (verdict.class === 'write') return policy.allowWrites ? { allowed: true, verdict } : { allowed: false, verdict, needs: NEEDS_WRITES };
  return policy.allowWrites && policy.allowDestructive ? { allowed: true, verdict } : { allowed: false, verdict, needs: NEEDS_DESTRUCTIVE };
}

/** `DELETE /JSSResource/computers/id/5: a deletion that cannot be undone; needs --allow-writes --allow-destructive`. */
export function describeHeld(judgement: Judgement, url: string): string {
  return heldText(judgement.verdict.method, url, judgement.verdict.why ?? judgement.verdict.class, judgement.needs ?? NEEDS_WRITES);
}

export function heldText(method: string, url: string, why: string, needs: string): string {
  return `${method} ${rawPath(url) || url}: ${why}; needs ${needs}`;
}
