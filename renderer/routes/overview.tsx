import { createRoute } from '@tanstack/react-router';
import { parseMovementsSearch, parseOverviewSearch } from '../../shared/analytics/overview-search';
import { MovementsPage, OverviewPage } from '../features/overview';
import { rootRoute } from './root';

export const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/overview',
  validateSearch: parseOverviewSearch,
  component: OverviewPage,
});

export const movementsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/overview/movements',
  validateSearch: parseMovementsSearch,
  component: MovementsPage,
});

/** The Overview and its drill-down, in the order the router tries them. */
export const overviewRoutes = [overviewRoute, movementsRoute] as const;
