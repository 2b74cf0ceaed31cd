import type { Migration } from './types';

/**
 * Indexes for the console's refund views. Whether an invoice is refunded is derived from its
 * amounts (`amount_refunded` against `amount_paid`), not stored, so nothing is backfilled;
 * the partial index keeps the list's refund filter paging over refunded invoices only, however
 * many are not (decision 5: an index per list view). A customer's refunds are read by customer.
 */
export const refundViews: Migration = {
  version: 11,
  name: 'refund_views',
  sql: `
    CREATE INDEX invoices_refunded ON invoices (tenant_id, created_at, id) WHERE amount_refunded > 0;
    CREATE INDEX refunds_customer ON refunds (tenant_id, customer_id, created_at, id);
  `,
  postgres: /* sql */ `
    CREATE INDEX invoices_refunded ON invoices (tenant_id, created_at, id) WHERE amount_refunded > 0;
    CREATE INDEX refunds_customer ON refunds (tenant_id, customer_id, created_at, id);
  `,
};
