import { createRoute } from '@tanstack/react-router';
import { LicensePage, LicensesListPage, parseLicensesSearch, PoliciesPage } from '../features/licenses';
import { rootRoute } from './root';

export const licensesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/licenses',
  validateSearch: parseLicensesSearch,
  component: LicensesListPage,
});

export const licenseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/licenses/$id',
  component: LicensePage,
});

export const policiesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/licenses/policies',
  component: PoliciesPage,
});

/** The Licenses area, in the order the router tries its screens. */
export const licenseRoutes = [licensesRoute, policiesRoute, licenseRoute] as const;
