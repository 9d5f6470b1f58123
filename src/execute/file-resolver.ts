/**
 * How the engine reads files a collection names (form-data files, binary bodies, client
 * certificates), as newman does: paths are resolved from the working directory
 * (`--working-dir`, by default the collection's own folder), and a path outside it is refused
 * unless `--insecure-file-read` allows it. The `--ca` file is always readable.
 */
import { createReadStream, readFile, stat, type ReadStream, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
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
  const allowed = new Set((options.allow ?? []).map((p) => resolve(p)));
  const locate = (path: string): string | undefined => {
    const full = resolve(root, path);
    if (allowed.has(full) || options.insecureFileRead) return full;
    const rel = relative(root, full);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? full : undefined;
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
