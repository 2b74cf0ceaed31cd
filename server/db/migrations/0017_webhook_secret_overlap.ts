import type { Migration } from './types';

/**
 * Outgoing webhooks, second step: an endpoint may have more than one live signing secret
 * (rolling a secret keeps the old one signing until it expires, as Stripe's "roll secret"
 * does), and a daily job per workspace prunes the delivery log after 30 days.
 *
 * webhook_secrets is rebuilt keyed by its own id (it was keyed by the endpoint): same rows,
 * each live until `expires_at` (NULL: the current secret). Nothing references it and it is
 * not replicated, so no row-log triggers move with it.
 *
 * Workspaces that already have endpoints get their first prune job here; from then on the
 * job schedules its next run itself (server/modules/webhooks/retention.ts).
 */
export const webhookSecretOverlap: Migration = {
  version: 17,
  name: 'webhook_secret_overlap',
  sql: /* sql */ `
    CREATE TABLE webhook_secrets_rebuilt (
      id TEXT PRIMARY KEY,
      endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id),
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      secret TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      -- NULL for the current secret; an older one signs too until then
      expires_at INTEGER
    ) STRICT;
    INSERT INTO webhook_secrets_rebuilt (id, endpoint_id, tenant_id, secret, created_at, expires_at)
      SELECT 'whs_' || substr(endpoint_id, 4), endpoint_id, tenant_id, secret, created_at, NULL
      FROM webhook_secrets ORDER BY rowid;
    DROP TABLE webhook_secrets;
    ALTER TABLE webhook_secrets_rebuilt RENAME TO webhook_secrets;
    CREATE INDEX webhook_secrets_endpoint ON webhook_secrets (endpoint_id, created_at);

    -- The retention prune reads attempts and finished deliveries by age.
    CREATE INDEX webhook_attempts_age ON webhook_attempts (at);
    CREATE INDEX webhook_deliveries_age ON webhook_deliveries (created_at);

    INSERT INTO jobs (id, tenant_id, kind, run_at, payload, status, dedupe_key, test_clock_id, created_at, updated_at)
      SELECT 'job_' || upper(hex(randomblob(13))), t.tenant_id, 'webhooks.prune', t.now, '{}', 'pending',
        'webhooks.prune:' || t.tenant_id || ':' || (t.now / 86400000), NULL, t.now, t.now
      FROM (SELECT DISTINCT tenant_id, CAST(strftime('%s', 'now') AS INTEGER) * 1000 AS now
            FROM webhook_endpoints) AS t
      WHERE true
      ON CONFLICT (dedupe_key) DO NOTHING;
  `,
};
