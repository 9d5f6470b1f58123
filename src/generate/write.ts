/**
 * Writing a generated collection: v2.1 JSON to a file (atomically) or to stdout, or the
 * Git-native v3 YAML folder (Postman v12) through the project's v2.1 → v3 writer. The text
 * is a pure function of the collection, so a re-generation rewrites only what changed.
 */
import { writeFileAtomic } from '../atomic-file.ts';
import { JamfContractError } from '../errors.ts';
import type { PostmanCollection } from '../load/postman-types.ts';
import { collectionToV3 } from '../load/v3/from-v2.ts';
import { writeV3Folder } from '../load/v3/write.ts';

export type OutputFormat = 'v2.1' | 'v3';

export function collectionJson(collection: PostmanCollection): string {
  return `${JSON.stringify(collection, null, 2)}\n`;
}

/** Returns the paths written (none for stdout). */
export async function writeCollection(collection: PostmanCollection, format: OutputFormat, out: string | undefined, options: { force?: boolean; stdout?: NodeJS.WritableStream } = {}): Promise<string[]> {
  if (format === 'v3') {
    if (!out) throw new JamfContractError('USAGE', '--format v3 writes a folder of YAML files: name it with -o DIR.');
    const { files } = collectionToV3(collection);
    return writeV3Folder(out, files, { force: options.force ?? false });
  }
  const text = collectionJson(collection);
  if (!out) {
    (options.stdout ?? process.stdout).write(text);
    return [];
  }
  writeFileAtomic(out, text);
  return [out];
}
