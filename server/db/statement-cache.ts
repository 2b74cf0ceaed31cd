import type Database from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Room for this many distinct statements; the least recently used is dropped beyond it. */
export const MAX_CACHED_STATEMENTS = 1_000;

/**
 * The better-sqlite3 handle as Kysely sees it, keeping prepared statements by their SQL.
 * Kysely prepares every query anew, and SQLite's prepare (parsing and planning) costs more
 * than running a lookup by key: a hot path such as the entitlement check runs the same few
 * statements thousands of times a second. A statement still being iterated (a streamed
 * query) is busy, so it is not handed out again: that use gets a fresh one. SQLite
 * re-prepares a kept statement itself when a migration changes the schema under it.
 */
export function withStatementCache(
  sqlite: Database.Database,
  maxStatements = MAX_CACHED_STATEMENTS,
): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      const kept = statements.get(sql);
      if (kept && !kept.busy) {
        // Maps iterate in insertion order: re-inserting makes the first entry the least recently used.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = sqlite.prepare(sql);
      if (kept) return statement;
      statements.set(sql, statement);
      if (statements.size > maxStatements) {
        const oldest = statements.keys().next();
        if (!oldest.done) statements.delete(oldest.value);
      }
      return statement;
    },
  };
}
