/**
 * Which auth schemes the server's version offers and which one a run will use. Jamf:
 * Basic only before 10.35; user bearer tokens from 10.35; API clients (client
 * credentials) from 10.49; Basic on the Classic API off by default from 10.42, gone in 11.5.
 */
import type { AuthScheme } from '../auth/session.ts';
import type { ServerProbe } from './server.ts';
import { compareVersions } from './token.ts';
import { add, type DoctorContext } from './types.ts';

const NAMES: Record<AuthScheme, string> = {
  'client-credentials': 'client credentials (API client)',
  user: 'user bearer token',
  basic: 'HTTP Basic',
  none: 'no authentication',
};

export interface SchemeSupport {
  clientCredentials: boolean;
  userTokens: boolean;
  basic: 'only' | 'possible' | 'removed' | 'unknown';
}

export function supportFor(version: string | undefined, probe: ServerProbe): SchemeSupport {
  if (!version) {
    return {
      clientCredentials: probe.clientCredentials,
      userTokens: probe.userTokens,
      basic: !probe.userTokens && probe.classic ? 'only' : 'unknown',
    };
  }
  const atLeast = (v: string): boolean => compareVersions(version, v) >= 0;
  return {
    clientCredentials: atLeast('10.49.0'),
    userTokens: atLeast('10.35.0'),
    basic: !atLeast('10.35.0') ? 'only' : atLeast('11.5.0') ? 'removed' : 'possible',
  };
}

export function schemesCheck(ctx: DoctorContext, probe: ServerProbe, scheme: AuthScheme | undefined): void {
  const version = ctx.jamfVersion;
  const s = supportFor(version, probe);
  const offered = [s.clientCredentials ? 'client credentials' : '', s.userTokens ? 'user bearer tokens' : '', s.basic === 'only' || s.basic === 'possible' ? 'HTTP Basic' : '']
    .filter(Boolean)
    .join(', ');
  const basicNote = {
    only: 'Basic is the only scheme before 10.35.',
    possible: 'Basic on the Classic API exists until 11.5 but is off by default since 10.42 (a disabled Basic answers 401, like a wrong password).',
    removed: 'Basic auth was removed in 11.5.',
    unknown: 'Whether Basic is on cannot be told without trying it.',
  }[s.basic];
  const head = version ? `Jamf Pro ${version}` : 'Version not readable (it needs a token)';
  const uses = scheme ? ` A run will use ${NAMES[scheme]}.` : '';
  const preferred = s.clientCredentials ? 'client-credentials' : s.userTokens ? 'user' : 'basic';
  const weaker = scheme !== undefined && scheme !== 'none' && scheme !== preferred && scheme === 'basic';
  add(ctx, {
    id: 'schemes',
    status: weaker ? 'warn' : 'ok',
    title: version ? `Jamf Pro ${version}` : 'Auth schemes',
    detail: `${head}: offers ${offered || 'no scheme this tool knows'}. ${basicNote}${uses}`,
    ...(weaker ? { remedy: `This server offers ${NAMES[preferred]}, which Jamf recommends over Basic: set JAMF_CLIENT_ID/JAMF_CLIENT_SECRET or use --auth auto.` } : {}),
    data: { ...(version ? { version } : {}), ...s, ...(scheme ? { scheme } : {}) },
  });
}
