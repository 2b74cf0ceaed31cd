import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { arrays, batches, bulkInsert, typesOf } from './pg-bulk';

/**
 * Puts a loaded SQLite bench database's rows into a freshly migrated PostgreSQL database, so
 * both databases hold the very same workspace (same ids, names, amounts, audit chain) and
 * their figures compare query for query.
 *
 * The workspace's own rows (tenant, catalog, customers, audit) go in batches of a thousand with
 * every PostgreSQL trigger firing per row. The billing bulk — millions of payment methods,
 * subscriptions, invoices, lines and payments — goes in with its triggers off
 * (session_replication_role = replica), and what those triggers keep is taken from SQLite's
 * own triggers' work: the row log's entries for those rows (under provisional seqs, which the
 * server's sequencer numbers as it numbers any commit) and their list counts. Per row with
 * triggers, a million invoices took over half an hour on each database; this way minutes.
 * A copy that fails part-way leaves a half-copied database: benches drop it either way.
 */

/** Tables copied with their triggers firing, parents before children. */
const TABLES = [
  ...['users', 'tenants', 'memberships', 'settings', 'products', 'features', 'plans', 'plan_features'],
  ...['prices', 'customers', 'audit_log', 'audit_chain_heads', 'change_log'],
] as const;

/** Tables copied with their triggers off, parents before children; then invoice_sequences. */
const BULK_TABLES = ['payment_methods', 'subscriptions', 'invoices', 'invoice_lines', 'payments'] as const;
/** The lists of list_counts the bulk tables' triggers keep. */
const BULK_LISTS = ['subscriptions', 'invoices', 'payments'];
/** Rows per statement when no trigger fires (no row-version chains to keep short). */
const BULK_BATCH = 10_000;

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
  batch?: number,
): Promise<number> {
  const writable = await writableColumns(client, table);
  const columns = sqliteColumns(sqlite, table).filter((column) => writable.has(column));
  const insert = await bulkInsert(client, table, columns, batch);
  for (const row of rowsOf(sqlite, table, columns)) await insert.add(row);
  return insert.flush();
}

/**
 * The row log's entries and list counts of the bulk tables, as SQLite's triggers wrote them.
 * Entries get provisional (negative) seqs, as PostgreSQL's triggers give them.
 */
async function copyWhatTriggersKeep(sqlite: BetterSqlite3.Database, client: pg.ClientBase): Promise<void> {
  const logColumns = ['tbl', 'pk', 'tenant_id', 'op', 'row'];
  const log = batches(
    client,
    `INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
     SELECT v.tbl, v.pk, v.tenant_id, -nextval('sync_provisional'), v.op, v.row
     FROM unnest(${arrays(await typesOf(client, 'sync_rows', logColumns))}) AS v(tbl, pk, tenant_id, op, row)`,
    await typesOf(client, 'sync_rows', logColumns),
    BULK_BATCH,
  );
  const inBulk = BULK_TABLES.map(() => '?').join(', ');
  const entries = sqlite
    .prepare(`SELECT tbl, pk, tenant_id, op, row FROM sync_rows WHERE tbl IN (${inBulk}) ORDER BY seq`)
    .raw()
    .iterate(...BULK_TABLES) as Iterable<unknown[]>;
  for (const entry of entries) await log.add(entry);
  await log.flush();

  const countColumns = ['tenant_id', 'list', 'key', 'n'];
  const counts = batches(
    client,
    `INSERT INTO list_counts (tenant_id, list, key, n)
     SELECT * FROM unnest(${arrays(await typesOf(client, 'list_counts', countColumns))})
     ON CONFLICT (tenant_id, list, key) DO UPDATE SET n = excluded.n`,
    await typesOf(client, 'list_counts', countColumns),
    BULK_BATCH,
  );
  const lists = sqlite
    .prepare(
      `SELECT tenant_id, list, key, n FROM list_counts WHERE list IN (${BULK_LISTS.map(() => '?').join(', ')})`,
    )
    .raw()
    .iterate(...BULK_LISTS) as Iterable<unknown[]>;
  for (const count of lists) await counts.add(count);
  await counts.flush();
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
    for (const table of TABLES) copied.set(table, await copyTable(sqlite, client, table));
    // Triggers (and foreign-key checks) off for this session only: a superuser's setting.
    await client.query(`SET session_replication_role = replica`);
    for (const table of BULK_TABLES) copied.set(table, await copyTable(sqlite, client, table, BULK_BATCH));
    await copyWhatTriggersKeep(sqlite, client);
    await client.query(`SET session_replication_role = DEFAULT`);
    copied.set('invoice_sequences', await copyTable(sqlite, client, 'invoice_sequences'));
    await advanceIdentities(client);
  } finally {
    await client.end();
  }
  return copied;
}
