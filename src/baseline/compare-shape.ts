/** Compares two body shape signatures: fields that disappeared, appeared or changed type. */
import type { Level } from '../diff/types.ts';
import type { Shape } from './shape.ts';

export interface ShapeChange {
  level: Level;
  kind: 'field-disappeared' | 'field-appeared' | 'field-type-changed';
  path: string;
  text: string;
  from?: string;
  to?: string;
}

export function compareShapes(old: Shape, cur: Shape): ShapeChange[] {
  const out: ShapeChange[] = [];
  for (const [path, before] of Object.entries(old)) {
    const after = cur[path];
    if (after === undefined) {
      if (isTopmost(path, old, cur) && !emptiedArray(path, cur)) {
        out.push({ level: 'breaking', kind: 'field-disappeared', path, text: `field ${path} disappeared`, from: before });
      }
    } else if (after !== before) {
      const level = typeChangeLevel(before, after);
      out.push({ level, kind: 'field-type-changed', path, text: `field ${path} type ${before} → ${after}`, from: before, to: after });
    }
  }
  for (const [path, after] of Object.entries(cur)) {
    if (old[path] === undefined && isTopmost(path, cur, old) && !emptiedArray(path, old)) {
      out.push({ level: 'info', kind: 'field-appeared', path, text: `field ${path} appeared`, to: after });
    }
  }
  return out;
}

/** Report a subtree once, at its root, and nothing under a node whose type changed. */
function isTopmost(path: string, from: Shape, to: Shape): boolean {
  const cut = path.lastIndexOf('/');
  const parent = cut <= 0 ? '/' : path.slice(0, cut);
  if (parent === path) return true;
  const a = from[parent];
  const b = to[parent];
  if (a === undefined || b === undefined) return b !== undefined || a === undefined;
  return a === b;
}

/** `/results/[]/id` missing because `/results` was an empty array this time: unknown, not gone. */
function emptiedArray(path: string, other: Shape): boolean {
  const at = path.indexOf('/[]');
  if (at < 0) return false;
  const element = path.slice(0, at + 3);
  const array = path.slice(0, at) || '/';
  return other[element] === undefined && (other[array] ?? '').split('|').includes('array');
}

/** Gaining `null` or widening integer to number may trip a strict client; losing a type never does. */
function typeChangeLevel(before: string, after: string): Level {
  // Only ever null (an empty Classic element, an unrequested section): the baseline knew no type.
  if (before === 'null') return 'info';
  const a = new Set(before.split('|'));
  const b = new Set(after.split('|'));
  if ([...b].every((t) => a.has(t))) return 'info';
  const gained = [...b].filter((t) => !a.has(t));
  const mild = gained.every((t) => t === 'null' || (t === 'number' && a.has('integer')) || (t === 'integer' && a.has('number')));
  return mild && [...a].some((t) => b.has(t)) ? 'warning' : 'breaking';
}
