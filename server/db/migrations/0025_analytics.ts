import { byTenantId, pgSyncTriggers } from './pg-sync-triggers';
import type { Migration } from './types';

/** A table replicas receive from this migration on: its key (in primary-key order) and frozen columns. */
export interface AnalyticsReplicatedTable {
  name: string;
  key: readonly string[];
  columns: readonly string[];
}

/**
 * What desktops receive, so the Overview works offline from the replica: the movements, their
 * sums, the rates and the settings. The value states stay on the server (movements are derived
 * there only; docs/decisions.md, "MRR movements on replicas").
 */
export const REPLICATED_TABLES_V25: readonly AnalyticsReplicatedTable[] = [
  {
    name: 'mrr_movements',
    key: ['id'],
    columns:
      'id tenant_id customer_id subscription_id state_id kind currency amount amount_reporting subscription_mrr_before subscription_mrr_after customer_mrr_before customer_mrr_after customer_delta effective_at month cohort plan_id interval source country cause_type cause_id'.split(
        ' ',
      ),
  },
  {
    name: 'mrr_monthly',
    key: ['tenant_id', 'currency', 'month', 'kind', 'plan_id', 'interval', 'source', 'country'],
    columns:
      'tenant_id currency month kind plan_id interval source country amount amount_reporting movements customers'.split(
        ' ',
      ),
  },
  {
    name: 'mrr_cohorts',
    key: ['tenant_id', 'currency', 'cohort', 'month'],
    columns: 'tenant_id currency cohort month amount amount_reporting customers movements'.split(' '),
  },
  {
    name: 'fx_rates',
    key: ['tenant_id', 'base_currency', 'quote_currency', 'day'],
    columns: 'tenant_id base_currency quote_currency day rate source updated_at'.split(' '),
  },
  {
    name: 'analytics_settings',
    key: ['tenant_id'],
    columns:
      'tenant_id reporting_currency past_due_churn_days finance_pack_recipients rebuild_status rebuild_done rebuild_total rebuild_error rebuilt_at rebuild_differences version updated_at'.split(
        ' ',
      ),
  },
];

/** A row's key as the row log writes it: the text of a one-column key, else a JSON array (migration 0010). */
const keyOf = (table: AnalyticsReplicatedTable, row: string) =>
  table.key.length === 1
    ? `CAST(${row}.${table.key[0]} AS TEXT)`
    : `json_array(${table.key.map((k) => `${row}.${k}`).join(', ')})`;

const rowJson = (columns: readonly string[], row: string) =>
  `json_object(${columns.map((c) => `'${c}', ${row}.${c}`).join(', ')})`;

/** The row log's triggers on SQLite (as migrations 0010 and 0015 write them). */
function syncTriggers(table: AnalyticsReplicatedTable): string {
  const log = (row: 'NEW' | 'OLD', op: 'upsert' | 'delete') => `
      UPDATE sync_counter SET seq = seq + 1;
      INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
      VALUES ('${table.name}', ${keyOf(table, row)}, ${row}.tenant_id, (SELECT seq FROM sync_counter), '${op}',
        ${op === 'upsert' ? rowJson(table.columns, row) : 'NULL'})
      ON CONFLICT (tbl, pk) DO UPDATE SET
        seq = excluded.seq, op = excluded.op, row = excluded.row, tenant_id = excluded.tenant_id;`;
  return `
    CREATE TRIGGER sync_${table.name}_insert AFTER INSERT ON ${table.name} BEGIN${log('NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_${table.name}_update AFTER UPDATE ON ${table.name} BEGIN${log('NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_${table.name}_delete AFTER DELETE ON ${table.name} BEGIN${log('OLD', 'delete')}
    END;`;
}

/**
 * Revenue analytics (server/modules/analytics owns every table here; docs/analytics.md defines
 * each figure).
 *
 * - mrr_states: the history movements are derived from — one row each time a subscription's
 *   recurring value or the facts that classify it (status, plan, price, quantity, past-due
 *   start) change, written in the same transaction as the subscription. `mrr` is the
 *   subscription's value under the base rules (minor units per month); the workspace's
 *   past-due setting is applied when movements are derived, so a changed setting rebuilds
 *   movements without rewriting history. `seq` orders states of equal `effective_at`.
 * - mrr_movements: new / expansion / contraction / churn / reactivation, per customer and
 *   currency, derived from the states (a full rebuild writes exactly the same rows). A plan or
 *   interval change is written as two legs of the same kind (leaving the old plan, entering the
 *   new) so that segment filters by plan reconcile; `amount` is the leg's signed change.
 *   `amount_reporting` is `amount` at the reporting currency's rate of the movement's day
 *   (null while that day has no rate).
 * - mrr_monthly / mrr_cohorts: sums of movements kept with them, so the Overview reads a few
 *   hundred rows instead of every movement. `customers` sums +1 (new, reactivation) and −1
 *   (churn); `movements` counts the rows summed (a bucket that falls to 0 is deleted, so the
 *   sums hold exactly the rows a rebuild from nothing would).
 * - fx_rates: the workspace's exchange rates, entered or imported from CSV; `rate` is a
 *   decimal string, units of `quote_currency` per unit of `base_currency`.
 * - analytics_settings: reporting currency, the past-due churn setting, the finance pack's
 *   recipients, and the background rebuild's progress (`rebuild_differences`: the movement rows
 *   the last rebuild found different from its derivation and rewrote; 0 expected).
 */
export const analytics: Migration = {
  version: 25,
  name: 'analytics',
  sql: /* sql */ `
    CREATE TABLE mrr_states (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      seq INTEGER NOT NULL,
      subscription_id TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      effective_at INTEGER NOT NULL,
      status TEXT NOT NULL,
      currency TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      price_id TEXT NOT NULL,
      interval TEXT NOT NULL,
      quantity INTEGER NOT NULL,
      mrr INTEGER NOT NULL,
      past_due_since INTEGER,
      source TEXT NOT NULL CHECK (source IN ('tollgate', 'stripe')),
      country TEXT NOT NULL,
      cause_type TEXT NOT NULL,
      cause_id TEXT,
      recorded_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX mrr_states_customer ON mrr_states (tenant_id, customer_id, effective_at, seq);
    CREATE INDEX mrr_states_subscription ON mrr_states (tenant_id, subscription_id, seq);

    CREATE TABLE mrr_movements (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL,
      subscription_id TEXT NOT NULL,
      state_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('new', 'expansion', 'contraction', 'churn', 'reactivation')),
      currency TEXT NOT NULL,
      amount INTEGER NOT NULL,
      amount_reporting INTEGER,
      subscription_mrr_before INTEGER NOT NULL,
      subscription_mrr_after INTEGER NOT NULL,
      customer_mrr_before INTEGER NOT NULL,
      customer_mrr_after INTEGER NOT NULL,
      customer_delta INTEGER NOT NULL,
      effective_at INTEGER NOT NULL,
      month TEXT NOT NULL,
      cohort TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      interval TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('tollgate', 'stripe')),
      country TEXT NOT NULL,
      cause_type TEXT NOT NULL,
      cause_id TEXT
    ) STRICT;
    CREATE INDEX mrr_movements_month ON mrr_movements (tenant_id, month, kind, effective_at, id);
    CREATE INDEX mrr_movements_customer ON mrr_movements (tenant_id, customer_id, effective_at);
    CREATE INDEX mrr_movements_subscription ON mrr_movements (tenant_id, subscription_id, effective_at);

    CREATE TABLE mrr_monthly (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      currency TEXT NOT NULL,
      month TEXT NOT NULL,
      kind TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      interval TEXT NOT NULL,
      source TEXT NOT NULL,
      country TEXT NOT NULL,
      amount INTEGER NOT NULL,
      amount_reporting INTEGER NOT NULL,
      movements INTEGER NOT NULL,
      customers INTEGER NOT NULL,
      PRIMARY KEY (tenant_id, currency, month, kind, plan_id, interval, source, country)
    ) STRICT;

    CREATE TABLE mrr_cohorts (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      currency TEXT NOT NULL,
      cohort TEXT NOT NULL,
      month TEXT NOT NULL,
      amount INTEGER NOT NULL,
      amount_reporting INTEGER NOT NULL,
      customers INTEGER NOT NULL,
      movements INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, currency, cohort, month)
    ) STRICT;

    CREATE TABLE fx_rates (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      base_currency TEXT NOT NULL,
      quote_currency TEXT NOT NULL,
      day TEXT NOT NULL,
      rate TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('entered', 'imported')),
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (tenant_id, base_currency, quote_currency, day)
    ) STRICT;

    CREATE TABLE analytics_settings (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      reporting_currency TEXT NOT NULL,
      past_due_churn_days INTEGER,
      finance_pack_recipients TEXT NOT NULL DEFAULT '[]',
      rebuild_status TEXT NOT NULL DEFAULT 'idle' CHECK (rebuild_status IN ('idle', 'running', 'failed')),
      rebuild_done INTEGER NOT NULL DEFAULT 0,
      rebuild_total INTEGER NOT NULL DEFAULT 0,
      rebuild_error TEXT,
      rebuilt_at INTEGER,
      rebuild_differences INTEGER,
      version INTEGER NOT NULL DEFAULT 1,
      updated_at INTEGER NOT NULL
    ) STRICT;

    ${REPLICATED_TABLES_V25.map(syncTriggers).join('\n')}
  `,
  postgres: /* sql */ `
    CREATE TABLE mrr_states (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      seq BIGINT NOT NULL,
      subscription_id TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      effective_at BIGINT NOT NULL,
      status TEXT NOT NULL,
      currency TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      price_id TEXT NOT NULL,
      interval TEXT NOT NULL,
      quantity BIGINT NOT NULL,
      mrr BIGINT NOT NULL,
      past_due_since BIGINT,
      source TEXT NOT NULL CHECK (source IN ('tollgate', 'stripe')),
      country TEXT NOT NULL,
      cause_type TEXT NOT NULL,
      cause_id TEXT,
      recorded_at BIGINT NOT NULL
    );
    CREATE INDEX mrr_states_customer ON mrr_states (tenant_id, customer_id, effective_at, seq);
    CREATE INDEX mrr_states_subscription ON mrr_states (tenant_id, subscription_id, seq);

    CREATE TABLE mrr_movements (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL,
      subscription_id TEXT NOT NULL,
      state_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('new', 'expansion', 'contraction', 'churn', 'reactivation')),
      currency TEXT NOT NULL,
      amount BIGINT NOT NULL,
      amount_reporting BIGINT,
      subscription_mrr_before BIGINT NOT NULL,
      subscription_mrr_after BIGINT NOT NULL,
      customer_mrr_before BIGINT NOT NULL,
      customer_mrr_after BIGINT NOT NULL,
      customer_delta BIGINT NOT NULL,
      effective_at BIGINT NOT NULL,
      month TEXT NOT NULL,
      cohort TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      interval TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('tollgate', 'stripe')),
      country TEXT NOT NULL,
      cause_type TEXT NOT NULL,
      cause_id TEXT
    );
    CREATE INDEX mrr_movements_month ON mrr_movements (tenant_id, month, kind, effective_at, id);
    CREATE INDEX mrr_movements_customer ON mrr_movements (tenant_id, customer_id, effective_at);
    CREATE INDEX mrr_movements_subscription ON mrr_movements (tenant_id, subscription_id, effective_at);

    CREATE TABLE mrr_monthly (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      currency TEXT NOT NULL,
      month TEXT NOT NULL,
      kind TEXT NOT NULL,
      plan_id TEXT NOT NULL,
      interval TEXT NOT NULL,
      source TEXT NOT NULL,
      country TEXT NOT NULL,
      amount BIGINT NOT NULL,
      amount_reporting BIGINT NOT NULL,
      movements BIGINT NOT NULL,
      customers BIGINT NOT NULL,
      PRIMARY KEY (tenant_id, currency, month, kind, plan_id, interval, source, country)
    );

    CREATE TABLE mrr_cohorts (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      currency TEXT NOT NULL,
      cohort TEXT NOT NULL,
      month TEXT NOT NULL,
      amount BIGINT NOT NULL,
      amount_reporting BIGINT NOT NULL,
      customers BIGINT NOT NULL,
      movements BIGINT NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, currency, cohort, month)
    );

    CREATE TABLE fx_rates (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      base_currency TEXT NOT NULL,
      quote_currency TEXT NOT NULL,
      day TEXT NOT NULL,
      rate TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('entered', 'imported')),
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (tenant_id, base_currency, quote_currency, day)
    );

    CREATE TABLE analytics_settings (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      reporting_currency TEXT NOT NULL,
      past_due_churn_days BIGINT,
      finance_pack_recipients TEXT NOT NULL DEFAULT '[]',
      rebuild_status TEXT NOT NULL DEFAULT 'idle' CHECK (rebuild_status IN ('idle', 'running', 'failed')),
      rebuild_done BIGINT NOT NULL DEFAULT 0,
      rebuild_total BIGINT NOT NULL DEFAULT 0,
      rebuild_error TEXT,
      rebuilt_at BIGINT,
      rebuild_differences BIGINT,
      version BIGINT NOT NULL DEFAULT 1,
      updated_at BIGINT NOT NULL
    );

    ${REPLICATED_TABLES_V25.map((table) => pgSyncTriggers({ ...table, tenant: byTenantId })).join('\n')}
  `,
};
