import type { Migration } from './types';

/**
 * An index for pull's account rule (server/sync/reach.ts accountRows): a tenant admin's replica
 * holds the users who are members of its tenants, `pk IN (SELECT user_id FROM memberships WHERE
 * tenant_id IN (…))`, asked on every page and every progress count. memberships was indexed by
 * user only, so both databases read every membership of every tenant for it: on PostgreSQL, at
 * 20,000 tenants and 60,000 memberships, a 26 ms sequential scan per query (EXPLAIN ANALYZE,
 * a shared and loaded machine) that this index answers in 0.1 ms (an index-only scan).
 * `user_id` rides along so the subquery never reads the table.
 */
export const syncPullIndexes: Migration = {
  version: 19,
  name: 'sync_pull_indexes',
  sql: /* sql */ `
    CREATE INDEX memberships_tenant_user ON memberships (tenant_id, user_id);
  `,
  postgres: /* sql */ `
    CREATE INDEX memberships_tenant_user ON memberships (tenant_id, user_id);
  `,
};
