import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { bulkInsert, bulkUpdate } from './pg-bulk';

/**
 * Puts a loaded SQLite bench database's rows into a freshly migrated PostgreSQL database, so
 * both databases hold the very same workspace (same ids, names, amounts, audit chain) and
 * their figures compare query for query. Rows go in batches of thousands per statement with
 * every PostgreSQL trigger firing per row: the row log, list counts and the finalized-invoice
 * guards write what the app's own writes would. Invoices are replayed as the engine writes
 * them: drafted, their lines added, then finalized (the database refuses lines on a finalized one).
 * A copy that fails part-way leaves a half-copied database: benches drop it either way.
 */

/** Tables copied, parents before children. What triggers maintain (list counts, the row log) is not. */
const TABLES = [
  ...['users', 'tenants', 'memberships', 'settings', 'products', 'features', 'plans', 'plan_features'],
  ...['prices', 'customers', 'audit_log', 'audit_chain_heads', 'change_log', 'payment_methods'],
  ...['subscriptions', 'invoices', 'invoice_lines', 'payments', 'invoice_sequences'],
] as const;

/** Columns PostgreSQL fills itself (GENERATED ALWAYS identities, generated columns). */
async function writableColumns(client: pg.ClientBase, table: string): Promise<Set<string>> {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1
       AND is_generated = 'NEVER' AND coalesce(identity_generation, '') <> 'ALWAYS'`,
    [table],
  );
  return new Set(rows.map((row) => row.column_name));
}

/** Rows of `table` in SQLite's insertion order, `columns` as arrays, without loading them all at once. */
function* rowsOf(sqlite: BetterSqlite3.Database, table: string, columns: readonly string[]) {
  const withoutRowid = (
    sqlite.prepare(`SELECT wr FROM pragma_table_list WHERE name = ?`).get(table) as { wr: number } | undefined
  )?.wr;
  const order = withoutRowid ? '' : ' ORDER BY rowid';
  yield* sqlite
    .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"${order}`)
    .raw()
    .iterate() as Iterable<unknown[]>;
}

/** The column names SQLite has for `table`. */
function sqliteColumns(sqlite: BetterSqlite3.Database, table: string): string[] {
  return (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map(
    (row) => row.name,
  );
}

async function copyTable(
  sqlite: BetterSqlite3.Database,
  client: pg.ClientBase,
  table: string,
  draftInvoices: boolean,
): Promise<number> {
  const writable = await writableColumns(client, table);
  const columns = sqliteColumns(sqlite, table).filter((column) => writable.has(column));
  const insert = await bulkInsert(client, table, columns);
  const status = columns.indexOf('status');
  const number = columns.indexOf('number');
  for (const row of rowsOf(sqlite, table, columns)) {
    if (draftInvoices) {
      row[status] = 'draft';
      row[number] = null;
    }
    await insert.add(row);
  }
  return insert.flush();
}

/** Finalizes the drafted invoices with SQLite's status and number, in batches. */
async function finalizeInvoices(sqlite: BetterSqlite3.Database, client: pg.ClientBase): Promise<void> {
  const update = await bulkUpdate(client, 'invoices', 'id', ['status', 'number']);
  for (const row of rowsOf(sqlite, 'invoices', ['id', 'status', 'number'])) await update.add(row);
  await update.flush();
}

/** Identity columns given explicit values: their sequences move past them, as the app's inserts would. */
async function advanceIdentities(client: pg.ClientBase): Promise<void> {
  await client.query(`
    DO $$ DECLARE c record; BEGIN
      FOR c IN SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND identity_generation = 'BY DEFAULT' LOOP
        EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), greatest(1, (SELECT max(%I) FROM %I)))',
          c.table_name, c.column_name, c.column_name, c.table_name);
      END LOOP;
    END $$`);
}

/**
 * Copies the bench tables from `sqlite` into the PostgreSQL database at `url` (migrated and
 * empty), in batches of their own transactions (pg-bulk.ts); returns the rows copied per table.
 */
export async function copyToPostgres(
  sqlite: BetterSqlite3.Database,
  url: string,
): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const copied = new Map<string, number>();
  try {
    for (const table of TABLES) {
      copied.set(table, await copyTable(sqlite, client, table, table === 'invoices'));
      if (table === 'invoice_lines') await finalizeInvoices(sqlite, client);
    }
    await advanceIdentities(client);
  } finally {
    await client.end();
  }
  return copied;
}
