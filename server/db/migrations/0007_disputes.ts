import type { Migration } from './types';

/** Disputes opened against payments (charge.dispute.created), and what else the payment-side Stripe events need. */
export const disputes: Migration = {
  version: 7,
  name: 'disputes',
  sql: /* sql */ `
    -- A cardholder's dispute (chargeback) of one of our payments, as Stripe reported it.
    -- status and reason are Stripe's words, kept as text: Stripe adds values over time, and
    -- refusing an unknown one would dead-letter the event that carries it.
    CREATE TABLE disputes (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      payment_id TEXT NOT NULL REFERENCES payments (id),
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      amount INTEGER NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      reason TEXT NOT NULL,
      status TEXT NOT NULL,
      -- Stripe's dispute id (du_…/dp_…): one row per dispute however often it is reported.
      gateway_ref TEXT NOT NULL,
      -- When Stripe opened it, in ms.
      opened_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX disputes_ref ON disputes (tenant_id, gateway_ref);
    CREATE INDEX disputes_invoice ON disputes (tenant_id, invoice_id, opened_at);
    CREATE INDEX disputes_payment ON disputes (tenant_id, payment_id);

    -- Stripe's events name a payment by its PaymentIntent; finding it must not scan the tenant's payments.
    CREATE INDEX payments_gateway_ref ON payments (tenant_id, gateway_ref) WHERE gateway_ref IS NOT NULL;
  `,
  postgres: /* sql */ `
    CREATE TABLE disputes (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      payment_id TEXT NOT NULL REFERENCES payments (id),
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      amount BIGINT NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      reason TEXT NOT NULL,
      status TEXT NOT NULL,
      gateway_ref TEXT NOT NULL,
      opened_at BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE UNIQUE INDEX disputes_ref ON disputes (tenant_id, gateway_ref);
    CREATE INDEX disputes_invoice ON disputes (tenant_id, invoice_id, opened_at);
    CREATE INDEX disputes_payment ON disputes (tenant_id, payment_id);

    CREATE INDEX payments_gateway_ref ON payments (tenant_id, gateway_ref) WHERE gateway_ref IS NOT NULL;
  `,
};
