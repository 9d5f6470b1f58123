/**
 * The run's cookie jar: empty, it answers without the engine's HTTP library (so the token call
 * does not wait for it to load); the first cookie makes postman-request's own jar, the one the
 * engine is handed, holding what the run's own calls set.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cookieString, engineJar, newCookieJar, type CookieJar } from '../../../src/wire/cookies.ts';

const RUN_TS = fileURLToPath(new URL('../../../bin/run-ts.js', import.meta.url));
const COOKIES = pathToFileURL(fileURLToPath(new URL('../../../src/wire/cookies.ts', import.meta.url))).href;

describe('the run\'s cookie jar', () => {
  it('is empty until a cookie is set, then hands the engine the jar that holds it', async () => {
    const jar = newCookieJar();
    expect(await cookieString(jar, 'https://jamf.example/api/v1/oauth/token')).toBe('');
    jar.setCookie('APBALANCEID=aws.node-2; Path=/', 'https://jamf.example/api/v1/oauth/token');
    expect(await cookieString(jar, 'https://jamf.example/JSSResource/buildings')).toBe('APBALANCEID=aws.node-2');
    const engine = engineJar(jar);
    expect(engine).not.toBe(jar);
    expect(engineJar(jar)).toBe(engine);
    // What the engine sets, the run's own next call sends (a token refresh on the same node).
    engine.setCookie('JSESSIONID=abc; Path=/', 'https://jamf.example/api/v1/buildings');
    expect(await cookieString(jar, 'https://jamf.example/api/v1/oauth/token')).toBe('APBALANCEID=aws.node-2; JSESSIONID=abc');
    // Another host's cookies stay there.
    expect(await cookieString(jar, 'https://other.example/')).toBe('');
  });

  it('passes any other jar to the engine as it is', () => {
    const other: CookieJar = { setCookie: () => undefined, getCookieString: (_url, cb) => cb(null, '') };
    expect(engineJar(other)).toBe(other);
  });

  it('does not load the engine\'s HTTP library for a call that finds it empty (fresh process)', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'jc-jar-'));
    const script = join(dir, 'jar.mts');
    writeFileSync(script, [
      `import { createRequire } from 'node:module';`,
      `import { cookieString, newCookieJar } from ${JSON.stringify(COOKIES)};`,
      `const require = createRequire(${JSON.stringify(COOKIES)});`,
      `const loaded = () => Object.keys(require.cache).some((f) => f.includes('/postman-request/'));`,
      `const jar = newCookieJar();`,
      `const empty = await cookieString(jar, 'https://jamf.example/');`,
      `const before = loaded();`,
      `jar.setCookie('a=1; Path=/', 'https://jamf.example/');`,
      `console.log(JSON.stringify({ empty, before, after: loaded(), cookie: await cookieString(jar, 'https://jamf.example/') }));`,
    ].join('\n'));
    const out = execFileSync(process.execPath, [RUN_TS, script], { encoding: 'utf8', timeout: 50_000 });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ empty: '', before: false, after: true, cookie: 'a=1' });
  });
});
