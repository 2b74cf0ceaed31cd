import type { Permission } from '../../shared/permissions';
import type { DB } from '../db/schema';
import type { TimelineEntityType } from '../modules/timeline';

/**
 * What replicates to whom follows the procedures that list it: a replica holds a table's
 * rows of a tenant only where its principal holds the permission of the procedure that lists
 * that table there. A row a principal could not list through the API never reaches its replica.
 */
export type TableReach =
  /** Rows of the tenants where the principal holds `permission` (a platform role's: every tenant). */
  | { kind: 'tenant'; permission: Permission; listedBy: string }
  /**
   * Accounts: the principal's own rows always (a desktop builds its principal from them), the
   * others where it holds `permission` (the members list); rows of no tenant (platform staff)
   * only to a platform role holding it (the platform staff list).
   */
  | { kind: 'accounts'; permission: Permission; listedBy: string }
  /**
   * The audit trail: everything where `permission` is held (the audit log); where only
   * `customerPermission` is (the customer timeline's), the entries the timeline shows: those
   * of each entity type in TIMELINE_ENTITY_TYPES where that type's permission is held too,
   * tied to a customer (CUSTOMER_TIMELINE_AUDIT). Entries of no tenant (the platform chain)
   * go to a platform role holding `permission`.
   */
  | { kind: 'audit'; permission: Permission; customerPermission: Permission; listedBy: string };

const tenant = (permission: Permission, listedBy: string): TableReach => ({
  kind: 'tenant',
  permission,
  listedBy,
});
const billing = (listedBy: string) => tenant('billing.read', listedBy);
const market = (listedBy: string) => tenant('marketplace.read', listedBy);

/** Every replicated table (server/db/replicated-tables.ts) and who may have its rows; a test keeps them in step. */
export const TABLE_REACH: Record<string, TableReach> = {
  tenants: tenant('tenants.read', 'tenants.session'),
  users: { kind: 'accounts', permission: 'users.manage', listedBy: 'admin.members.list' },
  memberships: { kind: 'accounts', permission: 'users.manage', listedBy: 'admin.members.list' },
  // An account admin's own binding always (server/sync/account-reach.ts has the rest of their reach).
  account_members: { kind: 'accounts', permission: 'users.manage', listedBy: 'accountAdmins.list' },
  customers: tenant('customers.read', 'customers.list'),
  features: billing('catalog.overview'),
  products: billing('catalog.overview'),
  plans: billing('catalog.overview'),
  plan_features: billing('catalog.overview'),
  prices: billing('catalog.overview'),
  test_clocks: billing('testClocks.list'),
  payment_methods: billing('billing.customer'),
  balance_transactions: billing('billing.customer'),
  subscriptions: billing('subscriptions.list'),
  invoices: billing('invoices.list'),
  invoice_lines: billing('invoices.get'),
  payments: billing('payments.list'),
  refunds: billing('payments.list'),
  billing_events: billing('subscriptions.get'),
  recovery_policies: billing('recovery.policy'),
  invoice_recoveries: billing('recovery.list'),
  recovery_pauses: billing('recovery.list'),
  email_outbox: billing('emails.list'),
  email_settings: billing('emails.settings'),
  stripe_imports: billing('stripeBilling.importProgress'),
  stripe_subscription_requests: billing('subscriptions.get'),
  disputes: billing('invoices.get'),
  audit_log: {
    kind: 'audit',
    permission: 'audit.read',
    customerPermission: 'customers.read',
    listedBy: 'audit.list; timeline.customer',
  },
  audit_chain_heads: tenant('audit.read', 'audit.verify'),
  // Outgoing webhooks (never their secrets, kept in webhook_secrets): all managed with settings.write.
  webhook_endpoints: tenant('settings.write', 'webhooks.endpoints'),
  webhook_deliveries: tenant('settings.write', 'webhooks.deliveries'),
  webhook_events: tenant('settings.write', 'webhooks.delivery'),
  webhook_attempts: tenant('settings.write', 'webhooks.delivery'),
  // Revenue analytics (the Overview's figures; its own queries list them too, with billing.read).
  mrr_movements: billing('analytics.movements'),
  mrr_monthly: billing('analytics.overview'),
  mrr_cohorts: billing('analytics.overview'),
  fx_rates: billing('analyticsSettings.fxRates'),
  analytics_settings: billing('analyticsSettings.get'),
  // Enterprise licensing (migration 0031): the Licenses and Policies pages.
  license_policies: tenant('licensing.read', 'licensePolicies.list'),
  licenses: tenant('licensing.read', 'licenses.list'),
  license_machines: tenant('licensing.read', 'licenses.get'),
  license_seats: tenant('licensing.read', 'licenses.get'),
  license_usage: tenant('licensing.read', 'licenses.usage'),
  license_validations: tenant('licensing.read', 'licenses.validations'),
  // White-label branding (migration 0032): the Branding page and the customer page's section.
  branding_versions: tenant('licensing.read', 'branding.versions'),
  // The course marketplace (migration 0036, decision 167): staff with marketplace.read see all of it.
  marketplace_settings: market('marketplace.settings.get'),
  instructors: market('marketplace.instructors.list'),
  courses: market('marketplace.courses.list'),
  course_prices: market('marketplace.courses.list'),
  course_versions: market('marketplace.courses.get'),
  course_decisions: market('marketplace.courses.decisions'),
  course_purchases: market('marketplace.courses.get'),
  enrollments: market('marketplace.courses.get'),
  payout_runs: market('marketplace.instructors.get'),
  payouts: market('marketplace.instructors.get'),
  earnings_lines: market('marketplace.instructors.get'),
  course_reviews: market('marketplace.courses.get'),
  course_review_reports: market('marketplace.courses.get'),
};

/** A replicated table, its single-column key, and the column naming the customer its row belongs to. */
interface CustomerTie {
  table: Extract<keyof DB, string>;
  key: string;
  customer: string;
}

/**
 * How each entity type the customer timeline reads (TIMELINE_ENTITY_TYPES, the one rule for
 * what a customers.read holder sees of the audit trail without audit.read) is tied to its
 * customer: by `table.customer` of the row whose `key` is the entry's entity id. Keyed by
 * exactly the timeline's types (the compiler and a test hold them equal), so a type the
 * timeline starts to show reaches replicas, and one it stops showing stops reaching them.
 */
export const CUSTOMER_TIMELINE_AUDIT = {
  customer: { table: 'customers', key: 'id', customer: 'id' },
  subscription: { table: 'subscriptions', key: 'id', customer: 'customer_id' },
  invoice: { table: 'invoices', key: 'id', customer: 'customer_id' },
  payment: { table: 'payments', key: 'id', customer: 'customer_id' },
  refund: { table: 'refunds', key: 'id', customer: 'customer_id' },
  payment_method: { table: 'payment_methods', key: 'id', customer: 'customer_id' },
  // A recovery's audit entries name it by its invoice, its key.
  invoice_recovery: { table: 'invoice_recoveries', key: 'invoice_id', customer: 'customer_id' },
  dispute: { table: 'disputes', key: 'id', customer: 'customer_id' },
} as const satisfies Record<TimelineEntityType, CustomerTie>;
