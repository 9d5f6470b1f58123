/**
 * Run in its own process by cookie-jar.test.ts: the engine's cookie jar (tough-cookie, as
 * postman-request loads it, with the engine's changes) beside tough-cookie's own `cookie.js`
 * compiled unchanged, asked the same questions of jars empty, filled and emptied again.
 * Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { parse } from 'node:url';
import { prepareEngine } from '../../../src/engine-patches/index.ts';

const applied = prepareEngine('postman-request');
const fromRequest = createRequire(createRequire(import.meta.url).resolve('postman-request'));
const file = fromRequest.resolve('@postman/tough-cookie/lib/cookie.js');

interface Cookie { cookieString(): string }
type Callback<T> = (error: Error | null, value?: T) => void;
interface Jar {
  setCookie(cookie: string, url: string, cb: Callback<unknown>): void;
  getCookies(url: unknown, options: unknown, cb: Callback<Cookie[]>): void;
  getCookieString(url: unknown, options: unknown, cb: Callback<string>): void;
  removeAllCookies(cb: Callback<void>): void;
}
type JarClass = new (store?: unknown, options?: object) => Jar;

const patched = (fromRequest('@postman/tough-cookie') as { CookieJar: JarClass }).CookieJar;
// The same file as shipped, compiled beside it (its own requires are the shared ones).
const original = (() => {
  const mod = new Module(file) as Module & { _compile(code: string, filename: string): void; paths: string[] };
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  mod._compile(readFileSync(file, 'utf8'), file);
  return (mod.exports as { CookieJar: JarClass }).CookieJar;
})();

/** What a call answered (its callback, or what it threw), as text. */
function ask<T>(call: (cb: Callback<T>) => void, show: (value: T) => string): string {
  const answers: string[] = [];
  try {
    call((error, value) => answers.push(error ? `error ${error.message}` : show(value as T)));
  } catch (error) {
    answers.push(`threw ${(error as Error).message}`);
  }
  return answers.join(' | ');
}

const urls: unknown[] = [
  'http://127.0.0.1:18555/api/v1/buildings/25',
  'https://jamf.example.com/JSSResource/computers/id/1',
  'https://sub.jamf.example.com/api/v1/auth/token',
  'http://localhost/a/b',
  'http://[::1]:8080/x',
  'https://jamf.example.co.uk/api/',
  parse('https://jamf.example.com/api/v1/x'),
  'not a url',
  '',
  42,
];
const options: unknown[] = [{}, { http: false }, { secure: true }, { allPaths: true }, { sort: false }, { sameSiteContext: 'strict' }, { sameSiteContext: 'bogus' }, { expire: false }];
const show = (cookies: Cookie[]) => cookies.map((c) => c.cookieString()).join('; ') || '(none)';

/** Every question, of one jar of each kind built by `fill`. */
function compare(fill: (jar: Jar) => void): { asked: number; differs: string[]; answered: string[] } {
  const [mine, theirs] = [new patched(undefined, { looseMode: true }), new original(undefined, { looseMode: true })];
  fill(mine);
  fill(theirs);
  const differs: string[] = [];
  const answered = new Set<string>();
  let asked = 0;
  for (const url of urls) {
    for (const option of options) {
      for (const kind of ['getCookies', 'getCookieString'] as const) {
        asked += 1;
        const [a, b] = [mine, theirs].map((jar) =>
          kind === 'getCookies' ? ask<Cookie[]>((cb) => jar.getCookies(url, option, cb), show) : ask<string>((cb) => jar.getCookieString(url, option, cb), (s) => s || '(none)'),
        );
        answered.add(a!);
        if (a !== b) differs.push(`${kind} ${JSON.stringify(url)} ${JSON.stringify(option)}: ${a} ≠ ${b}`);
      }
    }
  }
  return { asked, differs, answered: [...answered].sort() };
}

const set = (jar: Jar, cookie: string, url: string) => jar.setCookie(cookie, url, () => {});
const empty = compare(() => {});
const filled = compare((jar) => {
  set(jar, 'APBALANCEID=aws.node1; Path=/; HttpOnly', 'https://jamf.example.com/api/v1/auth/token');
  set(jar, 'host=127; Path=/api', 'http://127.0.0.1:18555/api/v1/x');
  set(jar, 'wide=1; Domain=jamf.example.com; Path=/', 'https://sub.jamf.example.com/');
  set(jar, 'strict=1; SameSite=Strict; Path=/', 'https://jamf.example.com/');
  set(jar, 'gone=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'https://jamf.example.com/');
});
const emptied = compare((jar) => {
  set(jar, 'APBALANCEID=aws.node1; Path=/', 'https://jamf.example.com/');
  jar.removeAllCookies(() => {});
});

// In force: an empty jar answers without reading the URL object's host name; one with a cookie reads it.
let reads = 0;
const counted = { protocol: 'https:', pathname: '/api', get hostname() { reads += 1; return 'jamf.example.com'; } };
new patched().getCookies(counted, {}, () => {});
const readsEmpty = reads;
const withCookie = new patched();
set(withCookie, 'a=1; Path=/', 'https://jamf.example.com/');
withCookie.getCookies(counted, {}, () => {});

console.log(JSON.stringify({ applied, empty, filled, emptied, readsEmpty, readsFilled: reads - readsEmpty }));
