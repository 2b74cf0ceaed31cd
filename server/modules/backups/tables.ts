import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { TABLE_OWNERS, type Table } from '../../db/table-owners';

/** Rows per table, by table name. */
export type RowCounts = Record<string, number>;

/**
 * The tables a backup's counts cover: every table of the app (TABLE_OWNERS lists each by
 * name, and the typecheck keeps the list whole), the same on both databases.
 */
export const APP_TABLES = Object.keys(TABLE_OWNERS) as Table[];

/** Counts every app table present, on the connection's current snapshot (its open read transaction). */
export function countRowsSqlite(sqlite: BetterSqlite3.Database): RowCounts {
  const present = new Set(
    (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
      (row) => row.name,
    ),
  );
  const counts: RowCounts = {};
  for (const table of APP_TABLES) {
    if (!present.has(table)) continue;
    const row = sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number };
    counts[table] = row.n;
  }
  return counts;
}

/** Counts every app table present, inside the client's open transaction (its snapshot). */
export async function countRowsPostgres(client: pg.ClientBase): Promise<RowCounts> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
  );
  const present = new Set(rows.map((row) => row.name));
  const counts: RowCounts = {};
  for (const table of APP_TABLES) {
    if (!present.has(table)) continue;
    const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(result.rows[0]?.n ?? 0);
  }
  return counts;
}

/** What differs between the counts taken at backup time and those of the restored copy. */
export function countDifferences(expected: RowCounts, restored: RowCounts): string[] {
  const problems: string[] = [];
  for (const table of new Set([...Object.keys(expected), ...Object.keys(restored)])) {
    const want = expected[table];
    const got = restored[table];
    if (want !== got)
      problems.push(`${table}: ${want ?? 'absent'} rows at backup, ${got ?? 'absent'} restored`);
  }
  return problems;
}
