/** A table whose row-log triggers are generated: its name, key (primary-key order) and logged columns. */
export interface SqliteReplicatedTable {
  name: string;
  key: readonly string[];
  columns: readonly string[];
}

/** A row's key as the row log writes it: the text of a one-column key, else a JSON array (migration 0010). */
const keyOf = (table: SqliteReplicatedTable, row: string) =>
  table.key.length === 1
    ? `CAST(${row}.${table.key[0]} AS TEXT)`
    : `json_array(${table.key.map((k) => `${row}.${k}`).join(', ')})`;

const rowJson = (columns: readonly string[], row: string) =>
  `json_object(${columns.map((c) => `'${c}', ${row}.${c}`).join(', ')})`;

/**
 * The row log's triggers on SQLite, as migrations 0010, 0015, 0025 and 0029 write them, for
 * migrations from 0031 on (those earlier ones keep their own frozen copies). Only `columns`
 * reach the log, so a column a replica must never hold (a sealed key) is simply left out.
 */
export function sqliteSyncTriggers(table: SqliteReplicatedTable): string {
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
