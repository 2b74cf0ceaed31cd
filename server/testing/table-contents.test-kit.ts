import { sql } from 'kysely';
import type { AppDatabase } from '../db/connection';

/**
 * What is in the database, for tests that prove a refused request wrote nothing: take a
 * snapshot before, call, and expect the snapshot after to equal it. Works on SQLite and on
 * PostgreSQL alike (Kysely's introspection lists the tables of either).
 */

/** Each database's table names: the schema is fixed once migrated, and introspection is slow. */
const namesOf = new WeakMap<AppDatabase, Promise<string[]>>();

/**
 * The application's tables, by name. SQLite's FTS5 index of customers (`customers_fts*`) is
 * left out: it has no PostgreSQL counterpart and only mirrors the customers table.
 */
function tableNames(database: AppDatabase): Promise<string[]> {
  let names = namesOf.get(database);
  if (!names) {
    names = database.db.introspection.getTables().then((tables) =>
      tables
        .filter((t) => !t.isView && !t.name.startsWith('customers_fts'))
        .map((t) => t.name)
        .sort(),
    );
    namesOf.set(database, names);
  }
  return names;
}

/** How many rows each table holds, counted in one statement. */
export async function tableRowCounts(database: AppDatabase): Promise<Record<string, number>> {
  const names = await tableNames(database);
  const counts = sql.join(
    names.map((name) => sql`SELECT ${sql.lit(name)} AS name, count(*) AS n FROM ${sql.table(name)}`),
    sql` UNION ALL `,
  );
  const { rows } = await sql<{ name: string; n: number | string }>`${counts}`.execute(database.db);
  // count(*) is a bigint on PostgreSQL, which a driver may hand back as a string.
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.n)]));
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
