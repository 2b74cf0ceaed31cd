import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { bulkInsert } from './pg-bulk';

/**
 * The MRR history of a bench's SQLite workspace (bench/lib/mrr-history.ts) into its PostgreSQL
 * copy, after pg-copy.ts has copied the workspace's own rows: rates and settings, then
 * mrr_monthly with its triggers firing (so PostgreSQL's own triggers fill the Overview's
 * roll-ups, migration 0028), then the movements and cohort sums with triggers off (only their
 * row-log entries would be written, which no Overview reads). Returns the rows copied.
 */
const WITH_TRIGGERS = ['analytics_settings', 'fx_rates', 'mrr_monthly'] as const;
const WITHOUT_TRIGGERS = ['mrr_movements', 'mrr_cohorts'] as const;

async function copy(sqlite: BetterSqlite3.Database, client: pg.ClientBase, table: string, batch: number) {
  const columns = (
    sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]
  ).map((c) => c.name);
  const insert = await bulkInsert(client, table, columns, batch);
  const rows = sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw(true);
  for (const row of rows.iterate() as Iterable<unknown[]>) await insert.add(row);
  return insert.flush();
}

export async function copyMrrToPostgres(sqlite: BetterSqlite3.Database, url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let copied = 0;
  try {
    for (const table of WITH_TRIGGERS) copied += await copy(sqlite, client, table, 1_000);
    // Triggers (and foreign-key checks) off for this session only: a superuser's setting.
    await client.query(`SET session_replication_role = replica`);
    for (const table of WITHOUT_TRIGGERS) copied += await copy(sqlite, client, table, 10_000);
    await client.query(`SET session_replication_role = DEFAULT`);
  } finally {
    await client.end();
  }
  return copied;
}
