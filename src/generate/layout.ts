/**
 * The folder tree and the run order. Inside a folder, requests go in path order, so a list
 * (`/v1/buildings`) runs before the requests that chain from it (`/v1/buildings/{id}`, its
 * prefix). Sibling folders go by name, except that a folder holding a list runs before the
 * folders whose requests chain from it (and "Deprecated" and "Classic API" come after the
 * tag folders unless something depends on them). Every order is a pure function of the
 * operations, so two generations of one schema are byte-identical.
 */
import { compareText } from './operations.ts';
import { DEPRECATED_FOLDER } from './plan-pro.ts';
import { CLASSIC_FOLDER } from './plan-classic.ts';
import type { PlannedRequest } from './types.ts';

export interface Folder {
  name: string;
  /** Names from the root to this folder. */
  trail: string[];
  folders: Folder[];
  requests: PlannedRequest[];
}

export function buildTree(requests: PlannedRequest[]): Folder {
  const root: Folder = { name: '', trail: [], folders: [], requests: [] };
  for (const request of requests) {
    let at = root;
    for (const name of request.folders) {
      let next = at.folders.find((f) => f.name === name);
      if (!next) {
        next = { name, trail: [...at.trail, name], folders: [], requests: [] };
        at.folders.push(next);
      }
      at = next;
    }
    at.requests.push(request);
  }
  const owner = new Map(requests.map((r) => [r.operation, r]));
  sortFolder(root, owner);
  return root;
}

/** Requests in the run's order. */
export function runOrder(folder: Folder): PlannedRequest[] {
  return [...folder.requests, ...folder.folders.flatMap(runOrder)];
}

function sortFolder(folder: Folder, owner: Map<string, PlannedRequest>): void {
  folder.requests.sort((a, b) => compareText(a.operation, b.operation));
  for (const child of folder.folders) sortFolder(child, owner);
  folder.folders = orderSiblings(folder.folders, owner);
}

/** Kahn's algorithm over "runs before" edges, always taking the first ready folder by rank and name; a cycle yields the first remaining. */
function orderSiblings(folders: Folder[], owner: Map<string, PlannedRequest>): Folder[] {
  const inside = new Map<string, Folder>();
  for (const f of folders) for (const r of runOrder(f)) inside.set(r.operation, f);
  const before = new Map<Folder, Set<Folder>>(folders.map((f) => [f, new Set()]));
  for (const f of folders) {
    for (const r of runOrder(f)) {
      for (const dep of r.dependsOn) {
        const source = owner.has(dep) ? inside.get(dep) : undefined;
        if (source && source !== f) before.get(f)!.add(source);
      }
    }
  }
  const rank = (f: Folder): string => `${f.name === DEPRECATED_FOLDER ? 1 : f.name === CLASSIC_FOLDER ? 2 : 0} ${f.name}`;
  const remaining = [...folders].sort((a, b) => compareText(rank(a), rank(b)));
  const out: Folder[] = [];
  while (remaining.length > 0) {
    const index = Math.max(0, remaining.findIndex((f) => [...before.get(f)!].every((d) => out.includes(d))));
    out.push(...remaining.splice(index, 1));
  }
  return out;
}
