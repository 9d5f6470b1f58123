/**
 * The contract checker a run uses: specs chosen by `--openapi` / `--classic-openapi`
 * (`auto` asks the server under test). Checks never turn themselves off: a contract that
 * cannot be loaded (after the retries every read gets) stops the run before it starts,
 * unless a copy cached for the same server and version is at hand. Only `none` turns them
 * off — and a server that publishes no Classic swagger at all (404) has none to check.
 */
import { userCacheDir } from '../cache-dir.ts';
import { JamfContractError } from '../errors.ts';
import type { ResponseObserver } from './observer.ts';
import type { HttpClient } from '../wire/http.ts';
import { loadSpec, resolveAutoSpec, type LoadedSpec } from '../load/spec.ts';
import type { FindingKind, Notice } from '../result.ts';
import type { Tolerance } from './tolerate.ts';
import { createContractChecker } from './index.ts';

export interface ContractOptions {
  /** `auto`, `none`, a file or a URL. */
  openapi: string;
  classicOpenapi: string;
  strict?: boolean;
  /** Check formats on empty strings too (Jamf sends `email: ""`; tolerated by default). */
  strictFormats?: boolean;
  tolerate?: ReadonlyArray<FindingKind | Tolerance>;
  cacheDir?: string;
  /** The embedded simulator: its schema is fetched fresh, not cached. */
  noCache?: boolean;
}

/** Where servers' `/api/schema` documents and Classic swaggers are cached, per server and Jamf Pro version. */
export function defaultSpecCacheDir(): string {
  return userCacheDir();
}

export function contractFor(options: ContractOptions) {
  return async (ctx: { serverUrl: string; jamfVersion?: string; http: HttpClient }): Promise<ResponseObserver | undefined> => {
    const notices: Notice[] = [];
    const pro = await loadOne(options.openapi, 'pro', ctx, options, notices);
    const classic = await loadOne(options.classicOpenapi, 'classic', ctx, options, notices);
    if (!pro && !classic) {
      return notices.length ? { check: () => ({ findings: [] }), notices: () => notices } : undefined;
    }
    const checker = createContractChecker(
      { ...(pro ? { pro } : {}), ...(classic ? { classic } : {}) },
      {
        ...(options.strict ? { strict: true } : {}),
        ...(options.strictFormats ? { tolerateEmptyFormats: false } : {}),
        ...(options.tolerate ? { tolerate: options.tolerate } : {}),
      },
    );
    return {
      check: (exchange) => checker.check(exchange),
      coverage: () => checker.coverage(),
      notices: () => [...notices, ...checker.notices()],
    };
  };
}

async function loadOne(
  source: string,
  api: 'pro' | 'classic',
  ctx: { serverUrl: string; jamfVersion?: string; http: HttpClient },
  options: ContractOptions,
  notices: Notice[],
): Promise<LoadedSpec | undefined> {
  if (source === 'none') return undefined;
  if (source !== 'auto') return loadSpec(source, { fetch: ctx.http.fetch, kind: api });
  const path = api === 'classic' ? '/classicapi/doc/swagger.yaml' : '/api/schema';
  try {
    if (options.noCache || !ctx.jamfVersion) {
      return await loadSpec(`${ctx.serverUrl}${path}`, { fetch: ctx.http.fetch, kind: api });
    }
    const spec = await resolveAutoSpec({
      serverUrl: ctx.serverUrl,
      jamfVersion: ctx.jamfVersion,
      fetch: ctx.http.fetch,
      cacheDir: options.cacheDir ?? defaultSpecCacheDir(),
      api,
    });
    if (!spec) throw new JamfContractError('SPEC_READ', `${ctx.serverUrl}${path} gave no schema`);
    return spec;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const flag = api === 'pro' ? '--openapi' : '--classic-openapi';
    if (api === 'classic' && / answered 404\b/.test(why)) {
      notices.push({ level: 'warning', code: 'CONTRACT_NOT_PUBLISHED', message: `The server publishes no Classic API swagger (404): Classic responses are not checked. Pass ${flag} FILE to check them against one.` });
      return undefined;
    }
    throw new JamfContractError(
      'CONTRACT_UNAVAILABLE',
      `The server's ${api === 'pro' ? 'Jamf Pro API' : 'Classic API'} contract could not be loaded, so the run stops rather than go on without contract checks: ${why} Try again later, pass ${flag} FILE (a saved copy), or ${flag} none to run without these checks.`,
    );
  }
}
