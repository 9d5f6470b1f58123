/**
 * Scoped changes to the Postman engine's own files (patch.ts): libraries loaded when first
 * used (defer.ts) and a lighter per-request path (hot-path.ts). Each applies only to the code
 * it was written for and only in this process; the files on disk are untouched.
 */
import { DEFERRED } from './defer.ts';
import { HOT_PATH } from './hot-path.ts';
import { START_UP } from './start-up.ts';
import { precompileEach, type Patch } from './patch.ts';

export type EnginePackage = keyof typeof DEFERRED;
const CHANGES: Record<EnginePackage, Patch[][]> = {
  // property.js last: compiling it loads the dynamic variables, changed first (Faker deferred).
  'postman-collection': [...HOT_PATH['postman-collection'], ...DEFERRED['postman-collection'], ...HOT_PATH['postman-collection/property.js']],
  'postman-sandbox': DEFERRED['postman-sandbox'],
  'postman-runtime': [...HOT_PATH['postman-runtime'], ...DEFERRED['postman-runtime']],
  // psl first: compiling postman-request's files loads the cookie jar, which loads psl. Its
  // request.js last: compiled once with all its changes, it loads the deferred socks.js.
  'postman-request': [
    ...START_UP['postman-request'],
    ...HOT_PATH['postman-request'],
    ...DEFERRED['postman-request'],
    ...HOT_PATH['postman-request/request.js'],
  ],
};
const applied = new Map<EnginePackage, number>();
/** Libraries all of them require (uuid): changed before the first engine package loads. */
let shared: number | undefined;

/**
 * Applies the changes to `pkg`'s files; call just before `pkg` is first required. A patched
 * file is compiled (run) at once, so each package's changes wait for the package: the script
 * sandbox's worker is started before the engine's HTTP library loads. Returns how many
 * applied (0 when the package was loaded already, or its code changed).
 */
export function prepareEngine(...packages: EnginePackage[]): number {
  shared ??= precompileEach(HOT_PATH.shared);
  let count = shared;
  for (const pkg of packages) {
    if (!applied.has(pkg)) applied.set(pkg, precompileEach(CHANGES[pkg]));
    count += applied.get(pkg)!;
  }
  return count;
}

export { DEFERRED, DEFERRED_VISUALIZER } from './defer.ts';
export { BOTH_ASSERTION_EVENTS, BUNDLE_HOT_PATH, HOT_PATH, ITEM_REQUEST_COPY, LAZY_COPY, NOT_FOR_NODE } from './hot-path.ts';
export { precompile, precompileGroups, resolvePatched, type Patch } from './patch.ts';
export { START_UP } from './start-up.ts';
