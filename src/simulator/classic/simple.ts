/** Buildings, departments and categories: id + name objects (categories add a priority). */
import { type ClassicResource, WriteProblem, defined, idAndName, idNameList, idOf, requireName, xmlText } from './resource.ts';
import { num, text, type Data } from './read.ts';

interface SimpleOptions {
  path: string;
  listRoot: string;
  itemRoot: string;
  kind: string;
  privilegeNoun: string;
}

function simpleResource(options: SimpleOptions, extra?: Pick<ClassicResource, 'detail' | 'fromXml'>): ClassicResource {
  const nameOf = (record: Data): string => text(record, 'name');
  return {
    ...options,
    forms: idAndName(nameOf),
    nameOf,
    list: (records) => idNameList(options.itemRoot, records, nameOf),
    detail: (record) => ({ id: idOf(record), name: nameOf(record) }),
    fromXml(body, existing) {
      const name = requireName(xmlText(body, 'name'), existing);
      return name instanceof WriteProblem ? name : defined({ name });
    },
    unique: [{ message: 'Duplicate name', of: nameOf }],
    ...extra,
  };
}

export const buildings = simpleResource({
  path: 'buildings',
  listRoot: 'buildings',
  itemRoot: 'building',
  kind: 'buildings',
  privilegeNoun: 'Buildings',
});

export const departments = simpleResource({
  path: 'departments',
  listRoot: 'departments',
  itemRoot: 'department',
  kind: 'departments',
  privilegeNoun: 'Departments',
});

const DEFAULT_CATEGORY_PRIORITY = 9;

export const categories = simpleResource(
  { path: 'categories', listRoot: 'categories', itemRoot: 'category', kind: 'categories', privilegeNoun: 'Categories' },
  {
    detail: (record) => ({
      id: idOf(record),
      name: text(record, 'name'),
      priority: record['priority'] === undefined ? DEFAULT_CATEGORY_PRIORITY : num(record, 'priority'),
    }),
    fromXml(body, existing) {
      const name = requireName(xmlText(body, 'name'), existing);
      if (name instanceof WriteProblem) return name;
      const priorityText = xmlText(body, 'priority');
      const priority = priorityText === undefined || priorityText === '' ? undefined : Number(priorityText);
      if (priority !== undefined && !Number.isInteger(priority)) return new WriteProblem('Invalid priority');
      return defined({ name, priority: priority ?? (existing === undefined ? DEFAULT_CATEGORY_PRIORITY : undefined) });
    },
  },
);
