import type { Migration } from './types';

/** Sync between the hosted server and desktop replicas: the row log pulled by replicas, applied mutations per client, the replica outbox. */
export const sync: Migration = {
  version: 10,
  name: 'sync',
  sql: /* sql */ `
    SELECT 1;
  `,
};
