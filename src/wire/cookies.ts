/**
 * One cookie jar per run (per server), shared by the engine and jamf-contract's own calls, so
 * a Jamf Cloud affinity cookie set on the token call keeps API calls on the same node and the
 * other way round. It is postman-request's jar class: the one the engine takes.
 */
import { createRequire } from 'node:module';
import { prepareEngine } from '../engine-patches/index.ts';

const require = createRequire(import.meta.url);

export interface CookieJar {
  setCookie(cookie: string, url: string): unknown;
  getCookieString(url: string, cb: (err: Error | null, cookies: string) => void): void;
}

export function newCookieJar(): CookieJar {
  prepareEngine('postman-request');
  return (require('postman-request') as { jar(): CookieJar }).jar();
}

export function cookieString(jar: CookieJar, url: string): Promise<string> {
  return new Promise((resolve) => jar.getCookieString(url, (err, cookies) => resolve(err ? '' : cookies)));
}
