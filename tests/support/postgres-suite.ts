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
];
