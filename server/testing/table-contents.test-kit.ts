import { sql } from 'kysely';
import type { AppDatabase } from '../db/connection';

/**
 * What is in the database, for tests that prove a refused request wrote nothing: take a
 * snapshot before, call, and expect the snapshot after to equal it. Works on SQLite and on
 * PostgreSQL alike (Kysely's introspection lists the tables of either).
 */

/**
 * The application's tables, by name. SQLite's FTS5 index of customers (`customers_fts*`) is
 * left out: it has no PostgreSQL counterpart and only mirrors the customers table.
 */
async function tableNames(database: AppDatabase): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables
    .filter((t) => !t.isView && !t.name.startsWith('customers_fts'))
    .map((t) => t.name)
    .sort();
}

/** How many rows each table holds. */
export async function tableRowCounts(database: AppDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await tableNames(database)) {
    const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(
      database.db,
    );
    // count(*) is a bigint on PostgreSQL, which the driver may hand back as a string.
    counts[name] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

/**
 * Every row of every table. Rows are put in one order of their own (by their JSON text):
 * without ORDER BY, PostgreSQL may return a table's rows in another order after any write,
 * even one rolled back, and the question is only whether the rows are the same.
 */
export async function everyTableRows(database: AppDatabase): Promise<Record<string, unknown[]>> {
  const contents: Record<string, unknown[]> = {};
  for (const name of await tableNames(database)) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(
      database.db,
    );
    contents[name] = rows
      .map((row) => ({ row, key: JSON.stringify(row) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ row }) => row);
  }
  return contents;
}
