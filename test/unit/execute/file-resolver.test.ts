/** The engine's file reads (form-data files, binary bodies): inside the working directory only, by where a file really is. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileResolver } from '../../../src/execute/file-resolver.ts';
import { tempDir } from '../../helpers/collections.ts';

const read = (resolver: ReturnType<typeof createFileResolver>, path: string): Promise<string> =>
  new Promise((resolve) => resolver.readFile(path, (err, data) => resolve(err ? `refused: ${err.code ?? err.message}` : String(data))));

describe('file resolver', () => {
  const base = tempDir();
  const work = join(base, 'work');
  mkdirSync(join(work, 'sub'), { recursive: true });
  writeFileSync(join(work, 'inside.txt'), 'inside');
  writeFileSync(join(work, '..data'), 'dots');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  symlinkSync(join(base, 'secret.txt'), join(work, 'link-out.txt'));
  symlinkSync(join(work, 'inside.txt'), join(work, 'sub', 'link-in.txt'));
  symlinkSync(base, join(work, 'dir-out'));

  it('reads inside the working directory, links that stay inside included', async () => {
    const r = createFileResolver({ workingDir: work });
    expect(await read(r, 'inside.txt')).toBe('inside');
    expect(await read(r, 'sub/link-in.txt')).toBe('inside');
    expect(await read(r, '..data')).toBe('dots');
  });

  it('refuses what is outside, by path or through a link', async () => {
    const r = createFileResolver({ workingDir: work });
    expect(await read(r, '../secret.txt')).toBe('refused: EPERM');
    expect(await read(r, 'link-out.txt')).toBe('refused: EPERM');
    expect(await read(r, 'dir-out/secret.txt')).toBe('refused: EPERM');
    const streamed = await new Promise<string>((resolve) => {
      const s = r.createReadStream('link-out.txt');
      s.on('error', (e: NodeJS.ErrnoException) => resolve(`refused: ${e.code}`));
      s.on('data', () => resolve('read'));
    });
    expect(streamed).toBe('refused: EPERM');
  });

  it('--insecure-file-read reads them all', async () => {
    const r = createFileResolver({ workingDir: work, insecureFileRead: true });
    expect(await read(r, 'link-out.txt')).toBe('secret');
    expect(await read(r, '../secret.txt')).toBe('secret');
  });
});
