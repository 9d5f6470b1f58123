/**
 * Report files appear whole or not at all: content goes to a temp file in the same
 * directory (same filesystem, so the rename is atomic) and is renamed over the target.
 * An aborted run removes its temp files and the target itself, so a CI step never picks
 * up a previous run's report as if it were this run's.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { JamfContractError } from './errors.ts';

const FLUSH_AT = 1 << 16;

/** A temp file next to `target`, written synchronously, then committed or discarded. */
export class AtomicFile {
  readonly target: string;
  readonly tempPath: string;
  private fd: number | undefined;
  private buffered: string[] = [];
  private bufferedSize = 0;

  constructor(target: string, tag = 'tmp') {
    this.target = target;
    this.tempPath = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.${tag}`);
  }

  /** Strings are buffered up to `FLUSH_AT` bytes: one write call per request costs more than the JSON. */
  write(content: string | Uint8Array): void {
    if (typeof content === 'string') {
      this.buffered.push(content);
      this.bufferedSize += content.length;
      if (this.bufferedSize >= FLUSH_AT) this.flush();
      return;
    }
    this.flush();
    writeAll(this.open(), content);
  }

  /** Writes buffered text to the temp file, so it can be read back. */
  flush(): void {
    const fd = this.open();
    if (this.buffered.length === 0) return;
    writeAll(fd, Buffer.from(this.buffered.join('')));
    this.buffered = [];
    this.bufferedSize = 0;
  }

  /** Flushes and renames the temp file over the target. */
  commit(): void {
    this.flush();
    fsyncSync(this.open());
    this.close();
    try {
      renameSync(this.tempPath, this.target);
    } catch (error) {
      this.discard();
      throw new JamfContractError('REPORT_WRITE', `Could not write ${this.target}: ${(error as Error).message}. Check that its directory is writable.`, { cause: error });
    }
  }

  discard(): void {
    this.buffered = [];
    this.bufferedSize = 0;
    this.close();
    rmSync(this.tempPath, { force: true });
  }

  private open(): number {
    this.fd ??= openFor(this.tempPath);
    return this.fd;
  }

  private close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

export function writeFileAtomic(target: string, content: string): void {
  const file = new AtomicFile(target);
  try {
    file.write(content);
  } catch (error) {
    file.discard();
    throw error;
  }
  file.commit();
}

/**
 * Removes `target` and temp files left next to it by runs that are no longer alive
 * (a killed process cannot clean up after itself). Temps of live runs are left alone.
 */
export function removeReport(target: string): void {
  rmSync(target, { force: true });
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && (pid === process.pid || !isAlive(pid))) rmSync(join(dir, name), { force: true });
  }
}

function openFor(path: string): number {
  try {
    mkdirSync(dirname(path), { recursive: true });
    return openSync(path, 'w', 0o644);
  } catch (error) {
    throw new JamfContractError('REPORT_WRITE', `Could not create a file in ${dirname(path)}: ${(error as Error).message}. Check that the directory is writable (--out for reports).`, { cause: error });
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
