/**
 * One numbered, forward-only schema step. Versions start at 1 and have no gaps.
 *
 * `sql` is the step in SQLite's SQL (the embedded database, the desktop's replica, a
 * one-machine server); `postgres` is the same step in PostgreSQL's SQL, side by side, for a
 * hosted server on DATABASE_URL. Both must leave the same tables and columns
 * (server/db/schema-parity.pg.int.test.ts compares them).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  postgres: string;
}
