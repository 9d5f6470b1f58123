/** Small helpers shared by the seed files. */

export type Obj = Record<string, unknown>;

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Gives each item its 1-based position as the store id. */
export const ids = <T extends Obj>(items: T[]): Array<T & { id: string }> => items.map((item, i) => ({ ...item, id: String(i + 1) }));

export function cycle<T>(list: readonly T[], index: number): T {
  return list[index % list.length] as T;
}
