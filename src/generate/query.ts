/**
 * The query a generated request sends: a small page where the operation pages, the cheap
 * `section` of inventory operations (GENERAL), and required parameters from the schema's
 * examples, enums or defaults. Nothing else: no sort, no filter, nothing optional.
 */
import { dotted, givenValue, type Given } from './chain.ts';
import type { GetOperation, Parameter } from './operations.ts';
import { isObject } from './schema.ts';
import type { NeedsValue } from './types.ts';

export const PAGE_SIZE = 5;
const PAGE_SIZE_NAMES = ['page-size', 'pagesize', 'size'];

export interface QueryPlan {
  query: Array<{ key: string; value: string }>;
  needs: NeedsValue[];
  given: Given[];
}

export function planQuery(op: GetOperation, vars: Record<string, string>): QueryPlan {
  const plan: QueryPlan = { query: [], needs: [], given: [] };
  const params = op.parameters.filter((p) => p.in === 'query');
  const paging = PAGE_SIZE_NAMES.map((n) => params.find((p) => p.name === n)).find((p) => p !== undefined);
  for (const p of params) {
    if (p === paging) {
      plan.query.push({ key: p.name, value: String(PAGE_SIZE) });
    } else if (p.name === 'section') {
      const section = cheapSection(p);
      if (section) plan.query.push({ key: p.name, value: section });
      else if (p.required) required(op, p, vars, plan);
    } else if (p.required) {
      required(op, p, vars, plan);
    }
  }
  return plan;
}

function required(op: GetOperation, p: Parameter, vars: Record<string, string>, plan: QueryPlan): void {
  const values = schemaValues(p);
  if (values.length > 0) {
    for (const value of values) plan.query.push({ key: p.name, value });
    return;
  }
  const variable = `${dotted(op.path)}.${p.name}`;
  const given = givenValue(vars, variable, p.name);
  if (given) plan.given.push(given);
  else plan.needs.push({ variable, why: `required query parameter "${p.name}" has no example, enum or default` });
  plan.query.push({ key: p.name, value: `{{${variable}}}` });
}

/** GENERAL when the parameter offers it (Jamf's inventory sections), else its default. */
function cheapSection(p: Parameter): string | undefined {
  const items = isObject(p.schema.items) ? p.schema.items : {};
  const offered = [p.schema.enum, items.enum].find(Array.isArray) as unknown[] | undefined;
  const example = [p.example, p.schema.example, p.schema.default].flat().map(String);
  if (offered?.includes('GENERAL') || example.includes('GENERAL')) return 'GENERAL';
  return example[0];
}

/** An example, the first enum value, or the default; arrays give one value per element. */
function schemaValues(p: Parameter): string[] {
  const items = isObject(p.schema.items) ? p.schema.items : {};
  const enumValue = [p.schema.enum, items.enum].find(Array.isArray)?.[0];
  for (const candidate of [p.example, p.schema.example, enumValue, p.schema.default]) {
    const list = (Array.isArray(candidate) ? candidate : [candidate]).filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
    const values = list.map(String).filter((v) => v !== '');
    if (values.length > 0) return values;
  }
  return [];
}
