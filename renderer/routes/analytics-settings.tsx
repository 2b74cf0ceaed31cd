import { createRoute } from '@tanstack/react-router';
import { AnalyticsSettingsPage } from '../features/analytics-settings';
import { rootRoute } from './root';

/** Reached from the Overview's header (and the palette), not a sidebar area of its own. */
export const analyticsSettingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/analytics/settings',
  component: AnalyticsSettingsPage,
});
