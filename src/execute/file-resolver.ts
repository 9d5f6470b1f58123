/**
 * How the engine reads files a collection names (form-data files, binary bodies, client
 * certificates), as newman does: paths are resolved from the working directory
 * (`--working-dir`, by default the collection's own folder), and a path outside it is refused
 * unless `--insecure-file-read` allows it — by where the file really is: a symbolic link in the
 * working directory that leads out of it (to `~/.ssh/id_rsa`, say, shipped with a collection)
 * is outside too. The `--ca` file is always readable.
 */
import { createReadStream, readFile, realpathSync, stat, type ReadStream, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';

export interface FileResolverOptions {
  workingDir: string;
  /** Allow paths outside the working directory. */
  insecureFileRead?: boolean;
  /** Absolute paths always allowed (the `--ca` file). */
  allow?: string[];
}

export interface EngineFileResolver {
  stat(path: string, cb: (err: NodeJS.ErrnoException | null, stats?: Stats) => void): void;
  createReadStream(path: string): ReadStream | Readable;
  readFile(path: string, cb: (err: NodeJS.ErrnoException | null, data?: Buffer) => void): void;
}

export const OUTSIDE = 'PPERM: insecure file access outside working directory';

export function createFileResolver(options: FileResolverOptions): EngineFileResolver {
  const root = resolve(options.workingDir);
  const realRoot = realPath(root) ?? root;
  const allowed = new Set((options.allow ?? []).map((p) => resolve(p)));
  const locate = (path: string): string | undefined => {
    const full = resolve(root, path);
    if (allowed.has(full) || options.insecureFileRead) return full;
    if (!within(root, full)) return undefined;
    // A file that does not exist fails to read as it would anyway.
    const real = realPath(full);
    return real === undefined || within(realRoot, real) ? full : undefined;
  };
  const refused = (path: string): NodeJS.ErrnoException => Object.assign(new Error(`${OUTSIDE}: "${path}" (--working-dir ${root}; --insecure-file-read allows it)`), { code: 'EPERM' });
  return {
    stat(path, cb) {
      const full = locate(path);
      if (!full) return cb(refused(path));
      stat(full, cb);
    },
    createReadStream(path) {
      const full = locate(path);
      if (full) return createReadStream(full);
      // A stream that fails, as the engine expects of an unreadable file.
      const failing = new Readable({ read() {} });
      setImmediate(() => failing.destroy(refused(path)));
      return failing;
    },
    readFile(path, cb) {
      const full = locate(path);
      if (!full) return cb(refused(path));
      readFile(full, cb);
    },
  };
}

/** Whether `path` is `dir` or inside it (a name like `..data` inside it counts as inside). */
function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
