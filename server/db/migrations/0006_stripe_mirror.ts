import type { Migration } from './types';

/** Stripe Billing mirror: Stripe ids on catalog, invoices and payments; object versions for ordering. */
export const stripeMirror: Migration = {
  version: 6,
  name: 'stripe_mirror',
  sql: /* sql */ `
    -- The newest Stripe snapshot applied for each object, by the event's created time
    -- (Stripe's seconds, stored as ms): an older event arriving late must not move state back.
    CREATE TABLE stripe_object_versions (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      object_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (tenant_id, object_id)
    ) STRICT, WITHOUT ROWID;

    -- Catalog rows mirrored from Stripe carry its ids: a Stripe product is a product and
    -- its one plan (prod_…), a Stripe price a price (price_…). NULL: made in Tollgate.
    ALTER TABLE products ADD COLUMN gateway_ref TEXT;
    ALTER TABLE plans ADD COLUMN gateway_ref TEXT;
    ALTER TABLE prices ADD COLUMN gateway_ref TEXT;
    CREATE UNIQUE INDEX products_gateway_ref ON products (tenant_id, gateway_ref) WHERE gateway_ref IS NOT NULL;
    CREATE UNIQUE INDEX plans_gateway_ref ON plans (tenant_id, gateway_ref) WHERE gateway_ref IS NOT NULL;
    CREATE UNIQUE INDEX prices_gateway_ref ON prices (tenant_id, gateway_ref) WHERE gateway_ref IS NOT NULL;
    CREATE UNIQUE INDEX subscriptions_gateway_ref ON subscriptions (tenant_id, gateway_ref)
      WHERE gateway_ref IS NOT NULL;
    -- Events name customers by their Stripe id.
    CREATE INDEX customers_gateway_ref ON customers (tenant_id, gateway_customer_ref)
      WHERE gateway_customer_ref IS NOT NULL;

    -- Invoices Stripe Billing issued (in_…): Stripe numbers, charges and retries them.
    ALTER TABLE invoices ADD COLUMN managed_by TEXT NOT NULL DEFAULT 'tollgate'
      CHECK (managed_by IN ('tollgate', 'stripe'));
    ALTER TABLE invoices ADD COLUMN gateway_ref TEXT;
    CREATE UNIQUE INDEX invoices_gateway_ref ON invoices (tenant_id, gateway_ref) WHERE gateway_ref IS NOT NULL;

    -- One run of the import of a tenant's Stripe subscriptions and invoices, with its progress.
    CREATE TABLE stripe_imports (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
      -- The last subscription of the last page done: where a resumed run continues.
      cursor TEXT,
      pages INTEGER NOT NULL DEFAULT 0,
      subscriptions INTEGER NOT NULL DEFAULT 0,
      invoices INTEGER NOT NULL DEFAULT 0,
      errors INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      requested_by TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      finished_at INTEGER,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX stripe_imports_tenant ON stripe_imports (tenant_id, started_at);
    -- At most one running import per tenant.
    CREATE UNIQUE INDEX stripe_imports_running ON stripe_imports (tenant_id) WHERE status = 'running';

    -- Staff actions sent to Stripe for a Stripe-managed subscription, until the snapshot
    -- that shows them done is applied (the console says "waiting for Stripe" meanwhile).
    CREATE TABLE stripe_subscription_requests (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
      action TEXT NOT NULL CHECK (action IN ('cancel_now', 'cancel_at_period_end', 'undo_cancel',
        'pause_collection', 'resume_collection', 'change_price')),
      params TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'confirmed')),
      error TEXT,
      requested_by TEXT NOT NULL,
      requested_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX stripe_subscription_requests_open ON stripe_subscription_requests
      (tenant_id, subscription_id, status, requested_at);
  `,
  postgres: /* sql */ `
    CREATE TABLE stripe_object_versions (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      object_id TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (tenant_id, object_id)
    );

    ALTER TABLE products ADD COLUMN gateway_ref TEXT;
    ALTER TABLE plans ADD COLUMN gateway_ref TEXT;
    ALTER TABLE prices ADD COLUMN gateway_ref TEXT;
    CREATE UNIQUE INDEX products_gateway_ref ON products (tenant_id, gateway_ref) WHERE gateway_ref IS NOT NULL;
    CREATE UNIQUE INDEX plans_gateway_ref ON plans (tenant_id, gateway_ref) WHERE gateway_ref IS NOT NULL;
    CREATE UNIQUE INDEX prices_gateway_ref ON prices (tenant_id, gateway_ref) WHERE gateway_ref IS NOT NULL;
    CREATE UNIQUE INDEX subscriptions_gateway_ref ON subscriptions (tenant_id, gateway_ref)
      WHERE gateway_ref IS NOT NULL;
    CREATE INDEX customers_gateway_ref ON customers (tenant_id, gateway_customer_ref)
      WHERE gateway_customer_ref IS NOT NULL;

    ALTER TABLE invoices ADD COLUMN managed_by TEXT NOT NULL DEFAULT 'tollgate'
      CHECK (managed_by IN ('tollgate', 'stripe'));
    ALTER TABLE invoices ADD COLUMN gateway_ref TEXT;
    CREATE UNIQUE INDEX invoices_gateway_ref ON invoices (tenant_id, gateway_ref) WHERE gateway_ref IS NOT NULL;

    CREATE TABLE stripe_imports (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
      cursor TEXT,
      pages BIGINT NOT NULL DEFAULT 0,
      subscriptions BIGINT NOT NULL DEFAULT 0,
      invoices BIGINT NOT NULL DEFAULT 0,
      errors BIGINT NOT NULL DEFAULT 0,
      last_error TEXT,
      requested_by TEXT NOT NULL,
      started_at BIGINT NOT NULL,
      finished_at BIGINT,
      updated_at BIGINT NOT NULL
    );
    CREATE INDEX stripe_imports_tenant ON stripe_imports (tenant_id, started_at);
    CREATE UNIQUE INDEX stripe_imports_running ON stripe_imports (tenant_id) WHERE status = 'running';

    CREATE TABLE stripe_subscription_requests (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
      action TEXT NOT NULL CHECK (action IN ('cancel_now', 'cancel_at_period_end', 'undo_cancel',
        'pause_collection', 'resume_collection', 'change_price')),
      params TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'confirmed')),
      error TEXT,
      requested_by TEXT NOT NULL,
      requested_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE INDEX stripe_subscription_requests_open ON stripe_subscription_requests
      (tenant_id, subscription_id, status, requested_at);
  `,
};
