/**
 * uniscope's `exec` as changed in the sandbox's bundle (src/engine-patches/script-scope.ts)
 * against uniscope as shipped, both taken from the installed bundle and run side by side on
 * the same sequence of scripts: what each script sees of every global, import and hidden
 * name, its `this`, the names remembered as the scripts' own, the order of the compiled
 * function's parameters, and the errors — with executions overlapping (several pending at
 * once, as with `--parallel`), scripts that leak globals, imports over globals, blocked
 * names, console and eval allowed or not, strict mode.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SCRIPT_SCOPE } from '../../../src/engine-patches/script-scope.ts';

const require = createRequire(import.meta.url);
const bundle = JSON.parse(/c\(null,("[\s\S]*")\)/.exec(readFileSync(require.resolve('postman-sandbox/.cache/bootcode.js'), 'utf8'))![1]!) as string;

/** A browserify module's factory source and its dependency map, found by its id. */
function moduleById(id: string): { factory: string; deps: Record<string, number> } {
  const start = bundle.indexOf(`${id}:[function(e,t,n){`);
  const open = start + `${id}:[`.length;
  // The factory ends where its dependency map starts: "},{…}]," (the first one whose map parses).
  let at = open;
  for (;;) {
    at = bundle.indexOf('},{', at + 1);
    const close = bundle.indexOf('}]', at);
    try {
      const deps = JSON.parse(bundle.slice(at + 2, close + 1)) as Record<string, number>;
      return { factory: bundle.slice(open, at + 1), deps };
    } catch {
      continue;
    }
  }
}

type Uniscope = { create(options: object): Scope };
type Scope = { import(o: object): void; reset(): void; exec(code: string, o: object, cb: (e?: unknown) => void): void; _locals: string[] };

/** uniscope from the bundle, with `changes` applied to its main module. */
function loadUniscope(changes: Array<{ from: string; to: string }>): Uniscope {
  const main = /[,{]uniscope:(\d+)[,}]/.exec(bundle)![1]!;
  const cache = new Map<number, unknown>();
  const load = (id: number, edit: boolean): unknown => {
    if (cache.has(id)) return cache.get(id);
    const { deps } = moduleById(String(id));
    let { factory } = moduleById(String(id));
    if (edit) for (const c of changes) if (factory.includes(c.from)) factory = factory.replace(c.from, () => c.to);
    const mod = { exports: {} as unknown };
    // The bundle's own module code, compiled as the worker compiles it.
    (new Function(`return (${factory})`)() as (r: (n: string) => unknown, m: object, e: unknown) => void)((name) => load(deps[name]!, true), mod, mod.exports);
    cache.set(id, mod.exports);
    return mod.exports;
  };
  const entry = moduleById(main);
  return load(entry.deps['./lib']!, true) as Uniscope;
}

/** Runs the same sequence of scripts in `uniscope`; what they saw, in order. */
async function scenario(uniscope: Uniscope): Promise<unknown[]> {
  const seen: unknown[] = [];
  const g = globalThis as Record<string, unknown>;
  const names = ['Array', 'JSON', 'URL', 'process', 'require', 'bridge', 'console', 'eval', 'setTimeout', 'pm', 'leakedA', 'leakedB', 'leakedD', 'Buffer', 'structuredClone', 'Date', 'globalThis'];
  // Compiled inside the scope: each name is looked up as the script would.
  const probe = `__seen.push({ types: [${names.map((n) => `typeof ${n}`).join(', ')}], thisKeys: Object.keys(this).sort().join(',') });`;
  const scope = uniscope.create({ eval: true, ignore: ['require'], block: ['bridge'] });
  const strict = uniscope.create({ strict: true, console: true, block: ['bridge', 'setTimeout'] });
  const run = (s: Scope, code: string, options: object): Promise<unknown> =>
    new Promise((resolve) => s.exec(code, options, (e?: unknown) => resolve(e === undefined || e === null ? null : String(e))));
  g.__seen = seen;
  try {
    scope.import({ pm: { id: 1 }, __seen: seen, console: { log() {} }, setTimeout });
    seen.push(await run(scope, probe, { async: false }));
    // Leaks two globals; later scripts must see them hidden.
    seen.push(await run(scope, `${probe} leakedA = 1; this.__x = 2;`, { async: false }));
    seen.push(await run(scope, probe, { async: false }));
    // Overlapping async executions: each ends later; one leaks while others are pending.
    const pending = [0, 1, 2].map((k) => run(scope, `${probe} setTimeout(function () { ${k === 1 ? 'leakedB = 3;' : ''} __exitscope(); }, ${5 * (3 - k)});`, { async: true }));
    seen.push(await run(scope, `${probe} __exitscope();`, { async: true, block: ['JSON'] }));
    seen.push(...(await Promise.all(pending)));
    // A global made by a script still running is that script's own for the scripts that start meanwhile.
    const running = run(scope, 'leakedD = 4; setTimeout(function () { __exitscope(); }, 10);', { async: true });
    seen.push(await run(scope, probe, { async: false }));
    seen.push(await running);
    seen.push(await run(scope, `${probe} __exitscope();`, { async: true }));
    scope.reset();
    scope.import({ __seen: seen, URL: 'imported over a global', bridge: 'imported but blocked', setTimeout });
    seen.push(await run(scope, probe, { async: false }));
    seen.push(await run(scope, 'throw new Error("script error")', { async: false }));
    seen.push(await run(scope, 'this is not javascript', { async: false }));
    strict.import({ __seen: seen });
    seen.push(await run(strict, probe, { async: false }));
    seen.push(await run(strict, 'undeclared = 1', { async: false }));
    seen.push(scope._locals.slice(), strict._locals.slice());
  } finally {
    delete g.__seen;
    delete g.leakedA;
    delete g.leakedB;
    delete g.leakedD;
  }
  return seen;
}

describe('uniscope scope, built with Sets', () => {
  it('the change applies to the installed bundle', () => {
    for (const change of SCRIPT_SCOPE) expect(bundle.split(change.from).length, change.from.slice(0, 60)).toBe(2);
  });

  it('gives every script what uniscope as shipped gives it, in the same order', async () => {
    const shipped = await scenario(loadUniscope([]));
    const changed = await scenario(loadUniscope(SCRIPT_SCOPE));
    expect(changed).toEqual(shipped);
    // The scenario is not empty: globals are hidden, leaks remembered, errors reported.
    const locals = shipped[shipped.length - 2] as string[];
    expect(locals).toEqual(expect.arrayContaining(['leakedA', 'leakedB', 'leakedD']));
    expect(shipped).toContain('Error: script error');
    expect(JSON.stringify(shipped)).toContain('"undefined"');
  });

  it('builds the same parameter list for the compiled script', () => {
    const lists = (uniscope: Uniscope): string[][] => {
      const out: string[][] = [];
      const original = Function;
      const spy = new Proxy(original, { apply: (target, self, args: string[]) => { out.push(args.slice(0, -1)); return Reflect.apply(target, self, args); } });
      (globalThis as Record<string, unknown>).Function = spy;
      try {
        const scope = uniscope.create({ eval: true, ignore: ['require'], block: ['bridge'] });
        scope.import({ pm: 1, URL: 2, console: 3 });
        scope.exec('leakedC = 1', { async: false }, () => undefined);
        scope.exec('void 0', { async: false, block: ['Date'] }, () => undefined);
      } finally {
        (globalThis as Record<string, unknown>).Function = original;
        delete (globalThis as Record<string, unknown>).leakedC;
      }
      return out;
    };
    const shipped = lists(loadUniscope([]));
    expect(shipped.length).toBe(2);
    expect(lists(loadUniscope(SCRIPT_SCOPE))).toEqual(shipped);
  });
});
