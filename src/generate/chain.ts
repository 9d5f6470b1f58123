/**
 * Where each path parameter of a request gets its value. A detail operation
 * (`/v1/buildings/{id}`) takes the id of the first item of the list right above it
 * (`/v1/buildings`), through a variable the list's test script sets; nested resources the
 * same way, level by level. A parameter no list enumerates takes a `--var` value, a value
 * the schema fixes (an enum, a default, an example) when it is not an id, or is left as an
 * unset `{{variable}}`: the request then "needs a value" and a run skips it rather than
 * send a placeholder.
 */
import type { GetOperation } from './operations.ts';
import { ID_LIKE, type Json } from './schema.ts';
import type { NeedsValue } from './types.ts';

export interface PathPlan {
  /** URL path segments below the base, each literal or `{{variable}}`. */
  segments: string[];
  /** Chained variables and the list operation that sets each. */
  uses: Array<{ variable: string; list: GetOperation }>;
  needs: NeedsValue[];
  /** Variables whose value came from `--var`, with the `--var` name that gave it. */
  given: Given[];
}

export interface Given {
  variable: string;
  value: string;
  /** The `--var` name used: the variable's own, or the bare parameter name. */
  from: string;
}

export interface ChainContext {
  /** List operations with an id property, by path. */
  lists: Map<string, GetOperation>;
  /** Why an operation is not in the collection (privileges, deprecation), or undefined when it is. */
  leftOut(op: GetOperation): string | undefined;
  /** `--var` values: full variable names, or bare parameter names meaning every such parameter. */
  vars: Record<string, string>;
  names: VariableNames;
}

export function planPath(op: GetOperation, ctx: ChainContext): PathPlan {
  const plan: PathPlan = { segments: [], uses: [], needs: [], given: [] };
  const parts = op.path.split('/').filter((p) => p !== '');
  parts.forEach((part, i) => {
    const param = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (param === undefined) {
      plan.segments.push(part);
      return;
    }
    const prefix = `/${parts.slice(0, i).join('/')}`;
    plan.segments.push(bind(op, prefix, param, ctx, plan));
  });
  return plan;
}

function bind(op: GetOperation, prefix: string, param: string, ctx: ChainContext, plan: PathPlan): string {
  const list = sourceList(prefix, param, ctx.lists);
  if (list?.list?.key) {
    const variable = ctx.names.chained(list.path, list.list.key);
    const away = ctx.leftOut(list);
    if (away) plan.needs.push({ variable, why: `its list, ${list.key}, is left out (${away})` });
    else plan.uses.push({ variable, list });
    return `{{${variable}}}`;
  }
  const variable = ctx.names.value(prefix, param);
  const given = givenValue(ctx.vars, variable, param);
  if (given) {
    plan.given.push(given);
    return `{{${variable}}}`;
  }
  const fixed = ID_LIKE.test(param) ? undefined : fixedValue(op.parameters.find((p) => p.in === 'path' && p.name === param));
  if (fixed !== undefined) return fixed;
  plan.needs.push({ variable, why: 'no list to chain from' });
  return `{{${variable}}}`;
}

/** The `--var` value for a variable: under its own name, else under the bare parameter name. */
export function givenValue(vars: Record<string, string>, variable: string, param: string): Given | undefined {
  if (vars[variable] !== undefined) return { variable, value: vars[variable], from: variable };
  if (vars[param] !== undefined) return { variable, value: vars[param], from: param };
  return undefined;
}

/**
 * The list whose items a parameter names: the one right above it (`/v1/x` for `/v1/x/{id}`)
 * when the parameter names its items, else Jamf's `-detail` twin (`/v1/computers-inventory`
 * for `/v1/computers-inventory-detail/{id}`).
 */
function sourceList(prefix: string, param: string, lists: Map<string, GetOperation>): GetOperation | undefined {
  const above = lists.get(prefix);
  if (above?.list && (param === above.list.param || param === above.list.key || ID_LIKE.test(param))) return above;
  const twin = prefix.endsWith('-detail') ? lists.get(prefix.slice(0, -'-detail'.length)) : undefined;
  return twin && ID_LIKE.test(param) ? twin : undefined;
}

/** A value the schema fixes for a parameter that is not an id: its first enum value, its default, or its example. */
export function fixedValue(parameter: { schema: Json; example?: unknown } | undefined): string | undefined {
  if (!parameter) return undefined;
  const schema = parameter.schema;
  const candidates = [Array.isArray(schema.enum) ? schema.enum[0] : undefined, schema.default, parameter.example, schema.example];
  const value = candidates.find((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
  return value === undefined || value === '' ? undefined : String(value);
}

/**
 * Variable names, one per meaning: `v1.buildings.id` is the id of the first item of
 * `/v1/buildings` (set by its test script) or, where no such list exists, the value a user
 * gives for `{id}` below `/v1/buildings`. Two meanings never share a name.
 */
export class VariableNames {
  readonly #owners = new Map<string, string>();
  readonly #names = new Map<string, string>();

  chained(listPath: string, key: string): string {
    return this.#name(`list ${listPath}`, `${dotted(listPath)}.${key}`);
  }

  value(prefix: string, param: string): string {
    return this.#name(`value ${prefix} ${param}`, `${dotted(prefix)}.${param}`);
  }

  #name(owner: string, wanted: string): string {
    const known = this.#names.get(owner);
    if (known) return known;
    let name = wanted;
    for (let n = 2; this.#owners.has(name); n++) name = `${wanted}-${n}`;
    this.#owners.set(name, owner);
    this.#names.set(owner, name);
    return name;
  }
}

/** `/v1/computers-inventory/{id}/attachments` → `v1.computers-inventory.attachments`. */
export function dotted(path: string): string {
  return path.split('/').filter((p) => p !== '' && !p.includes('{')).join('.') || 'root';
}
