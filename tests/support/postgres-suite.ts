/**
 * The shared integration test files (`*.int.test.ts`, run on SQLite by the `integration`
 * project) proven to pass on PostgreSQL too: the `integration-pg` project runs these beside
 * every `*.pg.int.test.ts`. Globs, relative to the repository root. A file joins once it
 * passes on both databases; the list grows until it is the whole suite.
 */
export const POSTGRES_SUITE: string[] = [
  // billing, recovery, catalog, entitlements
  'server/modules/billing/bad-input.int.test.ts',
  'server/modules/billing/invoices.int.test.ts',
  'server/modules/billing/lifecycle.int.test.ts',
  'server/modules/billing/manual-invoices.int.test.ts',
  'server/modules/billing/payments.int.test.ts',
  'server/modules/billing/stripe-mode.int.test.ts',
  'server/modules/billing/subscriptions/plan-change-history.int.test.ts',
  'server/modules/billing/subscriptions/subscriptions.int.test.ts',
  'server/modules/catalog/bad-input.int.test.ts',
  'server/modules/catalog/catalog.int.test.ts',
  'server/modules/catalog/demo-catalog.int.test.ts',
  'server/modules/catalog/plans.int.test.ts',
  'server/modules/catalog/prices.int.test.ts',
  'server/modules/recovery/bad-input.int.test.ts',
  'server/modules/recovery/recovery.int.test.ts',
  'server/modules/recovery/staff-actions.int.test.ts',
  'server/modules/recovery/stats.int.test.ts',
  'server/modules/stripe-billing/bad-input.int.test.ts',
  'server/modules/stripe-billing/handlers.int.test.ts',
  'server/modules/stripe-billing/import.int.test.ts',
  'server/modules/stripe-billing/payments/cards.int.test.ts',
  'server/modules/stripe-billing/payments/customers.int.test.ts',
  'server/modules/stripe-billing/payments/disputes.int.test.ts',
  'server/modules/stripe-billing/payments/inbox.int.test.ts',
  'server/modules/stripe-billing/payments/intents.int.test.ts',
  'server/modules/stripe-billing/payments/refunds.int.test.ts',
  'server/modules/stripe-billing/staff-actions.int.test.ts',
  'server/modules/stripe-billing/versions.int.test.ts',
  'server/modules/stripe-billing/webhook-events.int.test.ts',
  'server/modules/timeline/timeline.int.test.ts',
  // admin, customers, search, tenants, emails, webhooks, http, jobs
  // sync, Stripe events, hosted server, app
  'server/modules/stripe-billing/versions.int.test.ts',
  'server/app/prototype-keys.int.test.ts',
];
