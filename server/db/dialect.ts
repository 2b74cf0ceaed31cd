import { PostgresAdapter, type QueryExecutorProvider } from 'kysely';

/** Which database a handle speaks to: SQLite (one machine, the desktop) or PostgreSQL (hosted, scale-out). */
export type Dialect = 'sqlite' | 'postgres';

/**
 * The dialect behind a query builder or a transaction. Read from the adapter rather than
 * passed around, so a repo given only `db` or `trx` can choose the one statement where the two
 * databases differ (a row lock, an advisory lock, a text index) without a second parameter.
 */
export function dialectOf(db: QueryExecutorProvider): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
