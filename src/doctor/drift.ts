/**
 * The token's claims, and scope drift: Jamf fixes the roles in a client's token scope when
 * the client *secret* is generated. Assigning or removing roles on the client changes
 * nothing until a new secret is generated; editing privileges inside a role applies at once
 * (tokens name roles, and the server looks their privileges up live).
 */
import type { AuthScheme } from '../auth/session.ts';
import { privilegesOf, roleLabel, type ApiIntegration, type ApiRole, type Claims, type Readable } from './roles.ts';
import { add, type DoctorContext } from './types.ts';

export function claimsCheck(ctx: DoctorContext, scheme: AuthScheme, claims: Claims | undefined, roles: Readable<ApiRole[]> | undefined): void {
  if (!claims) {
    add(ctx, { id: 'claims', status: 'warn', title: 'Token claims unreadable', detail: 'The token is not a JWT, so its subject, lifetime and roles cannot be shown.', remedy: 'Nothing to do for a run; the checks that need the token\'s roles are skipped.' });
    return;
  }
  const lifetime = claims.expiresAt !== undefined && claims.issuedAt !== undefined ? claims.expiresAt - claims.issuedAt : undefined;
  const parts = [
    `subject type ${claims.subjectType ?? '(none)'}`,
    `authentication ${claims.authenticationType ?? '(none)'}`,
    lifetime !== undefined ? `lifetime ${lifetime} s` : 'no expiry claim',
  ];
  const known = roles?.ok ? roles.value : undefined;
  if (scheme === 'client-credentials') {
    const scope = claims.roleIds.map((id) => roleLabel(known, id)).join(', ') || '(no roles)';
    parts.push(`scope ${scope}`);
    if (roles && !roles.ok) parts.push(`role names not shown: reading /v1/api-roles was ${roles.reason}`);
  }
  const short = lifetime !== undefined && lifetime < 30;
  add(ctx, {
    id: 'claims',
    status: short ? 'warn' : 'ok',
    title: 'Token claims',
    detail: `${parts.join('; ')}.`,
    ...(short ? { remedy: `Tokens live only ${lifetime} s: a run refreshes them often. Raise the client's Access Token Lifetime in Jamf Pro if that is not intended.` } : {}),
    data: {
      ...(claims.subjectType ? { subjectType: claims.subjectType } : {}),
      ...(claims.authenticationType ? { authenticationType: claims.authenticationType } : {}),
      ...(lifetime !== undefined ? { lifetimeSeconds: lifetime } : {}),
      roles: claims.roleIds.map((id) => ({ id, ...(known?.find((r) => r.id === id) ? { name: known.find((r) => r.id === id)!.displayName } : {}) })),
    },
  });
}

export function driftCheck(
  ctx: DoctorContext,
  claims: Claims,
  roles: Readable<ApiRole[]>,
  integration: Readable<ApiIntegration | undefined>,
  clientId: string,
): void {
  const title = 'Scope drift';
  if (!integration.ok) {
    add(ctx, {
      id: 'scope-drift', status: 'skip', title,
      detail: `Not checked: reading /v1/api-integrations was ${integration.reason}, so the roles now assigned to the client are unknown.`,
      remedy: 'Give one of the client\'s roles "Read API Integrations" to have this checked, or compare the client\'s roles in Jamf Pro with the token scope above.',
    });
    return;
  }
  if (!integration.value) {
    add(ctx, { id: 'scope-drift', status: 'skip', title, detail: `Not checked: no API integration with client id "${clientId}" is listed in /v1/api-integrations.` });
    return;
  }
  if (!roles.ok) {
    add(ctx, {
      id: 'scope-drift', status: 'skip', title,
      detail: `Not checked: reading /v1/api-roles was ${roles.reason}, so the role names assigned to the client cannot be matched to the role ids in the token.`,
      remedy: 'Give one of the client\'s roles "Read API Roles" to have this checked.',
    });
    return;
  }
  const client = integration.value;
  const all = roles.value;
  const assigned = all.filter((r) => client.authorizationScopes.includes(r.displayName)).map((r) => r.id);
  const inToken = claims.roleIds;
  // With --scope the token carries only the roles asked for: the others are left out on purpose.
  const asked = requestedRoleIds(ctx.options.credentials.scope);
  const added = assigned.filter((id) => !inToken.includes(id) && (!asked || asked.includes(id)));
  const removed = inToken.filter((id) => !assigned.includes(id));
  const names = (ids: string[]): string => ids.map((id) => roleLabel(all, id)).join(', ') || '(none)';
  if (added.length === 0 && removed.length === 0) {
    add(ctx, {
      id: 'scope-drift', status: 'ok', title,
      detail: `The roles assigned to "${client.displayName}" (${names(assigned)}) are the roles in its token${asked ? ` (--scope asked for ${names(asked)})` : ''}. Privileges edited inside a role apply at once.`,
    });
    return;
  }
  const missing = [...privilegesOf(all, added)].filter((p) => !privilegesOf(all, inToken).has(p)).sort();
  const still = [...privilegesOf(all, removed)].filter((p) => !privilegesOf(all, assigned).has(p)).sort();
  const lines = [
    `The roles of API client "${client.displayName}" were changed after its client secret was generated: assigned now ${names(assigned)}; the token carries ${names(inToken)}.`,
    'A change to a client\'s roles applies only after a new client secret is generated; until then every token keeps the old roles.',
  ];
  if (added.length) lines.push(`Missing from the token (assigned since): ${names(added)}${missing.length ? `, so these privileges are missing: ${missing.join(', ')}` : ''}.`);
  if (removed.length) lines.push(`Still in the token (removed since): ${names(removed)}${still.length ? `, so these privileges are still present: ${still.join(', ')}` : ''}.`);
  add(ctx, {
    id: 'scope-drift',
    status: 'warn',
    title: 'Scope drift: role change not applied yet',
    detail: lines.join('\n'),
    remedy: `Generate a new client secret for "${client.displayName}" (Jamf Pro: Settings → API roles and clients → API Clients → Generate client secret, or POST /api/v1/api-integrations/${client.id}/client-credentials) and put the new one in JAMF_CLIENT_SECRET. The old secret stops working at once.`,
    data: { integrationId: client.id, assignedRoleIds: assigned, tokenRoleIds: inToken, addedRoleIds: added, removedRoleIds: removed, missingPrivileges: missing, stillPresentPrivileges: still },
  });
}

/** `api-role:1 api-role:2` (or bare ids) → ['1', '2']; undefined without a scope. */
function requestedRoleIds(scope: string | undefined): string[] | undefined {
  if (!scope?.trim()) return undefined;
  return scope.trim().split(/\s+/).map((s) => s.replace(/^api-role:/, ''));
}
