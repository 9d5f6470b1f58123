/**
 * What `simulate` tells its user: the demo API clients and accounts (in `--help` and the
 * start-up lines), and how to reach and trust the server. The demo secrets are public values
 * that exist only in the simulator, so they are shown; a secret that a `--config` file set is
 * not, since it may be one the user chose.
 */
import type { Seed } from '../simulator/seed.ts';

const READ = /^(Read|View) /;

function table(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd());
}

function privilegesOf(privileges: string[]): string {
  if (privileges.includes('*')) return 'every privilege';
  if (privileges.length > 4 && privileges.every((p) => READ.test(p))) return 'read everything';
  return privileges.length > 4 ? `${privileges.length} privileges` : privileges.join(', ') || 'no privileges';
}

/** The clients and users of `seed`; `demo` is the default seed, whose secrets are public. */
export function credentialsText(seed: Seed, demo: Seed): string {
  const demoSecret = new Map(demo.apiClients.map((c) => [c.clientId, c.clientSecret]));
  const demoPassword = new Map(demo.users.map((u) => [u.username, u.password]));
  const shown = (value: string, demoValue: string | undefined): string => (value === demoValue ? value : '(set in --config)');
  const clients = seed.apiClients.map((c) => {
    const notes = [!c.enabled ? 'disabled' : '', c.accessTokenLifetimeSeconds < 60 ? `${c.accessTokenLifetimeSeconds}-second tokens` : ''].filter(Boolean);
    return [c.clientId, shown(c.clientSecret, demoSecret.get(c.clientId)), `${c.authorizationScopes.join(', ') || 'no roles'}${notes.length ? ` (${notes.join(', ')})` : ''}`];
  });
  const users = seed.users.map((u) => [u.username, shown(u.password, demoPassword.get(u.username)), `${privilegesOf(u.privileges)}${u.enabled ? '' : ' (disabled)'}`]);
  return [
    'API clients (client id, secret, roles):',
    ...table(clients),
    'Users (username, password, privileges; also Classic API accounts):',
    ...table(users),
    'These exist only in the simulator.',
  ].join('\n');
}

/** A curl line for a token with the demo client, when the seed has it with its public secret. */
export function tokenExample(url: string, seed: Seed, demo: Seed): string | undefined {
  const client = seed.apiClients.find((c) => c.clientId === 'demo-client' && c.enabled);
  if (!client || client.clientSecret !== demo.apiClients.find((c) => c.clientId === client.clientId)?.clientSecret) return undefined;
  return `Get a token: curl -s -X POST ${url}/api/oauth/token -d grant_type=client_credentials -d client_id=${client.clientId} -d client_secret=${client.clientSecret}`;
}
