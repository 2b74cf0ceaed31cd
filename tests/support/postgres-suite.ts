/**
 * The shared integration test files (`*.int.test.ts`, run on SQLite by the `integration`
 * project) proven to pass on PostgreSQL too: the `integration-pg` project runs these beside
 * every `*.pg.int.test.ts`. Globs, relative to the repository root. A file joins once it
 * passes on both databases; the list grows until it is the whole suite.
 */
export const POSTGRES_SUITE: string[] = [
  // billing, recovery, catalog, entitlements
  // admin, customers, search, tenants, emails, webhooks, http, jobs
  'server/http/client-header.int.test.ts',
  'server/http/prototype-keys.int.test.ts',
  'server/http/request-id.int.test.ts',
  'server/jobs/jobs.int.test.ts',
  'server/modules/admin/api-key-scopes.int.test.ts',
  'server/modules/admin/api-keys.int.test.ts',
  'server/modules/admin/bad-input.int.test.ts',
  'server/modules/admin/invitations.int.test.ts',
  'server/modules/admin/members.int.test.ts',
  'server/modules/audit/chain.int.test.ts',
  'server/modules/audit/router.int.test.ts',
  'server/modules/customers/customers.int.test.ts',
  'server/modules/customers/list.int.test.ts',
  'server/modules/customers/merge.int.test.ts',
  'server/modules/emails/delivery-status.int.test.ts',
  'server/modules/emails/dispatch.int.test.ts',
  'server/modules/emails/recovery-emails.int.test.ts',
  'server/modules/emails/router.int.test.ts',
  'server/modules/emails/send.int.test.ts',
  'server/modules/tenants/manage.int.test.ts',
  'server/modules/tenants/tenant-suspension.int.test.ts',
  'server/modules/webhooks/delivery.int.test.ts',
  'server/modules/webhooks/endpoint-edits.int.test.ts',
  'server/modules/webhooks/endpoints.int.test.ts',
  'server/modules/webhooks/entitlement-events.int.test.ts',
  'server/modules/webhooks/replication.int.test.ts',
  'server/modules/webhooks/retention.int.test.ts',
  'server/modules/webhooks/rotation.int.test.ts',
  'server/modules/webhooks/verify-delivery.int.test.ts',
  // sync, Stripe events, hosted server, app
  'server/modules/stripe-billing/versions.int.test.ts',
  'server/app/prototype-keys.int.test.ts',
];
