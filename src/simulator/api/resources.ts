/** The simple Jamf Pro API collections and sites. */
import { json } from '../json.ts';
import type { RouteDef } from '../routes.ts';
import { crudRoutes } from './crud.ts';

type Obj = Record<string, unknown>;

export function resourceRoutes(): RouteDef[] {
  return [
    ...crudRoutes({
      kind: 'buildings', base: '/v1/buildings', noun: 'Buildings', tag: 'buildings', schema: 'Building',
      listSchema: 'BuildingSearchResults', defaultSort: 'id:asc', uniqueField: 'name',
      fields: ['id', 'name', 'streetAddress1', 'streetAddress2', 'city', 'stateProvince', 'zipPostalCode', 'country'],
      complete: (_ctx, o) => ({
        streetAddress1: null, streetAddress2: null, city: null, stateProvince: null, zipPostalCode: null, country: null, ...o,
      }),
    }),
    ...crudRoutes({
      kind: 'departments', base: '/v1/departments', noun: 'Departments', tag: 'departments', schema: 'Department',
      listSchema: 'DepartmentsSearchResults', defaultSort: 'id:asc', uniqueField: 'name', fields: ['id', 'name'],
    }),
    ...crudRoutes({
      kind: 'categories', base: '/v1/categories', noun: 'Categories', tag: 'categories', schema: 'Category',
      listSchema: 'CategoriesSearchResults', defaultSort: 'id:asc', uniqueField: 'name', fields: ['id', 'name', 'priority'],
      readPrivileges: ['Read Categories', 'Read Self Service'],
    }),
    ...crudRoutes({
      kind: 'scripts', base: '/v1/scripts', noun: 'Scripts', tag: 'scripts', schema: 'Script',
      listSchema: 'ScriptsSearchResults', defaultSort: 'name:asc', uniqueField: 'name', putNotFound: true,
      fields: ['id', 'name', 'info', 'notes', 'priority', 'categoryId', 'categoryName', 'osRequirements'],
      complete: (ctx, o) => {
        const categoryId = typeof o.categoryId === 'string' ? o.categoryId : '-1';
        const category = ctx.store.get('categories', categoryId);
        const blank = Object.fromEntries(['info', 'notes', 'parameter4', 'parameter5', 'parameter6', 'parameter7', 'parameter8',
          'parameter9', 'parameter10', 'parameter11', 'osRequirements', 'scriptContents'].map((k) => [k, '']));
        return { priority: 'AFTER', ...blank, ...o, categoryId: category ? categoryId : '-1', categoryName: category ? String(category.name) : 'NONE' };
      },
    }),
    ...crudRoutes({
      kind: 'packages', base: '/v1/packages', noun: 'Packages', tag: 'packages', schema: 'Package',
      listSchema: 'PackagesSearchResults', defaultSort: 'id:asc', uniqueField: 'packageName',
      fields: ['id', 'packageName', 'fileName', 'categoryId', 'priority', 'rebootRequired', 'osInstall'],
      complete: (_ctx, o): Obj => ({
        info: null, notes: null, osRequirements: '', indexed: false, fillExistingUsers: false, swu: false, selfHealNotify: false,
        selfHealingAction: 'nothing', serialNumber: null, parentPackageId: '-1', basePath: null, cloudTransferStatus: 'NOT_READY',
        ignoreConflicts: false, installLanguage: 'en_US', md5: null, sha256: null, sha3512: null, hashType: null, hashValue: null,
        size: null, osInstallerVersion: null, manifest: null, manifestFileName: null, format: null, ...o,
      }),
    }),
    {
      method: 'GET', path: '/v1/sites', tag: 'sites', summary: 'Find all sites', privileges: ['Read Sites'],
      responses: { 200: { description: 'All sites', schema: { type: 'array', items: { $ref: '#/components/schemas/V1Site' } } } },
      handler: (ctx) => json(200, ctx.store.list('sites')),
    },
  ];
}
