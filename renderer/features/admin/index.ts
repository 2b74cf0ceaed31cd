/** Administration screens: tenants, members and invitations, roles, API keys. */
export { TenantsPage } from './TenantsPage';
export { MembersPage } from './MembersPage';
export { RolesPage } from './RolesPage';
export { ApiKeysPage } from './ApiKeysPage';
