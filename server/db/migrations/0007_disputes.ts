import type { Migration } from './types';

/** Disputes opened against payments (charge.dispute.created), and what else the payment-side Stripe events need. */
export const disputes: Migration = {
  version: 7,
  name: 'disputes',
  sql: /* sql */ `
    SELECT 1;
  `,
};
