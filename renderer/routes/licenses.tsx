import { createRoute } from '@tanstack/react-router';
import { LicensePage, LicensesListPage, parseLicensesSearch } from '../features/licenses';
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

/** The Licenses area, in the order the router tries its screens. */
export const licenseRoutes = [licensesRoute, licenseRoute] as const;
