/**
 * How the script sandbox's worker gets its 2 MB bundle. As shipped, the bundle is a module
 * holding one string: the main thread compiles that module (~0.1 s), copies the string into
 * the worker's start-up code, and the worker compiles it once as start-up code and once more
 * as the bundle. Here the worker reads the bundle from postman-sandbox's own file, and keeps
 * V8's compiled form of it in the user's cache folder (as Node 22's module compile cache
 * does), so a worker starts in about two thirds of the time from the second run on. V8
 * checks the cached form against this Node and the code's length (not its text: the file
 * name carries the bundle's size and the changes made to it); one it rejects is rewritten. The
 * bundle gets the engine's per-request changes (engine-patches/hot-path.ts) on the way.
 *
 * The code below runs in the worker, where postman-sandbox's start-up code would have run
 * it (`vm.runInThisContext`): same global, same file name in stack traces. If the bundle
 * file is not there (a development install of postman-sandbox), the run uses the engine's
 * own way.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { BUNDLE_HOT_PATH } from '../engine-patches/index.ts';
import { sandboxRequireBase } from './sandbox-bridge.ts';

const require = createRequire(import.meta.url);

export interface SandboxBoot {
  /** The worker's boot code (uvm's `bootCode`). */
  code: string;
}

/** The boot code for this process's postman-sandbox, or undefined to boot as shipped. */
export function sandboxBoot(cacheDir: string | undefined): SandboxBoot | undefined {
  const base = sandboxRequireBase();
  const bundle = join(dirname(base), '.cache', 'bootcode.js');
  if (!existsSync(bundle)) return undefined;
  const version = (require(join(dirname(base), 'package.json')) as { version: string }).version;
  // V8 checks a cache against the code's length, not its text: the name carries what makes the code.
  const key = createHash('sha256').update(`${statSync(bundle).size}:${JSON.stringify(BUNDLE_HOT_PATH)}`).digest('hex').slice(0, 12);
  const cache = cacheDir ? join(cacheDir, `sandbox-${version}-${key}-node${process.versions.node}-${process.arch}.v8`) : undefined;
  return { code: bootCode(bundle, cache) };
}

/** Runs in the worker's global scope; `require` is the worker's own (the bundle replaces it). */
function bootCode(bundle: string, cache: string | undefined): string {
  return `(function (require) {
  var fs = require('fs'), vm = require('vm'), path = require('path');
  var bundle = ${JSON.stringify(bundle)}, cache = ${JSON.stringify(cache ?? null)};
  var text = fs.readFileSync(bundle, 'utf8'), code;
  // The file is \`module.exports=c=>c(null,"…")\`: the string is read as JSON, or the module is loaded.
  var start = text.indexOf('c(null,"'), end = text.lastIndexOf('")');
  if (start >= 0 && end > start) { try { code = JSON.parse(text.slice(start + 7, end + 1)); } catch (e) { code = undefined; } }
  if (typeof code !== 'string') require(bundle)(function (error, loaded) { code = loaded; });
  // The engine's per-request changes (engine-patches/hot-path.ts), each where its code is found once.
  var changes = ${JSON.stringify(BUNDLE_HOT_PATH)};
  for (var i = 0; i < changes.length; i++) {
    var at = code.indexOf(changes[i].from);
    if (at >= 0 && code.indexOf(changes[i].from, at + 1) < 0) code = code.slice(0, at) + changes[i].to + code.slice(at + changes[i].from.length);
  }
  var cached;
  if (cache) { try { cached = fs.readFileSync(cache); } catch (e) { cached = undefined; } }
  var script = new vm.Script(code, cached ? { cachedData: cached } : {});
  // The bundle removes most globals (process among them) as it starts.
  var temp = cache + '.' + process.pid + '.' + require('worker_threads').threadId + '.tmp';
  script.runInThisContext();
  if (cache && (!cached || script.cachedDataRejected)) {
    try {
      fs.mkdirSync(path.dirname(cache), { recursive: true });
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, cache);
    } catch (e) { /* no cache: the next worker compiles again */ }
  }
}(require));`;
}
