/** docs/safety.md lists the guard's table as the code has it: every row, its class and example. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, GUARD_RULES } from '../../../src/wire/guard/index.ts';

const doc = readFileSync(new URL('../../../docs/safety.md', import.meta.url), 'utf8');
const rows = new Map(
  doc
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map((cells) => [cells[1]!.replace(/`/g, ''), cells] as const),
);

describe('docs/safety.md', () => {
  it('has one row per rule of the table, in the same order, and nothing else', () => {
    expect([...rows.keys()]).toEqual([...GUARD_RULES.map((r) => r.id), ...Object.values(DEFAULT_RULES).map((r) => r.id)]);
  });
  for (const rule of GUARD_RULES) {
    it(`${rule.id}: its class, example and reason`, () => {
      const cells = rows.get(rule.id)!;
      expect(cells[4]).toBe(rule.class);
      expect(cells[5]).toBe(`\`${rule.example}\``);
      expect(cells[6]).toBe(rule.reason);
    });
  }
});
