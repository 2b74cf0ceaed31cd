import { createHashHistory, createRouter } from '@tanstack/react-router';
import { ErrorFallback } from '../app/ErrorFallback';
import { accountRoute } from './account';
import { adminRoutes } from './admin';
import { analyticsSettingsRoute } from './analytics-settings';
import { auditRoute } from './audit';
import { accountBrandingRoute, brandingRoute } from './branding';
import { billingRoutes } from './billing';
import { catalogRoute } from './catalog';
import { connectRoute } from './connect';
import { customerRoute, customersRoute, editCustomerRoute, indexRoute, newCustomerRoute } from './customers';
import { emailRoutes } from './emails';
import { exportsRoute } from './exports';
import { licenseRoutes } from './licenses';
import { overviewRoutes } from './overview';
import { rootRoute } from './root';
import { stripeEventRoutes } from './stripe-events';
import { webhooksRoute } from './webhooks';

const routeTree = rootRoute.addChildren([
  indexRoute,
  ...overviewRoutes,
  analyticsSettingsRoute,
  customersRoute,
  newCustomerRoute,
  customerRoute,
  editCustomerRoute,
  catalogRoute,
  ...billingRoutes,
  ...licenseRoutes,
  auditRoute,
  ...emailRoutes,
  ...stripeEventRoutes,
  ...adminRoutes,
  webhooksRoute,
  exportsRoute,
  connectRoute,
  accountRoute,
  accountBrandingRoute,
  brandingRoute,
]);

/**
 * Hash history (`#/customers/…`): the console is loaded from file:// inside Electron,
 * where path-based URLs would point at files.
 */
export const router = createRouter({
  routeTree,
  history: createHashHistory(),
  defaultPreload: 'intent',
  defaultErrorComponent: ErrorFallback,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
