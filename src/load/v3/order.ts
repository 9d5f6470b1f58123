/**
 * `order`: folders and requests sorted together by their `order` values, compared exactly.
 * Postman writes values such as 1712345678901234 whose neighbours differ in the last digit;
 * as JavaScript numbers they would compare equal, so integers are compared as BigInts.
 * Items without an order come last; ties go by name, so the result never depends on the disk.
 */
import type { YamlValue } from './yaml.ts';

type Order = bigint | number | undefined;

function orderOf(value: YamlValue | undefined): Order {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function compareOrder(a: YamlValue | undefined, b: YamlValue | undefined): number {
  const x = orderOf(a);
  const y = orderOf(b);
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : x > y ? 1 : 0;
  // A fractional order (rare) is compared as a number.
  const nx = Number(x);
  const ny = Number(y);
  return nx < ny ? -1 : nx > ny ? 1 : 0;
}

/** Stable sort by `order`, then by `name`. */
export function sortByOrder<T>(list: T[], order: (t: T) => YamlValue | undefined, name: (t: T) => string): T[] {
  return [...list].sort((a, b) => compareOrder(order(a), order(b)) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}
