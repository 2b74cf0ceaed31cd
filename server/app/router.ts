import {
  billingOverviewRouter,
  invoicesRouter,
  paymentMethodsRouter,
  paymentsRouter,
  recoveryRouter,
  subscriptionsRouter,
  testClocksRouter,
} from '../modules/billing';
import { adminRouter } from '../modules/admin';
import { authRouter } from '../auth';
import { auditRouter } from '../modules/audit';
import { catalogRouter } from '../modules/catalog';
import { customersRouter } from '../modules/customers';
import { entitlementsRouter } from '../modules/entitlements';
import { emailsRouter } from '../modules/notifications';
import { stripeEventsRouter } from '../modules/stripe-events';
import { timelineRouter } from '../modules/timeline';
import { labelsRouter } from '../modules/labels';
import { stripeBillingRouter } from '../modules/stripe-mirror';
import { searchRouter } from '../modules/search';
import { workspaceRouter } from '../modules/tenancy';
import { webhooksRouter } from '../modules/webhooks';
import { connectionRouter } from '../sync/connection-router';
import { syncRouter } from '../sync/router';
import { router } from '../trpc/base';

/** Every procedure the console can call, one sub-router per domain. */
export const appRouter = router({
  workspace: workspaceRouter,
  auth: authRouter,
  audit: auditRouter,
  labels: labelsRouter,
  customers: customersRouter,
  timeline: timelineRouter,
  catalog: catalogRouter,
  entitlements: entitlementsRouter,
  billing: billingOverviewRouter,
  subscriptions: subscriptionsRouter,
  invoices: invoicesRouter,
  payments: paymentsRouter,
  paymentMethods: paymentMethodsRouter,
  testClocks: testClocksRouter,
  recovery: recoveryRouter,
  emails: emailsRouter,
  stripeEvents: stripeEventsRouter,
  stripeBilling: stripeBillingRouter,
  webhooks: webhooksRouter,
  sync: syncRouter,
  connection: connectionRouter,
  admin: adminRouter,
  search: searchRouter,
});

export type AppRouter = typeof appRouter;
