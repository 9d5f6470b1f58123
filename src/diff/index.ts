/** The schema diff as a library: load two documents, compare, group, optionally narrow. */
import { JamfContractError } from '../errors.ts';
import { diffOperations } from './compare-operations.ts';
import { groupChanges } from './group.ts';
import { isObject, loadSpec, type LoadedSpec, type LoadOptions } from './load.ts';
import { operationsOf } from './operations.ts';
import { summarize, type DiffReport, type SpecInfo } from './types.ts';

export * from './types.ts';
export { loadSpec, parseDocument, schemaUrl, type LoadedSpec, type LoadOptions } from './load.ts';
export { usedOperations, narrowToUsed, type UsedOperations } from './used-by.ts';

export async function diffSources(oldSource: string, newSource: string, options: LoadOptions = {}): Promise<DiffReport> {
  const [old, cur] = await Promise.all([loadSpec(oldSource, options), loadSpec(newSource, options)]);
  return diffSpecs(old, cur);
}

export function diffSpecs(old: LoadedSpec, cur: LoadedSpec): DiffReport {
  if (old.kind !== cur.kind) {
    throw new JamfContractError(
      'SPEC_NOT_OPENAPI',
      `${old.source} is ${kindName(old.kind)} but ${cur.source} is ${kindName(cur.kind)}: compare two documents of the same kind (two Jamf Pro API schemas, or two Classic swaggers).`,
    );
  }
  const oldOps = operationsOf(old.doc, old.kind);
  const curOps = operationsOf(cur.doc, cur.kind);
  const entries = groupChanges(diffOperations({ doc: old.doc, operations: oldOps }, { doc: cur.doc, operations: curOps }));
  return { old: infoOf(old, oldOps.size), new: infoOf(cur, curOps.size), summary: summarize(entries), entries };
}

function infoOf(spec: LoadedSpec, operations: number): SpecInfo {
  const info: SpecInfo = { source: spec.source, kind: spec.kind, operations };
  const docInfo = spec.doc.info;
  if (isObject(docInfo)) {
    if (typeof docInfo.title === 'string') info.title = docInfo.title;
    if (docInfo.version !== undefined) info.version = String(docInfo.version);
  }
  return info;
}

function kindName(kind: LoadedSpec['kind']): string {
  return kind === 'openapi3' ? 'OpenAPI 3' : 'Swagger 2.0';
}
