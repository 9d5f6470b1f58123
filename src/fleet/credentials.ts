/**
 * A fleet server's credentials, looked up from the environment variables the fleet file
 * names. A variable that is not set is that server's failure (it does not run), not the
 * fleet's. Every secret of the fleet is registered with every redactor of the fleet, so no
 * server's secret can show up in another's report either.
 */
import type { Credentials } from '../auth/session.ts';
import { JamfContractError } from '../errors.ts';
import type { Fleet, FleetServer } from './config.ts';

export type Lookup = Record<string, string | undefined>;

export function credentialsFor(server: FleetServer, env: Lookup, scope?: string): Credentials {
  const value = (name: string | undefined, field: string): string | undefined => {
    if (!name) return undefined;
    const v = env[name]?.trim();
    if (!v) {
      throw new JamfContractError('AUTH_MISSING_CREDENTIALS', `${server.name}: the environment variable ${name} (${field} in the fleet file) is not set, so this server was not run. Set it in the job's environment.`);
    }
    return v;
  };
  const clientId = server.clientId ?? value(server.clientIdEnv, 'clientIdEnv');
  if (clientId) return { clientId, clientSecret: value(server.clientSecretEnv, 'clientSecretEnv'), ...(scope ? { scope } : {}) };
  return { username: server.username ?? value(server.usernameEnv, 'usernameEnv'), password: value(server.passwordEnv, 'passwordEnv') };
}

/** Every secret the fleet's environment holds (client secrets and passwords), set or not. */
export function fleetSecrets(fleet: Fleet, env: Lookup): string[] {
  const names = fleet.servers.flatMap((s) => [s.clientSecretEnv, s.passwordEnv]).filter((n): n is string => Boolean(n));
  return [...new Set(names.map((n) => env[n]?.trim()).filter((v): v is string => Boolean(v)))];
}
