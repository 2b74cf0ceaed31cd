export { subscriptionsRouter } from './router/subscriptions';
export { invoicesRouter } from './router/invoices';
export { billingOverviewRouter, paymentMethodsRouter, paymentsRouter } from './router/payments';
export { testClocksRouter } from './router/test-clocks';
export { billingJobHandlers } from './jobs';
export { billingDeps, type BillingDeps } from './deps';
export * from './receipts';
