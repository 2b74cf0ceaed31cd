import type { Migration } from './types';

/** Failed-payment recovery (dunning): per-tenant policy, invoices in recovery, paused customers. */
export const recovery: Migration = {
  version: 3,
  name: 'recovery',
  sql: /* sql */ `
    -- A tenant without a row here uses the default policy (see shared/billing/recovery-schema.ts).
    CREATE TABLE recovery_policies (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      retry_base_hours INTEGER NOT NULL CHECK (retry_base_hours BETWEEN 1 AND 720),
      backoff_factor REAL NOT NULL CHECK (backoff_factor BETWEEN 1 AND 10),
      max_attempts INTEGER NOT NULL CHECK (max_attempts BETWEEN 1 AND 10),
      grace_days INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 90),
      final_action TEXT NOT NULL CHECK (final_action IN ('cancel', 'unpaid')),
      updated_at INTEGER NOT NULL
    ) STRICT;

    -- One per invoice whose payment ever failed: opened by the first failure, ended when
    -- the invoice is paid, given up on, or closed by staff. Money in the invoice's currency.
    CREATE TABLE invoice_recoveries (
      invoice_id TEXT PRIMARY KEY REFERENCES invoices (id),
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      subscription_id TEXT REFERENCES subscriptions (id),
      started_at INTEGER NOT NULL,
      failed_amount INTEGER NOT NULL CHECK (failed_amount >= 0),
      currency TEXT NOT NULL,
      attempts INTEGER NOT NULL CHECK (attempts >= 1),
      next_attempt_at INTEGER,
      grace_ends_at INTEGER NOT NULL,
      last_failure_code TEXT,
      status TEXT NOT NULL CHECK (status IN (
        'retrying', 'waiting_for_card', 'paused', 'recovered', 'final_action_taken', 'closed_by_staff'
      )),
      recovered_at INTEGER,
      recovered_amount INTEGER,
      -- The charge attempt that paid it; NULL when it was paid out of band.
      recovered_attempt INTEGER,
      ended_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK ((status = 'retrying') = (next_attempt_at IS NOT NULL))
    ) STRICT;
    CREATE INDEX invoice_recoveries_list ON invoice_recoveries (tenant_id, status, next_attempt_at);
    CREATE INDEX invoice_recoveries_started ON invoice_recoveries (tenant_id, started_at);
    CREATE INDEX invoice_recoveries_customer ON invoice_recoveries (tenant_id, customer_id, status);
    CREATE INDEX invoice_recoveries_subscription ON invoice_recoveries (subscription_id, status);

    -- Customers staff asked to leave alone: no automatic retries or final action while here.
    CREATE TABLE recovery_pauses (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      paused_at INTEGER NOT NULL,
      paused_by TEXT NOT NULL,
      PRIMARY KEY (tenant_id, customer_id)
    ) STRICT;
  `,
  postgres: /* sql */ `
    CREATE TABLE recovery_policies (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      retry_base_hours BIGINT NOT NULL CHECK (retry_base_hours BETWEEN 1 AND 720),
      backoff_factor DOUBLE PRECISION NOT NULL CHECK (backoff_factor BETWEEN 1 AND 10),
      max_attempts BIGINT NOT NULL CHECK (max_attempts BETWEEN 1 AND 10),
      grace_days BIGINT NOT NULL CHECK (grace_days BETWEEN 0 AND 90),
      final_action TEXT NOT NULL CHECK (final_action IN ('cancel', 'unpaid')),
      updated_at BIGINT NOT NULL
    );

    CREATE TABLE invoice_recoveries (
      invoice_id TEXT PRIMARY KEY REFERENCES invoices (id),
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      subscription_id TEXT REFERENCES subscriptions (id),
      started_at BIGINT NOT NULL,
      failed_amount BIGINT NOT NULL CHECK (failed_amount >= 0),
      currency TEXT NOT NULL,
      attempts BIGINT NOT NULL CHECK (attempts >= 1),
      next_attempt_at BIGINT,
      grace_ends_at BIGINT NOT NULL,
      last_failure_code TEXT,
      status TEXT NOT NULL CHECK (status IN (
        'retrying', 'waiting_for_card', 'paused', 'recovered', 'final_action_taken', 'closed_by_staff'
      )),
      recovered_at BIGINT,
      recovered_amount BIGINT,
      recovered_attempt BIGINT,
      ended_at BIGINT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      CHECK ((status = 'retrying') = (next_attempt_at IS NOT NULL))
    );
    CREATE INDEX invoice_recoveries_list ON invoice_recoveries (tenant_id, status, next_attempt_at);
    CREATE INDEX invoice_recoveries_started ON invoice_recoveries (tenant_id, started_at);
    CREATE INDEX invoice_recoveries_customer ON invoice_recoveries (tenant_id, customer_id, status);
    CREATE INDEX invoice_recoveries_subscription ON invoice_recoveries (subscription_id, status);

    CREATE TABLE recovery_pauses (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      paused_at BIGINT NOT NULL,
      paused_by TEXT NOT NULL,
      PRIMARY KEY (tenant_id, customer_id)
    );
  `,
};
