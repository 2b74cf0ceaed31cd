import type { Migration } from './types';

/**
 * No query reads mrr_movements by subscription (the drill-down goes by month, the derivation by
 * customer), yet every movement written kept mrr_movements_subscription up to date: one more
 * b-tree page written by every subscription command that moves MRR and 300,000 more index
 * entries in a rebuild from nothing at 100,000 subscriptions (decision 162). It goes.
 */
const drop = `
    DROP INDEX mrr_movements_subscription;
`;

export const movementsBySubscription: Migration = {
  version: 34,
  name: 'movements_by_subscription',
  sql: drop,
  postgres: drop,
};
