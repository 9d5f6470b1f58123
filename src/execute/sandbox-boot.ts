/**
 * How the script sandbox's worker gets its 2 MB bundle. As shipped, the bundle is a module
 * holding one string: the main thread compiles that module (~0.1 s), copies the string into
 * the worker's start-up code, and the worker compiles it once as start-up code and once more
 * as the bundle. Here the worker reads the bundle from postman-sandbox's own file, and keeps
 * two files in the user's cache folder (as Node 22's module compile cache does): from the
 * second run on, a worker on its own starts in ~0.22 s on the project's machine (~0.30 s with
 * V8's compiled form alone, ~0.35 s as shipped):
 *
 * - `….js`, the code as the worker runs it: unpacked from the module's string, with the
 *   engine's per-request changes (engine-patches/hot-path.ts), and its ~80,000 non-ASCII
 *   characters (encoding tables, all inside string and regular-expression literals) written
 *   as `\uXXXX` escapes, which stand for the same characters there. Read back as one-byte
 *   text it takes a third of the time the module's string does to read and unpack, and V8
 *   keeps and scans it at half the size. Its last line holds its length: a file cut short is
 *   not used. Without a cache folder, or when an escape could change the meaning (a
 *   non-ASCII character after a backslash), the code runs as unpacked and is not kept. A
 *   file that cannot be put in place (a full disk) leaves no temporary file behind. Writing
 *   its own removes other workers' files not written for 30 days (other engine or Node
 *   versions, other flags).
 * - `….v8`, V8's compiled form of that code. V8 checks it against this Node, its flags and the
 *   code's length (not its text: the names carry the bundle's size, the changes made to it and
 *   the flags this process set, src/v8-flags.ts); one it rejects is rewritten.
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
import { appliedV8Flags } from '../v8-flags.ts';
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
  // And V8 rejects a compiled form made under other flags (the CLI sets its own): one file each.
  const key = createHash('sha256').update(`${statSync(bundle).size}:${JSON.stringify(BUNDLE_HOT_PATH)}:ascii:${appliedV8Flags().join(' ')}`).digest('hex').slice(0, 12);
  const cache = cacheDir ? join(cacheDir, `sandbox-${version}-${key}-node${process.versions.node}-${process.arch}`) : undefined;
  return { code: bootCode(bundle, cache) };
}

/** Runs in the worker's global scope; `require` is the worker's own (the bundle replaces it). `cache`: the cache files' path without `.js`/`.v8`. */
export function bootCode(bundle: string, cache: string | undefined): string {
  return `(function (require) {
  var fs = require('fs'), vm = require('vm'), path = require('path');
  var bundle = ${JSON.stringify(bundle)}, cache = ${JSON.stringify(cache ?? null)};
  // The bundle removes most globals (process among them) as it starts.
  var suffix = '.' + process.pid + '.' + require('worker_threads').threadId + '.tmp';
  function keep(file, data, encoding) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file + suffix, data, encoding);
      fs.renameSync(file + suffix, file);
    } catch (e) {
      // Not kept (the next worker does this again), and no half-written file left (a full disk).
      try { fs.unlinkSync(file + suffix); } catch (ignored) { /* never written */ }
    }
  }
  // Other workers' files (other versions of the engine, of Node, other flags) not written for
  // 30 days are removed when this one writes its own, so the folder does not only grow.
  function tidy() {
    try {
      var dir = path.dirname(cache), own = path.basename(cache) + '.', before = Date.now() - 30 * 86400000;
      fs.readdirSync(dir).forEach(function (name) {
        if (!/^sandbox-.*\\.(js|v8)(\\.\\d+\\.\\d+\\.tmp)?$/.test(name) || name.indexOf(own) === 0) return;
        if (fs.statSync(path.join(dir, name)).mtimeMs < before) fs.unlinkSync(path.join(dir, name));
      });
    } catch (e) { /* left as it is */ }
  }
  // The code as kept by an earlier worker, when it is whole.
  function kept() {
    if (!cache) return undefined;
    try {
      var text = fs.readFileSync(cache + '.js', 'latin1'), end = text.lastIndexOf('\\n//');
      return end >= 0 && text.slice(end + 3) === String(end) ? text.slice(0, end) : undefined;
    } catch (e) { return undefined; }
  }
  function unpacked() {
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
    // Nowhere to keep it, or an escape would change the meaning: run as unpacked.
    if (!cache || /\\\\[^\\x00-\\x7f]/.test(code)) return code;
    code = code.replace(/[^\\x00-\\x7f]/g, function (c) { return '\\\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4); });
    keep(cache + '.js', code + '\\n//' + code.length, 'latin1');
    tidy();
    return code;
  }
  var code = kept(), fresh = code === undefined, cached, script;
  if (fresh) code = unpacked();
  if (cache) { try { cached = fs.readFileSync(cache + '.v8'); } catch (e) { cached = undefined; } }
  try {
    script = new vm.Script(code, cached ? { cachedData: cached } : {});
  } catch (error) {
    if (fresh) throw error;
    // Kept code that does not compile (changed on disk): unpacked again, and kept again.
    code = unpacked();
    cached = undefined;
    script = new vm.Script(code);
  }
  script.runInThisContext();
  if (cache && (!cached || script.cachedDataRejected)) keep(cache + '.v8', script.createCachedData());
}(require));`;
}
