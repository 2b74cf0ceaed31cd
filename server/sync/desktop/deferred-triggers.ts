import type Database from 'better-sqlite3';
import { recountListsSqlite } from '../../db/list-totals';

/** Where the dropped triggers' definitions wait (sync_state), so a crash mid-fill cannot lose them. */
const STATE_KEY = 'deferred_triggers';

/**
 * Data the replica derives from its rows by per-row triggers, and how to derive it all at once.
 * `owns` names the triggers that keep it; `rebuild` computes it from the tables as they are.
 */
interface Derived {
  owns: (trigger: string) => boolean;
  rebuild: (sqlite: Database.Database) => void;
}

const DERIVED: readonly Derived[] = [
  {
    // The customers' search index (external-content FTS5): 'rebuild' re-reads the whole table.
    owns: (trigger) => trigger.startsWith('customers_fts_'),
    rebuild: (sqlite) => sqlite.exec("INSERT INTO customers_fts (customers_fts) VALUES ('rebuild')"),
  },
  {
    // The courses' search index (migration 0036), likewise.
    owns: (trigger) => trigger.startsWith('courses_fts_'),
    rebuild: (sqlite) => sqlite.exec("INSERT INTO courses_fts (courses_fts) VALUES ('rebuild')"),
  },
  {
    owns: (trigger) =>
      /^(customers|invoices|payments|subscriptions)_count_(insert|update|delete)$/.test(trigger),
    rebuild: recountListsSqlite,
  },
];

/**
 * A replica filling from nothing ran the search index's and the list counts' triggers once per
 * row written: tokenizing each name into the FTS index and an upsert into list_counts for every
 * customer and subscription. Both are derived data, computable in one pass from the finished
 * tables (an FTS 'rebuild', a GROUP BY). So a fill drops those triggers and, with its last page,
 * rebuilds what they keep and creates them again, in the same transaction. Any other trigger on
 * a replicated table keeps firing (it is not known how to redo its work at once). As with the
 * indexes, the definitions are kept in sync_state in the transaction that dropped them, and an
 * interrupted fill is finished when the replica is opened. Until a fill ends, search and list
 * totals show what was there before it (a refill after a reach change; a first sync shows none).
 */
export function deferTriggers(sqlite: Database.Database, tables: ReadonlySet<string>): void {
  if (readState(sqlite) !== null) return;
  const triggers = (
    sqlite
      .prepare(
        "SELECT name, tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL",
      )
      .all() as { name: string; tbl: string; sql: string }[]
  ).filter((trigger) => tables.has(trigger.tbl) && DERIVED.some((derived) => derived.owns(trigger.name)));
  if (triggers.length === 0) return;
  sqlite
    .prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)')
    .run(STATE_KEY, JSON.stringify(triggers.map(({ name, sql }) => ({ name, sql }))));
  for (const { name } of triggers) sqlite.exec(`DROP TRIGGER "${name}"`);
}

/** Rebuilds what the dropped triggers keep and creates them again, if a fill dropped any. */
export function restoreTriggers(sqlite: Database.Database): void {
  const kept = readState(sqlite);
  if (kept === null) return;
  const triggers = JSON.parse(kept) as { name: string; sql: string }[];
  for (const derived of DERIVED) {
    if (triggers.some((trigger) => derived.owns(trigger.name))) derived.rebuild(sqlite);
  }
  for (const { sql } of triggers) sqlite.exec(sql);
  sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(STATE_KEY);
}

/** Finishes an interrupted fill's deferred triggers in a transaction of its own (when a replica is opened). */
export function restoreTriggersNow(sqlite: Database.Database): void {
  if (readState(sqlite) !== null) sqlite.transaction(() => restoreTriggers(sqlite))();
}

function readState(sqlite: Database.Database): string | null {
  const row = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').get(STATE_KEY) as
    { value: string } | undefined;
  return row?.value ?? null;
}
