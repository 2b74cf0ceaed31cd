import { billingPostgres } from './0002_billing.postgres';
import type { Migration } from './types';

/**
 * Catalog and feature gating, subscriptions, invoices, payments, refunds, customer
 * balances, test clocks, durable jobs, billing events, and the sandbox gateway's own
 * state. Money columns are integer minor units of the row's currency.
 */
export const billing: Migration = {
  version: 2,
  name: 'billing',
  sql: /* sql */ `
    CREATE TABLE features (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      key TEXT NOT NULL,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('flag', 'limit')),
      description TEXT,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (tenant_id, key)
    ) STRICT;

    CREATE TABLE products (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      name TEXT NOT NULL,
      description TEXT,
      status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX products_tenant ON products (tenant_id, status, name);

    CREATE TABLE plans (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      product_id TEXT NOT NULL REFERENCES products (id),
      name TEXT NOT NULL,
      description TEXT,
      status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
      sort_order INTEGER NOT NULL DEFAULT 0,
      -- The plan whose features apply to a customer with no subscription granting access.
      is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
      version INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX plans_tenant_name ON plans (tenant_id, name);
    CREATE UNIQUE INDEX plans_one_default ON plans (tenant_id) WHERE is_default = 1;

    -- A flag is on when value = 1; a limit's value is the cap, NULL meaning unlimited.
    CREATE TABLE plan_features (
      tenant_id TEXT NOT NULL,
      plan_id TEXT NOT NULL REFERENCES plans (id),
      feature_key TEXT NOT NULL,
      value INTEGER,
      PRIMARY KEY (plan_id, feature_key),
      FOREIGN KEY (tenant_id, feature_key) REFERENCES features (tenant_id, key)
    ) STRICT;

    CREATE TABLE prices (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      plan_id TEXT NOT NULL REFERENCES plans (id),
      amount INTEGER NOT NULL CHECK (amount >= 0),
      currency TEXT NOT NULL,
      interval TEXT NOT NULL CHECK (interval IN ('month', 'year')),
      trial_days INTEGER NOT NULL DEFAULT 0 CHECK (trial_days >= 0),
      status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX prices_plan ON prices (tenant_id, plan_id, status);

    -- Stripe-like test clocks: a sandbox customer attached to one lives on its time.
    CREATE TABLE test_clocks (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      name TEXT NOT NULL,
      now INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

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
      exp_month INTEGER NOT NULL,
      exp_year INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'detached')),
      created_at INTEGER NOT NULL,
      detached_at INTEGER
    ) STRICT;
    CREATE INDEX payment_methods_customer ON payment_methods (tenant_id, customer_id, status);
    CREATE UNIQUE INDEX payment_methods_ref ON payment_methods (tenant_id, gateway, gateway_ref);

    -- The customer's credit balance is the sum of this ledger per currency:
    -- positive rows give credit, negative rows spend it.
    CREATE TABLE balance_transactions (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      amount INTEGER NOT NULL,
      currency TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('proration_credit', 'invoice_applied', 'adjustment', 'refund_credit', 'negative_invoice')),
      invoice_id TEXT,
      description TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX balance_transactions_customer ON balance_transactions (tenant_id, customer_id, currency, created_at);

    CREATE TABLE subscriptions (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      plan_id TEXT NOT NULL REFERENCES plans (id),
      price_id TEXT NOT NULL REFERENCES prices (id),
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      currency TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('incomplete', 'trialing', 'active', 'past_due', 'paused', 'canceled', 'unpaid')),
      billing_anchor INTEGER NOT NULL,
      current_period_start INTEGER NOT NULL,
      current_period_end INTEGER NOT NULL,
      trial_start INTEGER,
      trial_end INTEGER,
      trial_end_behavior TEXT NOT NULL CHECK (trial_end_behavior IN ('cancel', 'incomplete')),
      cancel_at_period_end INTEGER NOT NULL DEFAULT 0 CHECK (cancel_at_period_end IN (0, 1)),
      canceled_at INTEGER,
      ended_at INTEGER,
      paused_at INTEGER,
      resume_at INTEGER,
      pending_price_id TEXT REFERENCES prices (id),
      pending_quantity INTEGER,
      payment_method_id TEXT REFERENCES payment_methods (id),
      managed_by TEXT NOT NULL DEFAULT 'tollgate' CHECK (managed_by IN ('tollgate', 'stripe')),
      gateway_ref TEXT,
      version INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX subscriptions_list ON subscriptions (tenant_id, created_at, id);
    CREATE INDEX subscriptions_status ON subscriptions (tenant_id, status, created_at, id);
    CREATE INDEX subscriptions_plan ON subscriptions (tenant_id, plan_id, status, created_at, id);
    -- Covering (customer, created_at, id): a customer-name search sorts its matches without reading rows.
    CREATE INDEX subscriptions_customer ON subscriptions (tenant_id, customer_id, created_at, id);

    CREATE TABLE invoice_sequences (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      next_number INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE invoices (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      subscription_id TEXT REFERENCES subscriptions (id),
      number TEXT,
      status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
      billing_reason TEXT NOT NULL CHECK (billing_reason IN ('subscription_create', 'subscription_cycle', 'subscription_update', 'manual')),
      currency TEXT NOT NULL,
      subtotal INTEGER NOT NULL,
      credit_applied INTEGER NOT NULL DEFAULT 0,
      total INTEGER NOT NULL,
      amount_due INTEGER NOT NULL,
      amount_paid INTEGER NOT NULL DEFAULT 0,
      amount_refunded INTEGER NOT NULL DEFAULT 0,
      period_start INTEGER,
      period_end INTEGER,
      attempt_count INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER,
      finalized_at INTEGER,
      paid_at INTEGER,
      voided_at INTEGER,
      uncollectible_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK (status = 'draft' OR number IS NOT NULL)
    ) STRICT;
    CREATE UNIQUE INDEX invoices_number ON invoices (tenant_id, number);
    CREATE INDEX invoices_list ON invoices (tenant_id, created_at, id);
    CREATE INDEX invoices_status ON invoices (tenant_id, status, created_at, id);
    CREATE INDEX invoices_customer ON invoices (tenant_id, customer_id, created_at, id);
    CREATE INDEX invoices_subscription ON invoices (tenant_id, subscription_id, created_at);

    CREATE TABLE invoice_lines (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      position INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('plan', 'proration', 'one_off', 'credit')),
      description TEXT NOT NULL,
      price_id TEXT REFERENCES prices (id),
      quantity INTEGER NOT NULL,
      unit_amount INTEGER NOT NULL,
      amount INTEGER NOT NULL,
      period_start INTEGER,
      period_end INTEGER,
      UNIQUE (invoice_id, position)
    ) STRICT;

    -- Once finalized, an invoice changes only its status and payment bookkeeping: its
    -- lines and amounts are what the customer was sent. The database itself refuses.
    CREATE TRIGGER invoices_finalized_amounts BEFORE UPDATE OF customer_id, subscription_id, number, currency,
      subtotal, credit_applied, total, amount_due, period_start, period_end, billing_reason ON invoices
    WHEN OLD.status != 'draft'
    BEGIN
      SELECT RAISE(ABORT, 'a finalized invoice cannot change its amounts or lines');
    END;
    CREATE TRIGGER invoice_lines_insert_finalized BEFORE INSERT ON invoice_lines
    WHEN (SELECT status FROM invoices WHERE id = NEW.invoice_id) != 'draft'
    BEGIN
      SELECT RAISE(ABORT, 'a finalized invoice cannot change its amounts or lines');
    END;
    CREATE TRIGGER invoice_lines_update_finalized BEFORE UPDATE ON invoice_lines
    WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) != 'draft'
    BEGIN
      SELECT RAISE(ABORT, 'a finalized invoice cannot change its amounts or lines');
    END;
    CREATE TRIGGER invoice_lines_delete_finalized BEFORE DELETE ON invoice_lines
    WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) != 'draft'
    BEGIN
      SELECT RAISE(ABORT, 'a finalized invoice cannot change its amounts or lines');
    END;
    CREATE TRIGGER invoices_no_return_to_draft BEFORE UPDATE OF status ON invoices
    WHEN OLD.status != 'draft' AND NEW.status = 'draft'
    BEGIN
      SELECT RAISE(ABORT, 'a finalized invoice cannot return to draft');
    END;

    CREATE TABLE payments (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      payment_method_id TEXT REFERENCES payment_methods (id),
      amount INTEGER NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'requires_action')),
      idempotency_key TEXT NOT NULL,
      gateway TEXT NOT NULL,
      gateway_ref TEXT,
      failure_code TEXT,
      failure_message TEXT,
      amount_refunded INTEGER NOT NULL DEFAULT 0,
      attempt_number INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK (amount_refunded >= 0 AND amount_refunded <= amount)
    ) STRICT;
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
      amount INTEGER NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('duplicate', 'fraudulent', 'requested_by_customer')),
      status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      idempotency_key TEXT NOT NULL,
      gateway_ref TEXT,
      failure_message TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX refunds_idempotency ON refunds (tenant_id, idempotency_key);
    CREATE INDEX refunds_payment ON refunds (tenant_id, payment_id);

    -- Durable jobs (renewals, trial ends, retries…), claimed with a lease; jobs of a
    -- customer on a test clock run when that clock is advanced, not by wall time.
    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      kind TEXT NOT NULL,
      run_at INTEGER NOT NULL,
      payload TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed', 'canceled')),
      attempts INTEGER NOT NULL DEFAULT 0,
      lease_until INTEGER,
      last_error TEXT,
      dedupe_key TEXT NOT NULL,
      test_clock_id TEXT REFERENCES test_clocks (id),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX jobs_dedupe ON jobs (dedupe_key);
    CREATE INDEX jobs_due ON jobs (status, test_clock_id, run_at);

    -- What happened in billing, for notifications and the customer timeline
    -- (e.g. subscription.trial_will_end three days before a trial ends).
    CREATE TABLE billing_events (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      type TEXT NOT NULL,
      customer_id TEXT,
      subject_id TEXT NOT NULL,
      data TEXT NOT NULL,
      occurred_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX billing_events_tenant ON billing_events (tenant_id, occurred_at);
    CREATE INDEX billing_events_subject ON billing_events (tenant_id, subject_id, occurred_at);

    -- Exact row counts per list and status, kept by triggers, so a list's total costs one
    -- lookup instead of a count over a million rows. Derived data: replicas keep their own.
    CREATE TABLE list_counts (
      tenant_id TEXT NOT NULL,
      list TEXT NOT NULL,
      key TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (tenant_id, list, key)
    ) STRICT, WITHOUT ROWID;
    -- Customers are counted the same way; those already there are counted once here.
    INSERT INTO list_counts (tenant_id, list, key, n)
      SELECT tenant_id, 'customers', status, count(*) FROM customers GROUP BY tenant_id, status;
    CREATE TRIGGER customers_count_insert AFTER INSERT ON customers BEGIN
      INSERT INTO list_counts VALUES (NEW.tenant_id, 'customers', NEW.status, 1)
        ON CONFLICT (tenant_id, list, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER customers_count_update AFTER UPDATE OF status ON customers WHEN OLD.status != NEW.status BEGIN
      UPDATE list_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND list = 'customers' AND key = OLD.status;
      INSERT INTO list_counts VALUES (NEW.tenant_id, 'customers', NEW.status, 1)
        ON CONFLICT (tenant_id, list, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER customers_count_delete AFTER DELETE ON customers BEGIN
      UPDATE list_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND list = 'customers' AND key = OLD.status;
    END;
    CREATE TRIGGER invoices_count_insert AFTER INSERT ON invoices BEGIN
      INSERT INTO list_counts VALUES (NEW.tenant_id, 'invoices', NEW.status, 1)
        ON CONFLICT (tenant_id, list, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER invoices_count_update AFTER UPDATE OF status ON invoices WHEN OLD.status != NEW.status BEGIN
      UPDATE list_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND list = 'invoices' AND key = OLD.status;
      INSERT INTO list_counts VALUES (NEW.tenant_id, 'invoices', NEW.status, 1)
        ON CONFLICT (tenant_id, list, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER invoices_count_delete AFTER DELETE ON invoices BEGIN
      UPDATE list_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND list = 'invoices' AND key = OLD.status;
    END;
    CREATE TRIGGER payments_count_insert AFTER INSERT ON payments BEGIN
      INSERT INTO list_counts VALUES (NEW.tenant_id, 'payments', NEW.status, 1)
        ON CONFLICT (tenant_id, list, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER payments_count_update AFTER UPDATE OF status ON payments WHEN OLD.status != NEW.status BEGIN
      UPDATE list_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND list = 'payments' AND key = OLD.status;
      INSERT INTO list_counts VALUES (NEW.tenant_id, 'payments', NEW.status, 1)
        ON CONFLICT (tenant_id, list, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER payments_count_delete AFTER DELETE ON payments BEGIN
      UPDATE list_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND list = 'payments' AND key = OLD.status;
    END;
    CREATE TRIGGER subscriptions_count_insert AFTER INSERT ON subscriptions BEGIN
      INSERT INTO list_counts VALUES (NEW.tenant_id, 'subscriptions', NEW.plan_id || ':' || NEW.status, 1)
        ON CONFLICT (tenant_id, list, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER subscriptions_count_update AFTER UPDATE OF status, plan_id ON subscriptions WHEN OLD.plan_id || ':' || OLD.status != NEW.plan_id || ':' || NEW.status BEGIN
      UPDATE list_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND list = 'subscriptions' AND key = OLD.plan_id || ':' || OLD.status;
      INSERT INTO list_counts VALUES (NEW.tenant_id, 'subscriptions', NEW.plan_id || ':' || NEW.status, 1)
        ON CONFLICT (tenant_id, list, key) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER subscriptions_count_delete AFTER DELETE ON subscriptions BEGIN
      UPDATE list_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND list = 'subscriptions' AND key = OLD.plan_id || ':' || OLD.status;
    END;

    -- The sandbox gateway's own records, as Stripe keeps its own: charges it made and the
    -- answer it gave each idempotency key, so a retried request gets the same answer.
    CREATE TABLE sandbox_charges (
      ref TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL,
      payment_method_ref TEXT NOT NULL,
      amount INTEGER NOT NULL,
      currency TEXT NOT NULL,
      amount_refunded INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE sandbox_requests (
      tenant_id TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      response TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (tenant_id, idempotency_key)
    ) STRICT;
  `,
  // PostgreSQL's form lives in 0002_billing.postgres.ts (this file is at the size limit).
  postgres: billingPostgres,
};
