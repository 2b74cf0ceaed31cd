import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate, type MigrationReport } from './migrate';
import { MIGRATIONS } from './migrations';
import { withStatementCache } from './statement-cache';
import type { DB } from './schema';

export interface AppDatabase {
  /** The query builder every repo uses. */
  db: Kysely<DB>;
  /** The raw handle, for migrations, pragmas, bulk loads and benchmarks. */
  sqlite: Database.Database;
  migration: MigrationReport;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /**
   * Path to a better_sqlite3.node built for a different runtime: Electron passes the
   * build made for its own ABI, so the Node build used by tests stays in place.
   */
  nativeBinding?: string;
}

/** Opens (creating if needed) a database with the pragmas the app relies on, and migrates it. */
export function openDatabase(options: OpenOptions): AppDatabase {
  const sqlite = new Database(
    options.path,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const migration = migrate(sqlite, MIGRATIONS);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return {
      db,
      sqlite,
      migration,
      close: async () => {
        // Kysely's destroy closes the handle it was given, but only if it ever ran a query.
        await db.destroy();
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
