/**
 * Writing a v3 collection folder whole or not at all: the files go to a temp folder beside
 * the target, which then takes the target's place. An existing folder is replaced only with
 * `force`, and only when it is itself a v3 collection (never an arbitrary folder).
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { JamfContractError } from '../../errors.ts';
import { hasV3Markers } from './read.ts';

export async function writeV3Folder(target: string, files: Map<string, string>, options: { force?: boolean } = {}): Promise<string[]> {
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new JamfContractError('USAGE', `"${target}" is a file; a v3 collection is a folder. Name a folder with -o.`);
  }
  if (existing && (await readdir(target)).length > 0) {
    if (!options.force) {
      throw new JamfContractError('USAGE', `"${target}" is not empty. Name a new folder, or pass --force to replace a v3 collection folder.`);
    }
    if (!(await hasV3Markers(target))) {
      throw new JamfContractError('USAGE', `"${target}" is not a v3 collection folder; --force replaces only those. Name a new or empty folder.`);
    }
  }
  await mkdir(dirname(target), { recursive: true });
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const temp = join(dirname(target), `.${basename(target)}.${tag}.tmp`);
  const written: string[] = [];
  try {
    for (const [rel, content] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const path = join(temp, ...rel.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      written.push(join(target, ...rel.split('/')));
    }
    const old = join(dirname(target), `.${basename(target)}.${tag}.old`);
    if (existing) await rename(target, old);
    await rename(temp, target);
    if (existing) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof JamfContractError) throw error;
    throw new JamfContractError('OUTPUT_WRITE', `Cannot write "${target}": ${(error as Error).message}.`, { cause: error });
  }
  return written;
}
