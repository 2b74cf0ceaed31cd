import { createRoute } from '@tanstack/react-router';
import { InvoicePage } from '../features/invoices/InvoicePage';
import { InvoicesListPage } from '../features/invoices/InvoicesListPage';
import { parseInvoicesSearch } from '../features/invoices/list-search';
import { parsePaymentsSearch } from '../features/payments/list-search';
import { PaymentsListPage } from '../features/payments/PaymentsListPage';
import { RecoveryPage } from '../features/recovery';
import { parseSubscriptionsSearch } from '../features/subscriptions/list-search';
import { SubscriptionPage } from '../features/subscriptions/SubscriptionPage';
import { SubscriptionsListPage } from '../features/subscriptions/SubscriptionsListPage';
import { TestClocksPage } from '../features/test-clocks/TestClocksPage';
import { rootRoute } from './root';

export const subscriptionsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/subscriptions',
  validateSearch: parseSubscriptionsSearch,
  component: SubscriptionsListPage,
});

export const subscriptionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/subscriptions/$id',
  component: SubscriptionPage,
});

export const invoicesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invoices',
  validateSearch: parseInvoicesSearch,
  component: InvoicesListPage,
});

export const invoiceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invoices/$id',
  component: InvoicePage,
});

export const paymentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/payments',
  validateSearch: parsePaymentsSearch,
  component: PaymentsListPage,
});

export const recoveryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/recovery',
  component: RecoveryPage,
});

export const testClocksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/test-clocks',
  component: TestClocksPage,
});

/** The billing screens, in the order the router tries them. */
export const billingRoutes = [
  subscriptionsRoute,
  subscriptionRoute,
  invoicesRoute,
  invoiceRoute,
  paymentsRoute,
  recoveryRoute,
  testClocksRoute,
] as const;
