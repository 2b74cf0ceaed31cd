import {
  accountLicensesRouter,
  licensePoliciesRouter,
  licensesRouter,
  licensingForBilling,
  licensingKeysRouter,
} from '../modules/licensing';

import {
  billingOverviewRouter,
  connectLicensing,
  connectMrr,
  connectRecovery,
  invoicesRouter,
  paymentMethodsRouter,
  paymentsRouter,
  subscriptionsRouter,
} from '../modules/billing';
import { recoveryForBilling, recoveryRouter } from '../modules/recovery';
import { accountAdminsRouter, accountRouter } from '../modules/accounts';
import { accountBrandingRouter, brandingRouter, workspaceEmailBranding } from '../modules/branding';
import { marketplaceRouter } from '../modules/marketplace';
import { adminRouter } from '../modules/admin';
import { metricsRouter } from '../modules/analytics';
import { backupsRouter } from '../modules/backups';
import { jobsRouter } from '../modules/jobs';
import { revenueRouter } from '../modules/revenue';
import { exportsRouter } from '../modules/reports';
import { receiptsRouter } from '../modules/receipts';
import { testClocksRouter } from '../modules/test-clocks';
import { auditRouter } from '../modules/audit';
import { catalogRouter } from '../modules/catalog';
import { customersRouter } from '../modules/customers';
import { entitlementsRouter } from '../modules/entitlements';
import { connectWorkspaceBranding, emailsRouter } from '../modules/emails';
import { stripeEventsRouter } from '../modules/stripe-events';
import { timelineRouter } from '../modules/timeline';
import { labelsRouter } from '../modules/labels';
import { stripeBillingRouter } from '../modules/stripe-billing';
import { searchRouter } from '../modules/search';
import { tenantsRouter } from '../modules/tenants';
import { webhooksRouter } from '../modules/webhooks';
import { analyticsSettingsRouter, recordSubscriptionValue } from '../modules/analytics';
import { backendRouter } from './backend-router';
import { connectionRouter } from '../sync/connection-router';
import { desktopRoutes } from '../sync/desktop-routes';
import { router } from '../trpc/base';

// Billing reaches failed-payment recovery, a module built on it, through a port: connected
// here, where the modules are put together, before any procedure can run.
connectRecovery(recoveryForBilling);
// Billing records MRR movements with every subscription write through a port too: analytics'
// reports are built on billing and recovery.
connectMrr(recordSubscriptionValue);
// Licenses follow their subscription in each subscription write's transaction, and their billed
// overage joins the renewal invoice: licensing is built on billing, so through a port as well.
connectLicensing(licensingForBilling);
// The workspace's billing emails wear its published branding; branding is built on emails.
connectWorkspaceBranding(workspaceEmailBranding);

/** Every procedure the console can call, one sub-router per domain. */
export const appRouter = router({
  ...desktopRoutes,
  backend: backendRouter,
  tenants: tenantsRouter,
  audit: auditRouter,
  labels: labelsRouter,
  customers: customersRouter,
  timeline: timelineRouter,
  catalog: catalogRouter,
  entitlements: entitlementsRouter,
  billing: billingOverviewRouter,
  subscriptions: subscriptionsRouter,
  invoices: invoicesRouter,
  receipts: receiptsRouter,
  payments: paymentsRouter,
  paymentMethods: paymentMethodsRouter,
  testClocks: testClocksRouter,
  recovery: recoveryRouter,
  emails: emailsRouter,
  stripeEvents: stripeEventsRouter,
  stripeBilling: stripeBillingRouter,
  webhooks: webhooksRouter,
  connection: connectionRouter,
  admin: adminRouter,
  search: searchRouter,
  backups: backupsRouter,
  jobs: jobsRouter,
  analyticsSettings: analyticsSettingsRouter,
  analytics: metricsRouter,
  revenue: revenueRouter,
  exports: exportsRouter,
  account: accountRouter,
  accountAdmins: accountAdminsRouter,
  licenses: licensesRouter,
  branding: brandingRouter,
  accountBranding: accountBrandingRouter,

  licensePolicies: licensePoliciesRouter,
  licensingKeys: licensingKeysRouter,

  accountLicenses: accountLicensesRouter,

  marketplace: marketplaceRouter,
});

export type AppRouter = typeof appRouter;
