/**
 * A request path as the server will see it. Jamf runs on Tomcat, which percent-decodes the
 * path, drops `;parameters` from segments, resolves `.` and `..`, and matches Classic resource
 * names without regard to case. A guard that compared the text as written would let
 * `/JSSResource/%63omputers/id/5` or `/JSSResource/buildings/../computers/id/5` through, so
 * every path is judged in the forms a server might give it, and the worst verdict stands.
 */

export type ApiKind = 'pro' | 'classic' | 'other';

export interface ApiPath {
  api: ApiKind;
  /** The path below `/api` or `/JSSResource`, lower case, from `/` (the whole path for `other`). */
  rest: string;
}

/** The path of a URL (absolute, or `{{var}}/path` as a collection writes it), without query or fragment. */
export function rawPath(url: string): string {
  let rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  // The authority, or a leading `{{variable}}` that stands for a host or a base URL.
  rest = rest.replace(/^(\{\{[^}]*\}\}|[^/?#\\]*)/, '');
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

/** The forms a server may see: fully normalized (decoded, dot segments resolved) and merely decoded. */
export function pathVariants(url: string): string[] {
  const path = rawPath(url);
  const decoded = segments(path, { resolveDots: false });
  const resolved = segments(path, { resolveDots: true });
  const variants = new Set([`/${resolved.join('/')}`, `/${decoded.join('/')}`]);
  return [...variants];
}

/** Which API a normalized path belongs to, and the part below its base. */
export function apiPath(path: string): ApiPath {
  const parts = path.split('/').filter(Boolean);
  const classic = parts.indexOf('jssresource');
  if (classic >= 0) return { api: 'classic', rest: `/${parts.slice(classic + 1).join('/')}` };
  const pro = parts.indexOf('api');
  if (pro >= 0) return { api: 'pro', rest: `/${parts.slice(pro + 1).join('/')}` };
  return { api: 'other', rest: `/${parts.join('/')}` };
}

function segments(path: string, options: { resolveDots: boolean }): string[] {
  // Backslashes are separators to some servers and proxies; treating them so can only make the verdict stricter.
  const out: string[] = [];
  for (const raw of path.replace(/\\/g, '/').split('/')) {
    // A decoded `%2F` is a separator too, to any server that decodes before routing.
    for (const piece of decode(stripParameters(raw)).split(/[/\\]/)) {
      const segment = stripParameters(piece).toLowerCase();
      if (segment === '' || segment === '.') continue;
      if (segment === '..' && options.resolveDots) {
        out.pop();
        continue;
      }
      out.push(segment);
    }
  }
  return out;
}

/** `computers;jsessionid=x` → `computers` (Tomcat's path parameters). */
function stripParameters(segment: string): string {
  const at = segment.indexOf(';');
  return at === -1 ? segment : segment.slice(0, at);
}

/** Percent-decoding until stable (double encoding `%2563` → `%63` → `c`), tolerant of stray `%`. */
function decode(segment: string): string {
  let current = segment;
  for (let i = 0; i < 4 && current.includes('%'); i++) {
    const next = current.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === current) break;
    current = next;
  }
  return current;
}
