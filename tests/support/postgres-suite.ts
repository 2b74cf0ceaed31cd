/**
 * The shared integration test files (`*.int.test.ts`, run on SQLite by the `integration`
 * project) proven to pass on PostgreSQL too: the `integration-pg` project runs these beside
 * every `*.pg.int.test.ts`. Globs, relative to the repository root. A file joins once it
 * passes on both databases; the list grows until it is the whole suite.
 */
export const POSTGRES_SUITE: string[] = [
  // billing, recovery, catalog, entitlements
  // admin, customers, search, tenants, emails, webhooks, http, jobs
  // sync, Stripe events, hosted server, app
  'server/modules/stripe-billing/versions.int.test.ts',
  'server/app/prototype-keys.int.test.ts',
  'server/app/case-insensitive-uniques.int.test.ts',
  'server/modules/stripe-events/poller.int.test.ts',
  'server/modules/stripe-events/processor.int.test.ts',
  'server/modules/stripe-events/router.int.test.ts',
  'server/modules/stripe-events/signature.int.test.ts',
  'server/app/isolation-scopes.int.test.ts',
  'server/app/number-inputs.int.test.ts',
  'server/gateways/contract/stripe.contract.int.test.ts',
  'server/gateways/stripe/secret-key-never-leaks.int.test.ts',
  'server/gateways/stripe/stripe-errors.int.test.ts',
  'server/gateways/stripe/stripe-gateway.int.test.ts',
  'server/hosted/access.int.test.ts',
  'server/hosted/main.int.test.ts',
  'server/hosted/rest/api-key-scopes.int.test.ts',
  'server/hosted/rest/contract.int.test.ts',
  'server/hosted/rest/docs.int.test.ts',
  'server/hosted/rest/isolation.int.test.ts',
  'server/hosted/rest/limits.int.test.ts',
  'server/hosted/rest/rules.int.test.ts',
  'server/hosted/sign-in-flood.int.test.ts',
  'server/hosted/sign-in-throttle.int.test.ts',
  'server/hosted/sign-in.int.test.ts',
  'server/sync/desktop/accept-invitation.int.test.ts',
  'server/sync/sync.int.test.ts',
  'server/sync/secrets.int.test.ts',
  'server/sync/replica-reach.int.test.ts',
  'server/sync/desktop/offline-first.int.test.ts',
  'server/sync/desktop/offline-effects.int.test.ts',
  'server/sync/desktop/secrets.int.test.ts',
];
