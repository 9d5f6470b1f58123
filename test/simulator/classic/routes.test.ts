import { describe, expect, it } from 'vitest';
import { classicRoutes } from '../../../src/simulator/classic/index.ts';

describe('classicRoutes', () => {
  const cases = [
    { method: 'GET', path: '/buildings', privilege: 'Read Buildings' },
    { method: 'POST', path: '/buildings/id/{id}', privilege: 'Create Buildings' },
    { method: 'PUT', path: '/categories/id/{id}', privilege: 'Update Categories' },
    { method: 'DELETE', path: '/departments/id/{id}', privilege: 'Delete Departments' },
    { method: 'GET', path: '/computers/subset/basic', privilege: 'Read Computers' },
    { method: 'GET', path: '/computers/id/{id}/subset/{subset}', privilege: 'Read Computers' },
    { method: 'GET', path: '/mobiledevices/name/{name}/subset/{subset}', privilege: 'Read Mobile Devices' },
    { method: 'GET', path: '/policies/id/{id}/subset/{subset}', privilege: 'Read Policies' },
    { method: 'GET', path: '/accounts/userid/{id}', privilege: 'Read Accounts' },
    { method: 'GET', path: '/accounts/username/{name}', privilege: 'Read Accounts' },
    { method: 'POST', path: '/accounts/userid/{id}', privilege: 'Create Accounts' },
  ];
  it.each(cases)('has $method $path needing $privilege', (want) => {
    expect(classicRoutes).toContainEqual(expect.objectContaining(want));
  });

  it('lists no subset form for objects Jamf has none for', () => {
    expect(classicRoutes.filter((route) => /^\/(buildings|departments|categories|accounts)\/.*subset/.test(route.path))).toEqual([]);
  });

  it('lists each method and path once', () => {
    const keys = classicRoutes.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
