import { pgListCountTriggers, pgRefusal, pgTriggerFunction } from './pg-triggers';

/**
 * The PostgreSQL form of migration 2 (billing), kept beside 0002_billing.ts only because the
 * two forms together would pass the 400-line limit. Same tables, columns, checks and index
 * names; INTEGER is BIGINT (money and epoch ms), the triggers are plpgsql functions with the
 * same refusal messages, and billing_events gets the explicit rowid the dispatcher pages by.
 */

const FINALIZED = 'a finalized invoice cannot change its amounts or lines';

/** invoice_lines_<op>_finalized: refuses a line change on an invoice that is no longer a draft. */
function linesFinalized(op: 'insert' | 'update' | 'delete', row: 'NEW' | 'OLD'): string {
  const name = `invoice_lines_${op}_finalized`;
  return `${pgTriggerFunction(
    name,
    `IF (SELECT status FROM invoices WHERE id = ${row}.invoice_id) <> 'draft' THEN
        RAISE EXCEPTION '${FINALIZED}';
      END IF;
      RETURN ${row};`,
  )}
    CREATE TRIGGER ${name} BEFORE ${op.toUpperCase()} ON invoice_lines
      FOR EACH ROW EXECUTE FUNCTION ${name}_fn();`;
}

export const billingPostgres = /* sql */ `
    CREATE TABLE features (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      key TEXT NOT NULL,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('flag', 'limit')),
      description TEXT,
      created_at BIGINT NOT NULL,
      PRIMARY KEY (tenant_id, key)
    );

    CREATE TABLE products (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      name TEXT NOT NULL,
      description TEXT,
      status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE INDEX products_tenant ON products (tenant_id, status, name);

    CREATE TABLE plans (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      product_id TEXT NOT NULL REFERENCES products (id),
      name TEXT NOT NULL,
      description TEXT,
      status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
      sort_order BIGINT NOT NULL DEFAULT 0,
      is_default BIGINT NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
      version BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE UNIQUE INDEX plans_tenant_name ON plans (tenant_id, name);
    CREATE UNIQUE INDEX plans_one_default ON plans (tenant_id) WHERE is_default = 1;

    CREATE TABLE plan_features (
      tenant_id TEXT NOT NULL,
      plan_id TEXT NOT NULL REFERENCES plans (id),
      feature_key TEXT NOT NULL,
      value BIGINT,
      PRIMARY KEY (plan_id, feature_key),
      FOREIGN KEY (tenant_id, feature_key) REFERENCES features (tenant_id, key)
    );

    CREATE TABLE prices (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      plan_id TEXT NOT NULL REFERENCES plans (id),
      amount BIGINT NOT NULL CHECK (amount >= 0),
      currency TEXT NOT NULL,
      interval TEXT NOT NULL CHECK (interval IN ('month', 'year')),
      trial_days BIGINT NOT NULL DEFAULT 0 CHECK (trial_days >= 0),
      status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE INDEX prices_plan ON prices (tenant_id, plan_id, status);

    CREATE TABLE test_clocks (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      name TEXT NOT NULL,
      now BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );

    ALTER TABLE customers ADD COLUMN test_clock_id TEXT REFERENCES test_clocks (id);
    ALTER TABLE customers ADD COLUMN gateway_customer_ref TEXT;
    ALTER TABLE customers ADD COLUMN default_payment_method_id TEXT;

    CREATE TABLE payment_methods (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      gateway TEXT NOT NULL CHECK (gateway IN ('sandbox', 'stripe')),
      gateway_ref TEXT NOT NULL,
      brand TEXT NOT NULL,
      last4 TEXT NOT NULL,
      exp_month BIGINT NOT NULL,
      exp_year BIGINT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'detached')),
      created_at BIGINT NOT NULL,
      detached_at BIGINT
    );
    CREATE INDEX payment_methods_customer ON payment_methods (tenant_id, customer_id, status);
    CREATE UNIQUE INDEX payment_methods_ref ON payment_methods (tenant_id, gateway, gateway_ref);

    CREATE TABLE balance_transactions (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      amount BIGINT NOT NULL,
      currency TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('proration_credit', 'invoice_applied', 'adjustment', 'refund_credit', 'negative_invoice')),
      invoice_id TEXT,
      description TEXT NOT NULL,
      created_at BIGINT NOT NULL
    );
    CREATE INDEX balance_transactions_customer ON balance_transactions (tenant_id, customer_id, currency, created_at);

    CREATE TABLE subscriptions (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      plan_id TEXT NOT NULL REFERENCES plans (id),
      price_id TEXT NOT NULL REFERENCES prices (id),
      quantity BIGINT NOT NULL CHECK (quantity > 0),
      currency TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('incomplete', 'trialing', 'active', 'past_due', 'paused', 'canceled', 'unpaid')),
      billing_anchor BIGINT NOT NULL,
      current_period_start BIGINT NOT NULL,
      current_period_end BIGINT NOT NULL,
      trial_start BIGINT,
      trial_end BIGINT,
      trial_end_behavior TEXT NOT NULL CHECK (trial_end_behavior IN ('cancel', 'incomplete')),
      cancel_at_period_end BIGINT NOT NULL DEFAULT 0 CHECK (cancel_at_period_end IN (0, 1)),
      canceled_at BIGINT,
      ended_at BIGINT,
      paused_at BIGINT,
      resume_at BIGINT,
      pending_price_id TEXT REFERENCES prices (id),
      pending_quantity BIGINT,
      payment_method_id TEXT REFERENCES payment_methods (id),
      managed_by TEXT NOT NULL DEFAULT 'tollgate' CHECK (managed_by IN ('tollgate', 'stripe')),
      gateway_ref TEXT,
      version BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE INDEX subscriptions_list ON subscriptions (tenant_id, created_at, id);
    CREATE INDEX subscriptions_status ON subscriptions (tenant_id, status, created_at, id);
    CREATE INDEX subscriptions_plan ON subscriptions (tenant_id, plan_id, status, created_at, id);
    CREATE INDEX subscriptions_customer ON subscriptions (tenant_id, customer_id, created_at, id);

    CREATE TABLE invoice_sequences (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      next_number BIGINT NOT NULL
    );

    CREATE TABLE invoices (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      subscription_id TEXT REFERENCES subscriptions (id),
      number TEXT,
      status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
      billing_reason TEXT NOT NULL CHECK (billing_reason IN ('subscription_create', 'subscription_cycle', 'subscription_update', 'manual')),
      currency TEXT NOT NULL,
      subtotal BIGINT NOT NULL,
      credit_applied BIGINT NOT NULL DEFAULT 0,
      total BIGINT NOT NULL,
      amount_due BIGINT NOT NULL,
      amount_paid BIGINT NOT NULL DEFAULT 0,
      amount_refunded BIGINT NOT NULL DEFAULT 0,
      period_start BIGINT,
      period_end BIGINT,
      attempt_count BIGINT NOT NULL DEFAULT 0,
      next_attempt_at BIGINT,
      finalized_at BIGINT,
      paid_at BIGINT,
      voided_at BIGINT,
      uncollectible_at BIGINT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      CHECK (status = 'draft' OR number IS NOT NULL)
    );
    CREATE UNIQUE INDEX invoices_number ON invoices (tenant_id, number);
    CREATE INDEX invoices_list ON invoices (tenant_id, created_at, id);
    CREATE INDEX invoices_status ON invoices (tenant_id, status, created_at, id);
    CREATE INDEX invoices_customer ON invoices (tenant_id, customer_id, created_at, id);
    CREATE INDEX invoices_subscription ON invoices (tenant_id, subscription_id, created_at);

    CREATE TABLE invoice_lines (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      position BIGINT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('plan', 'proration', 'one_off', 'credit')),
      description TEXT NOT NULL,
      price_id TEXT REFERENCES prices (id),
      quantity BIGINT NOT NULL,
      unit_amount BIGINT NOT NULL,
      amount BIGINT NOT NULL,
      period_start BIGINT,
      period_end BIGINT,
      UNIQUE (invoice_id, position)
    );

    -- Once finalized, an invoice keeps its lines and amounts (SQLite's triggers, same messages).
    ${pgRefusal('invoices_finalized_amounts', FINALIZED)}
    CREATE TRIGGER invoices_finalized_amounts BEFORE UPDATE OF customer_id, subscription_id, number, currency,
      subtotal, credit_applied, total, amount_due, period_start, period_end, billing_reason ON invoices
      FOR EACH ROW WHEN (OLD.status <> 'draft') EXECUTE FUNCTION invoices_finalized_amounts_fn();
    -- A trigger's WHEN cannot hold a subquery on PostgreSQL: the invoice's status is read in the function.
    ${linesFinalized('insert', 'NEW')}
    ${linesFinalized('update', 'OLD')}
    ${linesFinalized('delete', 'OLD')}
    ${pgRefusal('invoices_no_return_to_draft', 'a finalized invoice cannot return to draft')}
    CREATE TRIGGER invoices_no_return_to_draft BEFORE UPDATE OF status ON invoices
      FOR EACH ROW WHEN (OLD.status <> 'draft' AND NEW.status = 'draft')
      EXECUTE FUNCTION invoices_no_return_to_draft_fn();

    CREATE TABLE payments (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      payment_method_id TEXT REFERENCES payment_methods (id),
      amount BIGINT NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'requires_action')),
      idempotency_key TEXT NOT NULL,
      gateway TEXT NOT NULL,
      gateway_ref TEXT,
      failure_code TEXT,
      failure_message TEXT,
      amount_refunded BIGINT NOT NULL DEFAULT 0,
      attempt_number BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      CHECK (amount_refunded >= 0 AND amount_refunded <= amount)
    );
    CREATE UNIQUE INDEX payments_idempotency ON payments (tenant_id, idempotency_key);
    CREATE INDEX payments_list ON payments (tenant_id, created_at, id);
    CREATE INDEX payments_status ON payments (tenant_id, status, created_at, id);
    CREATE INDEX payments_invoice ON payments (tenant_id, invoice_id);
    CREATE INDEX payments_customer ON payments (tenant_id, customer_id, created_at, id);

    CREATE TABLE refunds (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      payment_id TEXT NOT NULL REFERENCES payments (id),
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      amount BIGINT NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('duplicate', 'fraudulent', 'requested_by_customer')),
      status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      idempotency_key TEXT NOT NULL,
      gateway_ref TEXT,
      failure_message TEXT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE UNIQUE INDEX refunds_idempotency ON refunds (tenant_id, idempotency_key);
    CREATE INDEX refunds_payment ON refunds (tenant_id, payment_id);

    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      kind TEXT NOT NULL,
      run_at BIGINT NOT NULL,
      payload TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed', 'canceled')),
      attempts BIGINT NOT NULL DEFAULT 0,
      lease_until BIGINT,
      last_error TEXT,
      dedupe_key TEXT NOT NULL,
      test_clock_id TEXT REFERENCES test_clocks (id),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE UNIQUE INDEX jobs_dedupe ON jobs (dedupe_key);
    CREATE INDEX jobs_due ON jobs (status, test_clock_id, run_at);

    CREATE TABLE billing_events (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      type TEXT NOT NULL,
      customer_id TEXT,
      subject_id TEXT NOT NULL,
      data TEXT NOT NULL,
      occurred_at BIGINT NOT NULL,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX billing_events_tenant ON billing_events (tenant_id, occurred_at);
    CREATE INDEX billing_events_subject ON billing_events (tenant_id, subject_id, occurred_at);
    -- The notification dispatcher pages billing_events by rowid (PostgreSQL only: SQLite's rowid is the table's key).
    CREATE INDEX billing_events_rowid ON billing_events (rowid);

    CREATE TABLE list_counts (
      tenant_id TEXT NOT NULL,
      list TEXT NOT NULL,
      key TEXT NOT NULL,
      n BIGINT NOT NULL,
      PRIMARY KEY (tenant_id, list, key)
    );
    -- Backfill kept: a PostgreSQL database may be migrated from any earlier version.
    INSERT INTO list_counts (tenant_id, list, key, n)
      SELECT tenant_id, 'customers', status, count(*) FROM customers GROUP BY tenant_id, status;
    ${pgListCountTriggers('customers', 'status', (row) => `${row}.status`)}
    ${pgListCountTriggers('invoices', 'status', (row) => `${row}.status`)}
    ${pgListCountTriggers('payments', 'status', (row) => `${row}.status`)}
    ${pgListCountTriggers('subscriptions', 'status, plan_id', (row) => `${row}.plan_id || ':' || ${row}.status`)}

    CREATE TABLE sandbox_charges (
      ref TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL,
      payment_method_ref TEXT NOT NULL,
      amount BIGINT NOT NULL,
      currency TEXT NOT NULL,
      amount_refunded BIGINT NOT NULL DEFAULT 0,
      status TEXT NOT NULL,
      created_at BIGINT NOT NULL
    );
    CREATE TABLE sandbox_requests (
      tenant_id TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      response TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      PRIMARY KEY (tenant_id, idempotency_key)
    );
`;
