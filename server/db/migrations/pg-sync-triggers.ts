/**
 * The row log's triggers in PostgreSQL's SQL, generated from the same table lists as SQLite's
 * (migrations 0010, 0015, 0016, 0017), for the `postgres` forms of those migrations.
 *
 * What differs from SQLite (docs/decisions.md, "The sync row log on PostgreSQL"): a trigger
 * does not take `sync_counter.seq + 1`, which would make every writer of every instance wait
 * on one row, and a plain sequence would let pull skip a change that commits after a later
 * one. It stores a NEGATIVE provisional seq from `sync_provisional` instead: unique, never
 * seen by pull (which reads `seq > cursor >= 0`), until the server's sequencer (server/sync/)
 * gives committed rows their positive seq in commit order and keeps sync_counter. Everything
 * else — tbl, pk, tenant_id, op, the row as JSON text, newest state per row — is as on SQLite.
 */

/** A replicated table: its frozen columns, its key, and the SQL naming a row's tenant. */
export interface PgReplicatedTable {
  name: string;
  key: readonly string[];
  columns: readonly string[];
  /** SQL over the row alias (NEW/OLD/t) naming the row's tenant; `NULL` for platform-level rows. */
  tenant: (row: string) => string;
}

/** The tenant of a row of a table keyed by tenant_id, as most replicated tables are. */
export const byTenantId = (row: string) => `${row}.tenant_id`;

/**
 * A row's key in the row log's format: the key's text, or for a composite key a JSON array.
 * The array is written compactly (`["a","b"]`, as SQLite's json_array and the replica's
 * rowKeyOf's JSON.stringify write it), not with json_build_array's `["a", "b"]`: the replica
 * matches these keys as text against its own (server/sync/desktop/row-shape.ts).
 */
export function pgKeyOf(key: readonly string[], row: string): string {
  if (key.length === 1) return `CAST(${row}.${key[0]} AS TEXT)`;
  const parts = key.map((k) => `coalesce(to_json(${row}.${k})::text, 'null')`);
  return `('[' || ${parts.join(` || ',' || `)} || ']')`;
}

/** A row as a JSON object of all its columns (as json; `::text` to store it). */
export function pgRowJson(columns: readonly string[], row: string): string {
  return `json_build_object(${columns.map((c) => `'${c}', ${row}.${c}`).join(', ')})`;
}

/** The next provisional (negative) seq: the sequencer replaces it once the change commits. */
export const PROVISIONAL_SEQ = `-nextval('sync_provisional')`;

/** Logs one row's newest state (or its deletion) under a provisional seq. */
function logRow(table: PgReplicatedTable, row: 'NEW' | 'OLD', op: 'upsert' | 'delete'): string {
  return `
    INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
    VALUES ('${table.name}', ${pgKeyOf(table.key, row)}, ${table.tenant(row)}, ${PROVISIONAL_SEQ}, '${op}',
      ${op === 'upsert' ? `${pgRowJson(table.columns, row)}::text` : 'NULL'})
    ON CONFLICT (tbl, pk) DO UPDATE SET
      seq = excluded.seq, op = excluded.op, row = excluded.row, tenant_id = excluded.tenant_id;`;
}

/**
 * A plpgsql trigger as every PG form names it: `<trigger>_fn` runs `body` for each
 * row, and the trigger keeps SQLite's name. Both are replaced if they exist, so a migration
 * that re-creates a table's triggers (a new column) says it the same way as the first one.
 */
export function pgTrigger(options: {
  name: string;
  timing: string;
  table: string;
  when?: string;
  declare?: string;
  body: string;
}): string {
  const { name, timing, table, when, declare, body } = options;
  return `
    CREATE OR REPLACE FUNCTION ${name}_fn() RETURNS trigger LANGUAGE plpgsql AS $fn$
    ${declare ? `DECLARE ${declare}` : ''}
    BEGIN${body}
      RETURN NULL;
    END
    $fn$;
    DROP TRIGGER IF EXISTS ${name} ON ${table};
    CREATE TRIGGER ${name} ${timing} ON ${table} FOR EACH ROW${when ? ` WHEN (${when})` : ''}
      EXECUTE FUNCTION ${name}_fn();`;
}

/** sync_<table>_insert/_update/_delete, each with its own function, as SQLite names them. */
export function pgSyncTriggers(table: PgReplicatedTable): string {
  const { name } = table;
  return [
    pgTrigger({
      name: `sync_${name}_insert`,
      timing: 'AFTER INSERT',
      table: name,
      body: logRow(table, 'NEW', 'upsert'),
    }),
    pgTrigger({
      name: `sync_${name}_update`,
      timing: 'AFTER UPDATE',
      table: name,
      body: logRow(table, 'NEW', 'upsert'),
    }),
    pgTrigger({
      name: `sync_${name}_delete`,
      timing: 'AFTER DELETE',
      table: name,
      body: logRow(table, 'OLD', 'delete'),
    }),
  ].join('\n');
}

/**
 * Rows written before the triggers existed join the log once, with positive seqs after the
 * counter (they commit with the migration, so no sequencer is needed), and the counter moves
 * to the highest. SQLite numbers them in rowid order; most tables have no rowid here, so they
 * go in key order (any order does: a replica applies a first sync whole).
 */
export function pgSyncBackfill(table: PgReplicatedTable): string {
  return `
    INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
      SELECT '${table.name}', ${pgKeyOf(table.key, 't')}, ${table.tenant('t')},
        (SELECT seq FROM sync_counter) + row_number() OVER (ORDER BY ${table.key.map((k) => `t.${k}`).join(', ')}),
        'upsert', ${pgRowJson(table.columns, 't')}::text
      FROM ${table.name} AS t;
    UPDATE sync_counter SET seq = (SELECT coalesce(max(seq), 0) FROM sync_rows);`;
}
