/**
 * The embedded simulator's demo credentials (they exist only in the simulator; see README):
 * its read-only API client, or — for a simulated Jamf Pro older than 10.49, which has no API
 * clients — its read-only auditor account (a user bearer token, or Basic below 10.35).
 */
import type { Credentials } from '../auth/session.ts';

export const DEMO_CREDENTIALS = { clientId: 'demo-client', clientSecret: 'demo-secret' } as const;
export const DEMO_ACCOUNT = { username: 'auditor', password: 'auditor' } as const;

/** `11.30.1` → the demo client; `10.40.0` → the demo account. */
export function demoCredentialsFor(version: string): Credentials {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const clients = major > 10 || (major === 10 && minor >= 49);
  return clients ? { ...DEMO_CREDENTIALS } : { ...DEMO_ACCOUNT };
}
