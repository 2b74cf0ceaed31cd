import { pgTrigger } from './pg-sync-triggers';
import type { Migration } from './types';

/**
 * The Overview's reads at scale (docs/decisions.md, "The Overview reads roll-ups of mrr_monthly
 * kept by triggers"). mrr_monthly holds a row per currency, month, kind, plan, interval, source
 * and country: ~80,000 rows for 100,000 subscriptions over 24 months, and every Overview sums
 * all of them up to its last month. Two roll-ups sum it coarser, each a few thousand rows:
 *
 * - mrr_monthly_plans: per plan, interval and source (country summed): the unfiltered Overview
 *   and any plan / interval / source filter, alone or together;
 * - mrr_monthly_countries: per country (plan, interval and source summed): a country filter alone.
 *
 * A country filter with another filter reads mrr_monthly through mrr_monthly_by_country, which
 * carries every column the sums read (SQLite has no INCLUDE; PostgreSQL's index-only scan).
 *
 * Triggers on mrr_monthly keep both in its own transaction, on every database that holds
 * mrr_monthly — the server, a standalone desktop, and a replica that receives mrr_monthly's rows
 * from sync (which writes them directly). So the roll-ups are derived data like list_counts:
 * never replicated, never written by code. WITHOUT ROWID: the key's order is the table's, so a
 * read is one range of the primary key, with the sums beside it.
 */

interface Rollup {
  table: string;
  /** The roll-up's key after tenant_id: the grouped columns, then month, currency and kind. */
  key: readonly string[];
}

const ROLLUPS: readonly Rollup[] = [
  {
    table: 'mrr_monthly_plans',
    key: ['plan_id', 'interval', 'source', 'month', 'currency', 'kind'],
  },
  { table: 'mrr_monthly_countries', key: ['country', 'month', 'currency', 'kind'] },
];

const SUMS = ['amount', 'amount_reporting', 'movements', 'customers'] as const;

const columnsOf = (rollup: Rollup) => ['tenant_id', ...rollup.key, ...SUMS];

function createTable(rollup: Rollup, integer: 'INTEGER' | 'BIGINT', options: string): string {
  return `
    CREATE TABLE ${rollup.table} (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      ${rollup.key.map((column) => `${column} TEXT NOT NULL,`).join('\n      ')}
      ${SUMS.map((column) => `${column} ${integer} NOT NULL,`).join('\n      ')}
      PRIMARY KEY (tenant_id, ${rollup.key.join(', ')})
    )${options};`;
}

/** Adds `sign` × the row's sums to its bucket of the roll-up (creating it). */
function adjust(rollup: Rollup, row: 'NEW' | 'OLD', sign: '+' | '-'): string {
  const values = columnsOf(rollup).map((column) =>
    (SUMS as readonly string[]).includes(column) && sign === '-' ? `-${row}.${column}` : `${row}.${column}`,
  );
  return `
      INSERT INTO ${rollup.table} (${columnsOf(rollup).join(', ')}) VALUES (${values.join(', ')})
      ON CONFLICT (tenant_id, ${rollup.key.join(', ')}) DO UPDATE SET
        ${SUMS.map((c) => `${c} = ${rollup.table}.${c} + excluded.${c}`).join(', ')};`;
}

/** The same row changed in place (the key is unchanged): only the difference is added. */
function adjustByDifference(rollup: Rollup): string {
  const values = columnsOf(rollup).map((column) =>
    (SUMS as readonly string[]).includes(column) ? `NEW.${column} - OLD.${column}` : `NEW.${column}`,
  );
  return `
      INSERT INTO ${rollup.table} (${columnsOf(rollup).join(', ')}) VALUES (${values.join(', ')})
      ON CONFLICT (tenant_id, ${rollup.key.join(', ')}) DO UPDATE SET
        ${SUMS.map((c) => `${c} = ${rollup.table}.${c} + excluded.${c}`).join(', ')};`;
}

/** A bucket no movement is left in is removed, as mrr_monthly's are (sums.ts). */
function dropEmpty(rollup: Rollup): string {
  return `
      DELETE FROM ${rollup.table} WHERE tenant_id = OLD.tenant_id
        AND ${rollup.key.map((column) => `${column} = OLD.${column}`).join(' AND ')} AND movements = 0;`;
}

const MONTHLY_KEY = ['tenant_id', 'currency', 'month', 'kind', 'plan_id', 'interval', 'source', 'country'];
const sameKey = MONTHLY_KEY.map((column) => `NEW.${column} = OLD.${column}`).join(' AND ');

/** Each trigger's body, by name: what it adds, for a dialect to wrap. */
const BODIES = {
  mrr_monthly_rollup_insert: ROLLUPS.map((r) => adjust(r, 'NEW', '+')).join(''),
  mrr_monthly_rollup_update: ROLLUPS.map(adjustByDifference).join(''),
  mrr_monthly_rollup_rekey: ROLLUPS.map(
    (r) => adjust(r, 'OLD', '-') + dropEmpty(r) + adjust(r, 'NEW', '+'),
  ).join(''),
  mrr_monthly_rollup_delete: ROLLUPS.map((r) => adjust(r, 'OLD', '-') + dropEmpty(r)).join(''),
};

const TRIGGERS: readonly { name: keyof typeof BODIES; timing: string; when?: string }[] = [
  { name: 'mrr_monthly_rollup_insert', timing: 'AFTER INSERT' },
  { name: 'mrr_monthly_rollup_update', timing: 'AFTER UPDATE', when: sameKey },
  { name: 'mrr_monthly_rollup_rekey', timing: 'AFTER UPDATE', when: `NOT (${sameKey})` },
  { name: 'mrr_monthly_rollup_delete', timing: 'AFTER DELETE' },
];

/** The roll-ups of the rows already there (a database upgraded with its history in place). */
function backfill(rollup: Rollup): string {
  return `
    INSERT INTO ${rollup.table} (${columnsOf(rollup).join(', ')})
      SELECT tenant_id, ${rollup.key.join(', ')}, ${SUMS.map((c) => `sum(${c})`).join(', ')}
      FROM mrr_monthly GROUP BY tenant_id, ${rollup.key.join(', ')};`;
}

const BY_COUNTRY_KEY = 'tenant_id, country, month';
const BY_COUNTRY_CARRIED = 'currency, kind, plan_id, interval, source, amount, amount_reporting, customers';

export const overviewRollups: Migration = {
  version: 28,
  name: 'overview_rollups',
  sql: /* sql */ `
    ${ROLLUPS.map((r) => createTable(r, 'INTEGER', ' STRICT, WITHOUT ROWID')).join('\n')}
    ${ROLLUPS.map(backfill).join('\n')}
    ${TRIGGERS.map(
      ({ name, timing, when }) => `
    CREATE TRIGGER ${name} ${timing} ON mrr_monthly${when ? ` WHEN ${when}` : ''} BEGIN${BODIES[name]}
    END;`,
    ).join('\n')}
    CREATE INDEX mrr_monthly_by_country ON mrr_monthly (${BY_COUNTRY_KEY}, ${BY_COUNTRY_CARRIED});
  `,
  postgres: /* sql */ `
    ${ROLLUPS.map((r) => createTable(r, 'BIGINT', '')).join('\n')}
    ${ROLLUPS.map(backfill).join('\n')}
    ${TRIGGERS.map(({ name, timing, when }) =>
      pgTrigger({ name, timing, table: 'mrr_monthly', when, body: BODIES[name] }),
    ).join('\n')}
    CREATE INDEX mrr_monthly_by_country ON mrr_monthly (${BY_COUNTRY_KEY}) INCLUDE (${BY_COUNTRY_CARRIED});
  `,
};
