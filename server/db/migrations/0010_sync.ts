import { PROVISIONAL_SEQ, pgRowJson, pgSyncBackfill, pgSyncTriggers, pgTrigger } from './pg-sync-triggers';
import type { Migration } from './types';

/**
 * A table replicas receive: its columns as of this migration (frozen: a later migration that
 * adds a column re-creates that table's triggers), its key, and which tenant a row belongs to.
 */
interface ReplicatedTable {
  name: string;
  key: readonly string[];
  columns: readonly string[];
  /** SQL over the row alias (NEW/OLD) naming the row's tenant; NULL for platform-level rows. */
  tenant: (row: string) => string;
}

const byTenantId = (row: string) => `${row}.tenant_id`;

const TENANT_TABLES: Record<string, string> = {
  customers:
    'id tenant_id name sort_name email country company notes status version created_at updated_at archived_at test_clock_id gateway_customer_ref default_payment_method_id',
  features: 'tenant_id key name kind description created_at',
  products: 'id tenant_id name description status created_at updated_at gateway_ref',
  plans:
    'id tenant_id product_id name description status sort_order is_default version created_at updated_at gateway_ref',
  plan_features: 'tenant_id plan_id feature_key value',
  prices: 'id tenant_id plan_id amount currency interval trial_days status created_at updated_at gateway_ref',
  test_clocks: 'id tenant_id name now created_at updated_at',
  payment_methods:
    'id tenant_id customer_id gateway gateway_ref brand last4 exp_month exp_year status created_at detached_at',
  balance_transactions: 'id tenant_id customer_id amount currency kind invoice_id description created_at',
  subscriptions:
    'id tenant_id customer_id plan_id price_id quantity currency status billing_anchor current_period_start current_period_end trial_start trial_end trial_end_behavior cancel_at_period_end canceled_at ended_at paused_at resume_at pending_price_id pending_quantity payment_method_id managed_by gateway_ref version created_at updated_at',
  invoices:
    'id tenant_id customer_id subscription_id number status billing_reason currency subtotal credit_applied total amount_due amount_paid amount_refunded period_start period_end attempt_count next_attempt_at finalized_at paid_at voided_at uncollectible_at created_at updated_at managed_by gateway_ref',
  invoice_lines:
    'id tenant_id invoice_id position kind description price_id quantity unit_amount amount period_start period_end',
  payments:
    'id tenant_id customer_id invoice_id payment_method_id amount currency status idempotency_key gateway gateway_ref failure_code failure_message amount_refunded attempt_number created_at updated_at',
  refunds:
    'id tenant_id payment_id invoice_id customer_id amount currency reason status idempotency_key gateway_ref failure_message created_at updated_at',
  billing_events: 'id tenant_id type customer_id subject_id data occurred_at',
  recovery_policies:
    'tenant_id retry_base_hours backoff_factor max_attempts grace_days final_action updated_at',
  invoice_recoveries:
    'invoice_id tenant_id customer_id subscription_id started_at failed_amount currency attempts next_attempt_at grace_ends_at last_failure_code status recovered_at recovered_amount recovered_attempt ended_at created_at updated_at',
  recovery_pauses: 'tenant_id customer_id paused_at paused_by',
  email_outbox:
    'id tenant_id customer_id source_event_id template recipient from_name from_address reply_to subject html text status attempts next_attempt_at last_error message_id created_at sent_at updated_at',
  email_settings: 'tenant_id sender_name from_address reply_to brand_color footer_text version updated_at',
  stripe_imports:
    'id tenant_id status cursor pages subscriptions invoices errors last_error requested_by started_at finished_at updated_at',
  stripe_subscription_requests:
    'id tenant_id subscription_id action params idempotency_key status error requested_by requested_at updated_at',
  disputes:
    'id tenant_id payment_id invoice_id customer_id amount currency reason status gateway_ref opened_at created_at updated_at',
  audit_log:
    'id tenant_id actor_id actor_name client action entity_type entity_id before after at seq prev_hash hash',
};

const KEYS: Record<string, readonly string[]> = {
  features: ['tenant_id', 'key'],
  plan_features: ['plan_id', 'feature_key'],
  recovery_policies: ['tenant_id'],
  invoice_recoveries: ['invoice_id'],
  recovery_pauses: ['tenant_id', 'customer_id'],
  email_settings: ['tenant_id'],
};

const USERS_COLUMNS = ['id', 'email', 'name', 'created_at'];

/**
 * Every table a replica receives, as of version 10. Left out on purpose: secrets and accounts
 * (user_credentials, sessions, api_keys, invitations, stripe_webhook_endpoints), the authority's
 * machinery (jobs, sandbox_*, stripe_events and their attempts and cursors, stripe_object_versions,
 * notification_cursors, invoice_sequences, change_log, settings) and derived data (list_counts,
 * customers_fts), which a replica's own triggers keep.
 */
export const REPLICATED_TABLES_V10: readonly ReplicatedTable[] = [
  {
    name: 'tenants',
    key: ['id'],
    columns: ['id', 'name', 'slug', 'status', 'created_at'],
    tenant: (r) => `${r}.id`,
  },
  // A user belongs to no single tenant: pull sends one to whoever shares a tenant with them.
  { name: 'users', key: ['id'], columns: USERS_COLUMNS, tenant: () => 'NULL' },
  {
    name: 'memberships',
    key: ['id'],
    columns: ['id', 'user_id', 'tenant_id', 'role', 'created_at'],
    tenant: byTenantId,
  },
  ...Object.entries(TENANT_TABLES).map(([name, columns]) => ({
    name,
    key: KEYS[name] ?? ['id'],
    columns: columns.split(' '),
    tenant: byTenantId,
  })),
  {
    name: 'audit_chain_heads',
    key: ['chain'],
    columns: ['chain', 'seq', 'hash'],
    tenant: (r) => `NULLIF(${r}.chain, '')`,
  },
];

function keyOf(table: ReplicatedTable, row: string): string {
  return table.key.length === 1
    ? `CAST(${row}.${table.key[0]} AS TEXT)`
    : `json_array(${table.key.map((k) => `${row}.${k}`).join(', ')})`;
}

function rowJson(columns: readonly string[], row: string): string {
  return `json_object(${columns.map((c) => `'${c}', ${row}.${c}`).join(', ')})`;
}

/** Logs one row's newest state (or its deletion) under the next sequence number. */
function logRow(table: ReplicatedTable, row: 'NEW' | 'OLD', op: 'upsert' | 'delete'): string {
  return `
      UPDATE sync_counter SET seq = seq + 1;
      INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
      VALUES ('${table.name}', ${keyOf(table, row)}, ${table.tenant(row)}, (SELECT seq FROM sync_counter), '${op}',
        ${op === 'upsert' ? rowJson(table.columns, row) : 'NULL'})
      ON CONFLICT (tbl, pk) DO UPDATE SET
        seq = excluded.seq, op = excluded.op, row = excluded.row, tenant_id = excluded.tenant_id;`;
}

function triggersFor(table: ReplicatedTable): string {
  return `
    CREATE TRIGGER sync_${table.name}_insert AFTER INSERT ON ${table.name} BEGIN${logRow(table, 'NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_${table.name}_update AFTER UPDATE ON ${table.name} BEGIN${logRow(table, 'NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_${table.name}_delete AFTER DELETE ON ${table.name} BEGIN${logRow(table, 'OLD', 'delete')}
    END;`;
}

/** Rows written before the triggers existed join the log once, so replicas receive them too. */
function backfill(table: ReplicatedTable): string {
  return `
    INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
      SELECT '${table.name}', ${keyOf(table, 't')}, ${table.tenant('t')},
        (SELECT seq FROM sync_counter) + row_number() OVER (ORDER BY t.rowid), 'upsert', ${rowJson(table.columns, 't')}
      FROM ${table.name} AS t;
    UPDATE sync_counter SET seq = (SELECT ifnull(max(seq), 0) FROM sync_rows);`;
}

/** A user who joins a tenant must reach that tenant's replicas, even if their row is older than their cursor. */
const RELOG_USER_ON_JOIN = `
    CREATE TRIGGER sync_users_relog_on_membership AFTER INSERT ON memberships BEGIN
      UPDATE sync_counter SET seq = seq + 1;
      INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
        SELECT 'users', u.id, NULL, (SELECT seq FROM sync_counter), 'upsert', ${rowJson(USERS_COLUMNS, 'u')}
        FROM users AS u WHERE u.id = NEW.user_id
      ON CONFLICT (tbl, pk) DO UPDATE SET seq = excluded.seq, op = excluded.op, row = excluded.row;
    END;`;

/** PostgreSQL's form of the relog (provisional seq, as every PG row-log trigger: pg-sync-triggers.ts). */
const RELOG_USER_ON_JOIN_PG = pgTrigger({
  name: 'sync_users_relog_on_membership',
  timing: 'AFTER INSERT',
  table: 'memberships',
  body: `
      INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
        SELECT 'users', u.id, NULL, ${PROVISIONAL_SEQ}, 'upsert', ${pgRowJson(USERS_COLUMNS, 'u')}::text
        FROM users AS u WHERE u.id = NEW.user_id
      ON CONFLICT (tbl, pk) DO UPDATE SET seq = excluded.seq, op = excluded.op, row = excluded.row;`,
});

/**
 * Sync between the hosted server and desktop replicas: the row log pulled by replicas
 * (newest state per row, written by triggers on every replicated table, so commands, jobs and
 * bulk loads alike are captured), the applied mutations per client, and — on a desktop's
 * replica — the outbox of commands waiting for the server and the replica's own state.
 */
export const sync: Migration = {
  version: 10,
  name: 'sync',
  sql: /* sql */ `
    CREATE TABLE sync_counter (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      seq INTEGER NOT NULL
    ) STRICT;
    INSERT INTO sync_counter (id, seq) VALUES (1, 0);

    -- One row per replicated row: its newest state and the sequence number of its last change.
    CREATE TABLE sync_rows (
      tbl TEXT NOT NULL,
      pk TEXT NOT NULL,
      tenant_id TEXT,
      seq INTEGER NOT NULL UNIQUE,
      op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
      row TEXT,
      PRIMARY KEY (tbl, pk)
    ) STRICT;
    CREATE INDEX sync_rows_tenant_seq ON sync_rows (tenant_id, seq);

    -- The last mutation applied for each client, written in that mutation's own transaction.
    CREATE TABLE sync_clients (
      client_id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      last_mutation_id INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    -- What each pushed mutation came to, kept so a client that lost the answer can ask again.
    CREATE TABLE sync_mutations (
      client_id TEXT NOT NULL,
      mutation_id INTEGER NOT NULL,
      path TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
      result TEXT,
      error_code TEXT,
      error_message TEXT,
      applied_at INTEGER NOT NULL,
      PRIMARY KEY (client_id, mutation_id)
    ) STRICT;

    -- On a desktop's replica: commands made while connected, in order, until the server answers.
    CREATE TABLE sync_outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      tenant_id TEXT NOT NULL,
      path TEXT NOT NULL,
      input TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'error')),
      result TEXT,
      error_code TEXT,
      error_message TEXT,
      created_at INTEGER NOT NULL,
      settled_at INTEGER
    ) STRICT;
    CREATE INDEX sync_outbox_status ON sync_outbox (status, id);

    -- On a desktop's replica: its client id, pull cursor, scope and last sync time.
    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
    ${REPLICATED_TABLES_V10.map(backfill).join('\n')}
    ${REPLICATED_TABLES_V10.map(triggersFor).join('\n')}
    ${RELOG_USER_ON_JOIN}
  `,
  // PostgreSQL: the same tables; triggers write provisional (negative) seqs from
  // sync_provisional and leave sync_counter to the server's sequencer (pg-sync-triggers.ts).
  postgres: /* sql */ `
    CREATE TABLE sync_counter (
      id BIGINT PRIMARY KEY CHECK (id = 1),
      seq BIGINT NOT NULL
    );
    INSERT INTO sync_counter (id, seq) VALUES (1, 0);
    -- Provisional seqs of uncommitted changes, stored negated until the sequencer numbers them.
    CREATE SEQUENCE sync_provisional;

    CREATE TABLE sync_rows (
      tbl TEXT NOT NULL,
      pk TEXT NOT NULL,
      tenant_id TEXT,
      seq BIGINT NOT NULL UNIQUE,
      op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
      row TEXT,
      PRIMARY KEY (tbl, pk)
    );
    CREATE INDEX sync_rows_tenant_seq ON sync_rows (tenant_id, seq);

    CREATE TABLE sync_clients (
      client_id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      last_mutation_id BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );

    CREATE TABLE sync_mutations (
      client_id TEXT NOT NULL,
      mutation_id BIGINT NOT NULL,
      path TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
      result TEXT,
      error_code TEXT,
      error_message TEXT,
      applied_at BIGINT NOT NULL,
      PRIMARY KEY (client_id, mutation_id)
    );

    CREATE TABLE sync_outbox (
      id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      tenant_id TEXT NOT NULL,
      path TEXT NOT NULL,
      input TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'error')),
      result TEXT,
      error_code TEXT,
      error_message TEXT,
      created_at BIGINT NOT NULL,
      settled_at BIGINT
    );
    CREATE INDEX sync_outbox_status ON sync_outbox (status, id);

    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    ${REPLICATED_TABLES_V10.map(pgSyncBackfill).join('\n')}
    ${REPLICATED_TABLES_V10.map(pgSyncTriggers).join('\n')}
    ${RELOG_USER_ON_JOIN_PG}
  `,
};
