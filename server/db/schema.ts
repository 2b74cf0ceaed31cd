import type { Generated } from 'kysely';

import type { AccountAdminTables } from './schema-account-admins';
import type { AccountTables } from './schema-accounts';
import type { AnalyticsTables } from './schema-analytics';
import type { BackupTables } from './schema-backups';
import type { BrandingTables } from './schema-branding';
import type { DisputeTables } from './schema-disputes';
import type { EmailTables } from './schema-emails';
import type { LicensingTables } from './schema-licensing';
import type { MarketplaceTables } from './schema-marketplace';
import type { RecoveryTables } from './schema-recovery';
import type { ReportTables } from './schema-reports';
import type { RestTables } from './schema-rest';
import type { StripeEventTables } from './schema-stripe-events';
import type { SyncTables } from './schema-sync';
import type { ThrottleTables } from './schema-throttle';
import type { StripeBillingTables } from './schema-stripe-billing';
import type { WebhookTables } from './schema-webhooks';

/**
 * Kysely's view of the tables. Column names are the database's (snake_case); repos map them.
 * Newer areas keep their tables in their own file (schema-*.ts), one per migration.
 */
export interface DB
  extends
    AnalyticsTables,
    ReportTables,
    RecoveryTables,
    EmailTables,
    StripeEventTables,
    DisputeTables,
    StripeBillingTables,
    AccountTables,
    AccountAdminTables,
    LicensingTables,
    MarketplaceTables,
    BrandingTables,
    SyncTables,
    RestTables,
    WebhookTables,
    ThrottleTables,
    BackupTables {
  schema_migrations: { version: number; name: string; applied_at: number };
  settings: { key: string; value: string };
  tenants: { id: string; name: string; slug: string; status: 'active' | 'suspended'; created_at: number };
  users: { id: string; email: string; name: string; created_at: number };
  memberships: {
    id: string;
    user_id: string;
    tenant_id: string | null;
    role: string;
    created_at: number;
  };
  customers: {
    id: string;
    tenant_id: string;
    name: string;
    sort_name: string;
    email: string;
    country: string;
    company: string | null;
    notes: string | null;
    status: 'active' | 'archived';
    version: number;
    created_at: number;
    updated_at: number;
    archived_at: number | null;
    test_clock_id: Generated<string | null>;
    gateway_customer_ref: Generated<string | null>;
    default_payment_method_id: Generated<string | null>;
  };
  audit_log: {
    id: string;
    tenant_id: string | null;
    actor_id: string | null;
    actor_name: string;
    client: string;
    action: string;
    entity_type: string;
    entity_id: string;
    before: string | null;
    after: string | null;
    at: number;
    /** Position in the tenant's hash chain; null only until the backend chains pre-chain entries. */
    seq: number | null;
    prev_hash: string | null;
    hash: string | null;
  };
  audit_chain_heads: { chain: string; seq: number; hash: string };
  change_log: {
    seq: Generated<number>;
    tenant_id: string;
    entity_type: string;
    entity_id: string;
    op: 'upsert' | 'delete';
    data: string | null;
    at: number;
  };
  features: {
    tenant_id: string;
    key: string;
    name: string;
    kind: 'flag' | 'limit';
    description: string | null;
    created_at: number;
  };
  products: {
    id: string;
    tenant_id: string;
    name: string;
    description: string | null;
    status: 'active' | 'archived';
    created_at: number;
    updated_at: number;
    /** The Stripe product (prod_…) this mirrors; null when made in Tollgate. */
    gateway_ref: Generated<string | null>;
  };
  plans: {
    id: string;
    tenant_id: string;
    product_id: string;
    name: string;
    description: string | null;
    status: 'active' | 'archived';
    sort_order: number;
    is_default: number;
    version: number;
    created_at: number;
    updated_at: number;
    /** The Stripe product (prod_…) this plan mirrors; null when made in Tollgate. */
    gateway_ref: Generated<string | null>;
  };
  plan_features: { tenant_id: string; plan_id: string; feature_key: string; value: number | null };
  prices: {
    id: string;
    tenant_id: string;
    plan_id: string;
    amount: number;
    currency: string;
    interval: 'month' | 'year';
    trial_days: number;
    status: 'active' | 'archived';
    created_at: number;
    updated_at: number;
    /** The Stripe price (price_…) this mirrors; null when made in Tollgate. */
    gateway_ref: Generated<string | null>;
  };
  test_clocks: {
    id: string;
    tenant_id: string;
    name: string;
    now: number;
    created_at: number;
    updated_at: number;
  };
  payment_methods: {
    id: string;
    tenant_id: string;
    customer_id: string;
    gateway: 'sandbox' | 'stripe';
    gateway_ref: string;
    brand: string;
    last4: string;
    exp_month: number;
    exp_year: number;
    status: 'active' | 'detached';
    created_at: number;
    detached_at: number | null;
  };
  balance_transactions: {
    id: string;
    tenant_id: string;
    customer_id: string;
    amount: number;
    currency: string;
    kind: 'proration_credit' | 'invoice_applied' | 'adjustment' | 'refund_credit' | 'negative_invoice';
    invoice_id: string | null;
    description: string;
    created_at: number;
  };
  subscriptions: {
    id: string;
    tenant_id: string;
    customer_id: string;
    plan_id: string;
    price_id: string;
    quantity: number;
    currency: string;
    status: 'incomplete' | 'trialing' | 'active' | 'past_due' | 'paused' | 'canceled' | 'unpaid';
    billing_anchor: number;
    current_period_start: number;
    current_period_end: number;
    trial_start: number | null;
    trial_end: number | null;
    trial_end_behavior: 'cancel' | 'incomplete';
    cancel_at_period_end: Generated<number>;
    canceled_at: number | null;
    ended_at: number | null;
    paused_at: number | null;
    resume_at: number | null;
    pending_price_id: string | null;
    pending_quantity: number | null;
    payment_method_id: string | null;
    managed_by: Generated<'tollgate' | 'stripe'>;
    gateway_ref: string | null;
    version: number;
    created_at: number;
    updated_at: number;
  };
  invoice_sequences: { tenant_id: string; next_number: number };
  invoices: {
    id: string;
    tenant_id: string;
    customer_id: string;
    subscription_id: string | null;
    number: string | null;
    status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
    billing_reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';
    currency: string;
    subtotal: number;
    credit_applied: Generated<number>;
    total: number;
    amount_due: number;
    amount_paid: Generated<number>;
    amount_refunded: Generated<number>;
    period_start: number | null;
    period_end: number | null;
    attempt_count: Generated<number>;
    next_attempt_at: number | null;
    finalized_at: number | null;
    paid_at: number | null;
    voided_at: number | null;
    uncollectible_at: number | null;
    created_at: number;
    updated_at: number;
    managed_by: Generated<'tollgate' | 'stripe'>;
    /** The Stripe invoice (in_…) of a Stripe-managed invoice. */
    gateway_ref: Generated<string | null>;
  };
  invoice_lines: {
    id: string;
    tenant_id: string;
    invoice_id: string;
    position: number;
    kind: 'plan' | 'proration' | 'one_off' | 'credit';
    description: string;
    price_id: string | null;
    quantity: number;
    unit_amount: number;
    amount: number;
    period_start: number | null;
    period_end: number | null;
  };
  payments: {
    id: string;
    tenant_id: string;
    customer_id: string;
    invoice_id: string;
    payment_method_id: string | null;
    amount: number;
    currency: string;
    status: 'pending' | 'succeeded' | 'failed' | 'requires_action';
    idempotency_key: string;
    gateway: string;
    gateway_ref: string | null;
    failure_code: string | null;
    failure_message: string | null;
    amount_refunded: Generated<number>;
    attempt_number: number;
    created_at: number;
    updated_at: number;
  };
  refunds: {
    id: string;
    tenant_id: string;
    payment_id: string;
    invoice_id: string;
    customer_id: string;
    amount: number;
    currency: string;
    reason: 'duplicate' | 'fraudulent' | 'requested_by_customer';
    status: 'pending' | 'succeeded' | 'failed';
    idempotency_key: string;
    gateway_ref: string | null;
    failure_message: string | null;
    created_at: number;
    updated_at: number;
  };
  jobs: {
    id: string;
    tenant_id: string;
    kind: string;
    run_at: number;
    payload: string;
    status: 'pending' | 'running' | 'done' | 'failed' | 'canceled';
    attempts: Generated<number>;
    lease_until: number | null;
    /** The instance that claimed a running job (host:pid); null otherwise. */
    lease_holder: string | null;
    last_error: string | null;
    dedupe_key: string;
    test_clock_id: string | null;
    created_at: number;
    updated_at: number;
  };
  billing_events: {
    id: string;
    tenant_id: string;
    type: string;
    customer_id: string | null;
    subject_id: string;
    data: string;
    occurred_at: number;
  };
  sandbox_charges: {
    ref: string;
    tenant_id: string;
    payment_method_ref: string;
    amount: number;
    currency: string;
    amount_refunded: number;
    status: string;
    created_at: number;
  };
  sandbox_requests: {
    tenant_id: string;
    idempotency_key: string;
    fingerprint: string;
    response: string;
    created_at: number;
  };
  list_counts: { tenant_id: string; list: string; key: string; n: number };
  stripe_object_versions: { tenant_id: string; object_id: string; created_at: number; event_id: string };
}
