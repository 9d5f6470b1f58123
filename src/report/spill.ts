/**
 * A report file with one long list in it (requests, tests, rows): the list's entries are
 * spilled to a temp file as they arrive, so a 20,000-request run stays flat in memory, and
 * at the end the head, the spilled entries and the tail go out in one atomic write. An
 * aborted run leaves neither the report nor the temp file.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { AtomicFile, removeReport } from '../atomic-file.ts';

export class SpilledReport {
  private spill: AtomicFile | undefined;
  /** Entries added so far. */
  count = 0;

  /** `tag` names the temp file (`.report.json.<pid>.<hex>.<tag>`); `indent` starts each entry. */
  constructor(
    readonly target: string,
    private readonly tag: string,
    private readonly indent = '',
  ) {}

  /** One entry of the list (already serialized; entries are joined with `,\n`). */
  add(text: string): void {
    this.spill ??= new AtomicFile(this.target, this.tag);
    this.spill.write(`${this.count === 0 ? '' : ',\n'}${this.indent}${text}`);
    this.count += 1;
  }

  /** Writes head + entries + tail; `parts` runs inside the write, so a failure there leaves nothing behind. */
  write(parts: () => [head: string, tail: string]): void {
    const file = new AtomicFile(this.target);
    try {
      const [head, tail] = parts();
      file.write(head);
      if (this.spill) {
        this.spill.flush();
        copyInto(file, this.spill.tempPath);
      }
      file.write(tail);
    } catch (error) {
      file.discard();
      throw error;
    } finally {
      this.spill?.discard();
    }
    file.commit();
  }

  /** The run was aborted: no report, no temp file. */
  abort(): void {
    this.spill?.discard();
    removeReport(this.target);
  }
}

function copyInto(file: AtomicFile, path: string): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 16);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      file.write(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}
