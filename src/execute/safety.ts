/**
 * Read-only by default: a staging server is somebody's. Writes run only with
 * `--allow-writes`, and operations that wipe devices, send MDM commands, delete devices or
 * accounts, flush history or rotate credentials need `--allow-destructive` on top.
 */
import { pathOf } from '../resolve/url-text.ts';

export type RequestClass = 'read' | 'write' | 'destructive';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Path fragments of Jamf operations that act on devices or cannot be undone. */
const DESTRUCTIVE_PATHS: Array<[RegExp, string]> = [
  [/\/(erase|wipe|lock|unlock-user|unmanage|remove-mdm-profile|renew-mdm-profile|restart|shut-?down|clear-passcode)(\/|$)/i, 'a device command'],
  [/\/(computercommands|mobiledevicecommands)(\/|$)/i, 'an MDM command'],
  [/\/mdm\/commands?(\/|$)|\/mdm\/(deploy|renew|blank-push)/i, 'an MDM command'],
  [/\/(commandflush|logflush)(\/|$)|\/(history|logs?)\/?(flush|delete)/i, 'a history flush'],
  [/\/client-credentials(\/|$)/i, 'rotating an API client secret'],
  [/\/(jamf-management-framework\/redeploy|redeploy)(\/|$)/i, 'a framework redeploy'],
  [/\/(auth\/invalidate-token|auth\/invalidateToken)(\/|$)/i, 'invalidating a token'],
];

/** Resources whose DELETE removes managed devices or people. */
const DESTRUCTIVE_DELETES = /\/(JSSResource\/(computers|mobiledevices|accounts|users|computergroups|mobiledevicegroups)|v\d+\/(computers-inventory|computer-inventory|computers|mobile-devices|users|accounts|api-integrations|api-roles))(\/|$)/i;

export function classifyRequest(method: string, rawUrl: string): { class: RequestClass; why?: string } {
  const m = method.toUpperCase();
  const path = pathOf(rawUrl);
  for (const [pattern, why] of DESTRUCTIVE_PATHS) {
    if (pattern.test(path) && !READ_METHODS.has(m)) return { class: 'destructive', why };
  }
  if (m === 'DELETE' && DESTRUCTIVE_DELETES.test(path)) return { class: 'destructive', why: 'deleting devices, accounts or API access' };
  return READ_METHODS.has(m) ? { class: 'read' } : { class: 'write' };
}
