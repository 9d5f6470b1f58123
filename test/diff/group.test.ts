import { describe, expect, it } from 'vitest';
import { diff, getWith, postWith, ref, spec } from './helpers.ts';

// Building → allOf [Named, { address: Address }]; Address is shared and also reached via oneOf.
function schemas(street: boolean): Record<string, unknown> {
  return {
    Named: { type: 'object', properties: { name: { type: 'string' } } },
    Address: { type: 'object', properties: { city: { type: 'string' }, ...(street ? { street: { type: 'string' } } : {}) } },
    Building: { allOf: [ref('Named'), { type: 'object', properties: { address: ref('Address') } }] },
    Site: { oneOf: [ref('Building'), { type: 'object', properties: { other: { type: 'string' } } }] },
    // A recursive component must not hang the walk.
    Tree: { type: 'object', properties: { label: { type: 'string' }, children: { type: 'array', items: ref('Tree') } } },
    List: { type: 'object', properties: { results: { type: 'array', items: ref('Building') } } },
  };
}

const paths = {
  '/v1/buildings': { ...getWith(ref('List')), ...postWith(ref('Building')) },
  '/v1/buildings/{id}': getWith(ref('Building')),
  '/v1/sites/{id}': getWith(ref('Site')),
  '/v1/tree': getWith(ref('Tree')),
};

describe('diff: a change in a shared component', () => {
  const report = diff(spec(paths, schemas(true)), spec(paths, schemas(false)));

  it('is one entry per side, listing every operation it reaches', () => {
    const response = report.entries.filter((e) => e.kind === 'property-removed' && e.level === 'breaking');
    expect(response).toHaveLength(1);
    expect(response[0]?.component).toBe('Address');
    expect(response[0]?.message).toContain('Address.street');
    expect(response[0]?.operations).toEqual(['GET /v1/buildings', 'GET /v1/buildings/{id}', 'GET /v1/sites/{id}']);
    const request = report.entries.filter((e) => e.kind === 'property-removed' && e.level === 'warning');
    expect(request.map((e) => e.operations)).toEqual([['POST /v1/buildings']]);
    expect(report.entries).toHaveLength(2);
  });

  it('walks recursive schemas', () => {
    const tree = (labelType: string): Record<string, unknown> => ({
      ...schemas(true),
      Tree: { type: 'object', properties: { label: { type: labelType }, children: { type: 'array', items: ref('Tree') } } },
    });
    const changed = diff(spec(paths, tree('string')), spec(paths, tree('integer')));
    expect(changed.entries.map((e) => [e.kind, e.component, e.operations])).toEqual([['type-changed', 'Tree', ['GET /v1/tree']]]);
  });

  it('attributes an enum change to the component that declares the enum', () => {
    const withState = (values: string[]): Record<string, unknown> => ({
      State: { type: 'string', enum: values },
      Command: { type: 'object', properties: { state: ref('State') } },
      Other: { type: 'object', properties: { current: ref('State') } },
    });
    const p = { '/a': getWith(ref('Command')), '/b': getWith(ref('Other')) };
    const changed = diff(spec(p, withState(['A'])), spec(p, withState(['A', 'B'])));
    expect(changed.entries).toHaveLength(1);
    expect(changed.entries[0]).toMatchObject({ kind: 'enum-value-added', component: 'State', operations: ['GET /a', 'GET /b'], to: ['"B"'] });
  });
});
