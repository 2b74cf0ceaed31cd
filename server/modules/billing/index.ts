export { subscriptionsRouter } from './router/subscriptions';
export { invoicesRouter } from './router/invoices';
export { billingOverviewRouter, paymentMethodsRouter, paymentsRouter } from './router/payments';
export { recoveryRouter } from './recovery/router';
export { retryRecoveriesOfCustomer } from './recovery/retry-customer';
export { billingJobHandlers } from './jobs';
export { billingDeps, type BillingDeps } from './deps';
export { subscriptionsChanged } from './deps';
export { recordEvent } from './repo/events';
export * from './gateway-events';
export {
  customerBillingObjects,
  type CustomerBillingObjects,
  type CustomerCard,
} from './queries/customer-objects';
export { billingLabels, type BillingLabelType } from './queries/labels';

// For the sibling modules built on billing (receipts, test clocks, recovery).
export { invoiceDetail } from './queries/details';
export { staff } from './router/request';
export { loadCustomer, type StaffRequest } from './deps';
export { setTestClock } from './repo/customer-billing';
export { subscriptionsOfCustomer } from './repo/subscriptions';
