import { createRoute } from '@tanstack/react-router';
import { ApiKeysPage, MembersPage, RolesPage, TenantsPage } from '../features/admin';
import { BackupsPage } from '../features/backups';
import { JobsPage } from '../features/jobs';
import { rootRoute } from './root';

export const tenantsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/tenants',
  component: TenantsPage,
});

export const membersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/members',
  component: MembersPage,
});

export const rolesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/roles',
  component: RolesPage,
});

export const apiKeysRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/api-keys',
  component: ApiKeysPage,
});

export const backupsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/backups',
  component: BackupsPage,
});

export const jobsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/jobs',
  component: JobsPage,
});

/** The Administration screens. */
export const adminRoutes = [
  tenantsRoute,
  membersRoute,
  rolesRoute,
  apiKeysRoute,
  backupsRoute,
  jobsRoute,
] as const;
