/** Postman Collection v3 (Postman v12's Git-native YAML): reading, discovery, conversion. */
import { readV3Tree } from './read.ts';
import { v3ToCollection, type V3Conversion } from './to-v2.ts';

export { hasV3Markers } from './read.ts';

/** Reads the v3 collection rooted at `dir` as the v2.1 collection the engine runs. */
export async function loadV3Collection(dir: string): Promise<V3Conversion> {
  return v3ToCollection(await readV3Tree(dir));
}
