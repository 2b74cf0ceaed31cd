import type Database from 'better-sqlite3';

/** Where the dropped indexes' definitions wait (sync_state), so a crash mid-fill cannot lose them. */
const STATE_KEY = 'deferred_indexes';

/**
 * A replica filling from nothing writes every row into each of its tables' indexes, and the
 * secondary ones (names, emails, dates, statuses: fifteen on customers and subscriptions alone)
 * cost four fifths of that: measured, 14,500 rows/s applied without them against 2,900 with
 * them. Built once at the end (a sort of the whole table), they cost a fraction. So a fill
 * drops the plain (non-unique) indexes of the replicated tables and builds them back with
 * its last page, in the same transaction. Unique indexes stay: they are rules, not speed.
 * The definitions are kept in sync_state, in the transaction that dropped them, and built
 * back when the replica is opened too, so an interrupted fill never leaves a replica without
 * them. A console reading a replica refilling (its user's reach changed) reads correct rows,
 * only more slowly, until the fill ends.
 */
export function deferIndexes(sqlite: Database.Database, tables: ReadonlySet<string>): void {
  if (readState(sqlite) !== null) return;
  const indexes = (
    sqlite
      .prepare(
        `SELECT name, tbl_name AS tbl, sql FROM sqlite_master
         WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
      )
      .all() as { name: string; tbl: string; sql: string }[]
  ).filter((index) => tables.has(index.tbl));
  if (indexes.length === 0) return;
  sqlite
    .prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)')
    .run(STATE_KEY, JSON.stringify(indexes.map((index) => index.sql)));
  for (const { name } of indexes) sqlite.exec(`DROP INDEX "${name}"`);
}

/** Builds back the indexes a fill dropped, if any. */
export function restoreIndexes(sqlite: Database.Database): void {
  const kept = readState(sqlite);
  if (kept === null) return;
  for (const definition of JSON.parse(kept) as string[]) sqlite.exec(definition);
  sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(STATE_KEY);
}

/** Restores any deferred indexes in a transaction of its own (when a replica is opened). */
export function restoreIndexesNow(sqlite: Database.Database): void {
  if (readState(sqlite) !== null) sqlite.transaction(() => restoreIndexes(sqlite))();
}

function readState(sqlite: Database.Database): string | null {
  const row = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').get(STATE_KEY) as
    { value: string } | undefined;
  return row?.value ?? null;
}
