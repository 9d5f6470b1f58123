/**
 * jamf-contract's folder in the user's cache (`$XDG_CACHE_HOME/jamf-contract`, else
 * `~/.cache/jamf-contract`): Jamf API schemas by version, the script sandbox's compiled
 * bundle. Everything in it can be deleted at any time.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'jamf-contract');
}
