import type { Migration } from './types';

/**
 * The permission `workspace.read` is called `tenants.read` (one name per concept: the module,
 * router and permission all say tenants). API key scopes store permission names, so the
 * stored ones are renamed with it.
 */
export const tenantsRead: Migration = {
  version: 15,
  name: 'tenants_read',
  sql: /* sql */ `
    UPDATE api_keys SET scopes = REPLACE(scopes, '"workspace.read"', '"tenants.read"')
      WHERE scopes LIKE '%"workspace.read"%';
  `,
};
