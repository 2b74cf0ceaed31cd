import type { DB } from './schema';

/**
 * Which folder writes each table: the only place `insertInto`, `updateTable` or `deleteFrom`
 * (or a raw INSERT, UPDATE or DELETE) on it may appear. Every other module calls the owner's
 * exported functions, passing its transaction, so a table's rules (its invariants, its audit
 * snapshots, its tenant scope) live in one place. Triggers (row log, list counters) are the
 * database's own and count as the `server/db` owner's.
 *
 * Typed over the database's tables: a new table without an owner fails the typecheck, and
 * `table-owners.test.ts` fails when a write appears outside its owner's folder.
 */
export const TABLE_OWNERS = {
  // The database itself: migrations, and counters kept by triggers.
  schema_migrations: 'server/db',
  list_counts: 'server/db',
  // The Overview's roll-ups of mrr_monthly, kept by its triggers (migration 28).
  mrr_monthly_plans: 'server/db',
  mrr_monthly_countries: 'server/db',

  // Tenants, people and their memberships; workspace settings.
  tenants: 'server/modules/tenants',
  users: 'server/modules/tenants',
  memberships: 'server/modules/tenants',
  settings: 'server/modules/tenants',

  // Identity: how a principal proves who it is, and how it is let in.
  user_credentials: 'server/auth',
  sessions: 'server/auth',
  api_keys: 'server/auth',
  invitations: 'server/auth',
  // Account admins (people at a customer) and their invitations: decision 145.
  account_members: 'server/modules/tenants',
  account_invitations: 'server/auth',
  // The sign-in throttle's counters, shared by every instance (PostgreSQL only; unused on SQLite).
  sign_in_throttle: 'server/auth',

  customers: 'server/modules/customers',

  // Enterprise licensing (migration 0031): policies, licenses, their machines, seats, usage, log, keys.
  license_policies: 'server/modules/licensing',
  licenses: 'server/modules/licensing',
  license_machines: 'server/modules/licensing',
  license_seats: 'server/modules/licensing',
  license_usage: 'server/modules/licensing',
  license_usage_events: 'server/modules/licensing',
  license_validations: 'server/modules/licensing',
  license_signing_keys: 'server/modules/licensing',
  // The course marketplace (migration 0036): instructors, courses and their sales, ledger, payouts, reviews.
  marketplace_settings: 'server/modules/marketplace',
  instructors: 'server/modules/marketplace',
  courses: 'server/modules/marketplace',
  course_prices: 'server/modules/marketplace',
  course_versions: 'server/modules/marketplace',
  course_decisions: 'server/modules/marketplace',
  course_purchases: 'server/modules/marketplace',
  enrollments: 'server/modules/marketplace',
  payout_runs: 'server/modules/marketplace',
  payouts: 'server/modules/marketplace',
  earnings_lines: 'server/modules/marketplace',
  course_reviews: 'server/modules/marketplace',
  course_review_reports: 'server/modules/marketplace',
  // White-label branding's versions, per workspace and per account (migration 0032).
  branding_versions: 'server/modules/branding',

  // Revenue analytics: subscription value history, movements and their sums, FX rates, settings.
  mrr_states: 'server/modules/analytics',
  mrr_movements: 'server/modules/analytics',
  mrr_monthly: 'server/modules/analytics',
  mrr_cohorts: 'server/modules/analytics',
  fx_rates: 'server/modules/analytics',
  analytics_settings: 'server/modules/analytics',
  // Exports: each list or report written to a file by this backend (migration 0027).
  exports: 'server/modules/reports',

  features: 'server/modules/catalog',
  products: 'server/modules/catalog',
  plans: 'server/modules/catalog',
  plan_features: 'server/modules/catalog',
  prices: 'server/modules/catalog',

  payment_methods: 'server/modules/billing',
  balance_transactions: 'server/modules/billing',
  subscriptions: 'server/modules/billing',
  invoice_sequences: 'server/modules/billing',
  invoices: 'server/modules/billing',
  invoice_lines: 'server/modules/billing',
  payments: 'server/modules/billing',
  refunds: 'server/modules/billing',
  disputes: 'server/modules/billing',
  billing_events: 'server/modules/billing',
  stripe_subscription_requests: 'server/modules/billing',

  test_clocks: 'server/modules/billing',

  invoice_recoveries: 'server/modules/recovery',
  recovery_pauses: 'server/modules/recovery',
  recovery_policies: 'server/modules/recovery',

  email_outbox: 'server/modules/emails',
  email_attachments: 'server/modules/emails',
  email_secrets: 'server/modules/emails',
  email_settings: 'server/modules/emails',
  notification_cursors: 'server/modules/emails',

  stripe_events: 'server/modules/stripe-events',
  stripe_event_attempts: 'server/modules/stripe-events',
  stripe_event_cursors: 'server/modules/stripe-events',
  stripe_webhook_endpoints: 'server/modules/stripe-events',

  // The Stripe Billing mirror's own bookkeeping; the billing and catalog rows it mirrors are
  // written through their owners.
  stripe_object_versions: 'server/modules/stripe-billing',
  stripe_imports: 'server/modules/stripe-billing',

  // What every command writes in its own transaction (server/commands/run-command.ts): its
  // audit entries, the change log sync replicates from, and for a pushed mutation the mark
  // that makes a re-push a no-op.
  audit_log: 'server/commands',
  audit_chain_heads: 'server/commands',
  change_log: 'server/commands',
  sync_clients: 'server/commands',
  sync_mutations: 'server/commands',

  sync_counter: 'server/sync',
  sync_rows: 'server/sync',
  sync_outbox: 'server/sync',
  sync_state: 'server/sync',
  sync_overlay: 'server/sync',
  sync_pending_marks: 'server/sync',

  jobs: 'server/jobs',

  // The public REST API's idempotency keys (replayed answers of POSTs).
  rest_idempotency_keys: 'server/hosted/rest',

  // Outgoing webhooks; events and deliveries are written by capture triggers (migration 15) and
  // by the module's delivery queue.
  webhook_endpoints: 'server/modules/webhooks',
  webhook_secrets: 'server/modules/webhooks',
  webhook_events: 'server/modules/webhooks',
  webhook_deliveries: 'server/modules/webhooks',
  webhook_attempts: 'server/modules/webhooks',

  // The server's backups and their verification results (platform-level, not replicated).
  backups: 'server/modules/backups',

  sandbox_charges: 'server/gateways/sandbox',
  sandbox_requests: 'server/gateways/sandbox',
} as const satisfies Record<keyof DB, string>;

export type Table = keyof typeof TABLE_OWNERS;
