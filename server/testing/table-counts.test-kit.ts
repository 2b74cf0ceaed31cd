import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * Every table's row count, by name: a test compares two of these to prove a refused call
 * wrote nothing anywhere. Tables come from Kysely's introspection so it reads SQLite and
 * PostgreSQL alike; SQLite's FTS shadow tables (`customers_fts*`, no PostgreSQL twin) are left
 * out, as are views and (on PostgreSQL) anything outside the public schema.
 */
export async function everyTableCount(db: Kysely<DB>): Promise<Record<string, number>> {
  const tables = (await db.introspection.getTables())
    .filter(
      (t) =>
        (t.schema ?? 'public') === 'public' &&
        !t.isView &&
        !t.name.startsWith('customers_fts') &&
        !t.name.startsWith('sqlite_'),
    )
    .map((t) => t.name)
    .sort();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

/**
 * How many rows of `table` match `where`, a SQL condition written in the test (literals in
 * single quotes read the same on both databases).
 */
export async function countRows(db: Kysely<DB>, table: string, where = '1 = 1'): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${sql.raw(where)}`.execute(db);
  return Number(rows[0]?.n);
}

/** Every row of `table` as stored, for tests that scan the whole of it (for a leaked secret, say). */
export async function allRows(db: Kysely<DB>, table: string): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
  return rows;
}
