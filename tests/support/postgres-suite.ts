/**
 * The shared integration test files (`*.int.test.ts`, run on SQLite by the `integration`
 * project) proven to pass on PostgreSQL too: the `integration-pg` project runs these beside
 * every `*.pg.int.test.ts`. Globs, relative to the repository root. A file joins once it
 * passes on both databases; the list grows until it is the whole suite.
 */
export const POSTGRES_SUITE: string[] = [
  // Every procedure refuses prototype keys in its input (createTestWorld on each database).
  'server/app/prototype-keys.int.test.ts',
  // The Stripe mirror orders snapshots of an object by event time, per tenant.
  'server/modules/stripe-billing/versions.int.test.ts',
];
