/**
 * One cookie jar per run (per server), shared by the engine and jamf-contract's own calls, so
 * a Jamf Cloud affinity cookie set on the token call keeps API calls on the same node and the
 * other way round. It is postman-request's jar class: the one the engine takes.
 *
 * That class comes with the engine's HTTP library (~0.1 s to load), so the jar is made when a
 * cookie first arrives or the engine asks for it: until then it is empty, and the run's first
 * call (the token) goes out without waiting for the library.
 */
import { createRequire } from 'node:module';
import { prepareEngine } from '../engine-patches/index.ts';

const require = createRequire(import.meta.url);

export interface CookieJar {
  /** `ignoreError`: a cookie the jar refuses (another domain, a public suffix) is dropped, as the engine drops it. */
  setCookie(cookie: string, url: string, options?: { ignoreError?: boolean }): unknown;
  getCookieString(url: string, cb: (err: Error | null, cookies: string) => void): void;
}

class RunJar implements CookieJar {
  private real: CookieJar | undefined;

  setCookie(cookie: string, url: string, options?: { ignoreError?: boolean }): unknown {
    // tough-cookie reads a third argument, even an undefined one, as its options.
    return options ? this.engine().setCookie(cookie, url, options) : this.engine().setCookie(cookie, url);
  }

  getCookieString(url: string, cb: (err: Error | null, cookies: string) => void): void {
    // Nothing was set yet: every cookie goes through setCookie above.
    if (!this.real) return cb(null, '');
    this.real.getCookieString(url, cb);
  }

  engine(): CookieJar {
    if (!this.real) {
      prepareEngine('postman-request');
      this.real = (require('postman-request') as { jar(): CookieJar }).jar();
    }
    return this.real;
  }
}

export function newCookieJar(): CookieJar {
  return new RunJar();
}

/** The jar as the engine takes it: postman-request's own object, holding what the run's calls set. */
export function engineJar(jar: CookieJar): CookieJar {
  return jar instanceof RunJar ? jar.engine() : jar;
}

export function cookieString(jar: CookieJar, url: string): Promise<string> {
  return new Promise((resolve) => jar.getCookieString(url, (err, cookies) => resolve(err ? '' : cookies)));
}
