export { subscriptionsRouter } from './router/subscriptions';
export { invoicesRouter } from './router/invoices';
export { billingOverviewRouter, paymentMethodsRouter, paymentsRouter } from './router/payments';
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
// The invoices list's query, as invoices.list calls it: exports read the list's pages through it (reports).
export { listInvoices } from './queries/list-invoices';
export { invoiceDetail } from './queries/details';
// For account admins' own account (server/modules/accounts, decision 145).
export { customerBillingSummary } from './queries/details';
export { staff } from './router/request';
export { loadCustomer, loadInvoiceForStaff, scopeFor, type StaffRequest } from './deps';
export { findBillingCustomer, setTestClock } from './repo/customer-billing';
export { findSubscription, subscriptionsOfCustomer } from './repo/subscriptions';
export { findInvoice, updateInvoice } from './repo/invoices';
export { paymentsOfInvoice } from './repo/payments';
export { BILLING_ACTOR, customerClock, systemScope } from './clock';
export {
  findTestClock,
  insertTestClock,
  listTestClocks,
  setTestClockTime,
  type TestClock,
} from './repo/test-clocks';
export { collectInvoice, type CollectionResult } from './collection';
export { advance, persistWithHistory } from './transitions';
export { afterInvoicePaid, afterInvoicePaymentFailed } from './subscription-outcomes';
export { endSubscription } from './subscriptions/end';
export type { Invoice, Payment } from './types';
export { connectMrr, type MrrCause, type RecordSubscriptionValue, type SubscriptionWrite } from './mrr-port';
export { connectRecovery, type PaidBy, type RecoveryPort, type RecoverySummary } from './recovery-port';
export {
  connectLicensing,
  type LicensingPort,
  type RenewalInvoice,
  type SubscriptionTerms,
} from './licensing-port';
export type { NewLine } from './repo/invoices';
