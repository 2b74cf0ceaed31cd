import { REPLICATED_TABLES_V15, type WebhookReplicatedTable } from './0015_webhooks';
import { byTenantId, pgSyncTriggers } from './pg-sync-triggers';
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
 * The endpoint row carries the older secrets' hints and expiries (`expiring_secrets`, JSON,
 * NULL for none) so the console on a replica, which never receives secrets, can show them:
 * its row-log triggers are made again with the new column (as migration 0015 wrote them).
 *
 * Workspaces that already have endpoints get their first prune job here; from then on the
 * job schedules its next run itself (server/modules/webhooks/retention.ts).
 */
const V15_ENDPOINTS = REPLICATED_TABLES_V15.find((t) => t.name === 'webhook_endpoints');
if (!V15_ENDPOINTS) throw new Error('migration 0015 replicates webhook_endpoints');

/** webhook_endpoints as replicas receive it from this migration on. */
export const WEBHOOK_ENDPOINTS_V17: WebhookReplicatedTable = {
  ...V15_ENDPOINTS,
  columns: [...V15_ENDPOINTS.columns, 'expiring_secrets'],
};

const rowJson = (columns: readonly string[], row: string) =>
  `json_object(${columns.map((c) => `'${c}', ${row}.${c}`).join(', ')})`;

function endpointRowLog(row: 'NEW' | 'OLD', op: 'upsert' | 'delete'): string {
  const { name, columns } = WEBHOOK_ENDPOINTS_V17;
  return `
      UPDATE sync_counter SET seq = seq + 1;
      INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
      VALUES ('${name}', CAST(${row}.id AS TEXT), ${row}.tenant_id, (SELECT seq FROM sync_counter), '${op}',
        ${op === 'upsert' ? rowJson(columns, row) : 'NULL'})
      ON CONFLICT (tbl, pk) DO UPDATE SET
        seq = excluded.seq, op = excluded.op, row = excluded.row, tenant_id = excluded.tenant_id;`;
}

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

    ALTER TABLE webhook_endpoints ADD COLUMN expiring_secrets TEXT;
    DROP TRIGGER sync_webhook_endpoints_insert;
    DROP TRIGGER sync_webhook_endpoints_update;
    DROP TRIGGER sync_webhook_endpoints_delete;
    CREATE TRIGGER sync_webhook_endpoints_insert AFTER INSERT ON webhook_endpoints BEGIN${endpointRowLog('NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_webhook_endpoints_update AFTER UPDATE ON webhook_endpoints BEGIN${endpointRowLog('NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_webhook_endpoints_delete AFTER DELETE ON webhook_endpoints BEGIN${endpointRowLog('OLD', 'delete')}
    END;

    -- The retention prune reads a workspace's deliveries and events by age (event ids sort by
    -- time), and asks whether any delivery still references an event (so does a delete).
    CREATE INDEX webhook_deliveries_age ON webhook_deliveries (tenant_id, created_at);
    CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
    CREATE INDEX webhook_events_age ON webhook_events (tenant_id, id);

    INSERT INTO jobs (id, tenant_id, kind, run_at, payload, status, dedupe_key, test_clock_id, created_at, updated_at)
      SELECT 'job_' || upper(hex(randomblob(13))), t.tenant_id, 'webhooks.prune', t.now, '{}', 'pending',
        'webhooks.prune:' || t.tenant_id || ':' || (t.now / 86400000), NULL, t.now, t.now
      FROM (SELECT DISTINCT tenant_id, CAST(strftime('%s', 'now') AS INTEGER) * 1000 AS now
            FROM webhook_endpoints) AS t
      WHERE true
      ON CONFLICT (dedupe_key) DO NOTHING;
  `,
  // PostgreSQL re-keys webhook_secrets in place (same rows, ids as SQLite's rebuild gives them;
  // its primary key is the one 0015's form named) and replaces the endpoints' row-log triggers.
  postgres: /* sql */ `
    ALTER TABLE webhook_secrets ADD COLUMN id TEXT, ADD COLUMN expires_at BIGINT;
    UPDATE webhook_secrets SET id = 'whs_' || substr(endpoint_id, 4);
    ALTER TABLE webhook_secrets DROP CONSTRAINT webhook_secrets_pkey;
    ALTER TABLE webhook_secrets ALTER COLUMN id SET NOT NULL, ADD PRIMARY KEY (id);
    CREATE INDEX webhook_secrets_endpoint ON webhook_secrets (endpoint_id, created_at);

    ALTER TABLE webhook_endpoints ADD COLUMN expiring_secrets TEXT;
    ${pgSyncTriggers({ ...WEBHOOK_ENDPOINTS_V17, tenant: byTenantId })}

    CREATE INDEX webhook_deliveries_age ON webhook_deliveries (tenant_id, created_at);
    CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
    CREATE INDEX webhook_events_age ON webhook_events (tenant_id, id);

    -- 26 random hex digits, as SQLite's upper(hex(randomblob(13))); now in whole seconds, as strftime('%s').
    INSERT INTO jobs (id, tenant_id, kind, run_at, payload, status, dedupe_key, test_clock_id, created_at, updated_at)
      SELECT 'job_' || upper(substr(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 1, 26)),
        t.tenant_id, 'webhooks.prune', t.now, '{}', 'pending',
        'webhooks.prune:' || t.tenant_id || ':' || (t.now / 86400000), NULL, t.now, t.now
      FROM (SELECT DISTINCT tenant_id, floor(extract(epoch FROM now()))::bigint * 1000 AS now
            FROM webhook_endpoints) AS t
      ON CONFLICT (dedupe_key) DO NOTHING;
  `,
};
