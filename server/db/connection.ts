import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { BugIndicatingError } from '../lib/errors';
import type { Dialect } from './dialect';
import { migrate, type MigrationReport } from './migrate';
import { MIGRATIONS } from './migrations';
import { openPostgresPool } from './postgres-pool';
import { migratePostgres } from './migrate-postgres';
import { registerSqliteHandle } from './raw-rows';
import { withStatementCache } from './statement-cache';
import type { DB } from './schema';

export interface AppDatabase {
  /** The query builder every repo uses. */
  db: Kysely<DB>;
  dialect: Dialect;
  /**
   * The raw SQLite handle, for migrations, pragmas, bulk loads and benchmarks. A PostgreSQL
   * database has none: reading it there is a bug (the caller forgot to check `dialect`) and throws.
   */
  readonly sqlite: Database.Database;
  migration: MigrationReport;
  /** PostgreSQL's connection pool, for its use figures (/metrics); none on SQLite. */
  readonly pool?: pg.Pool;
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
  /**
   * A serialized database (better-sqlite3's `serialize()`) to open in memory instead of `path`:
   * tests start each database from one migrated copy rather than migrating it afresh.
   */
  from?: Buffer;
}

/** Opens (creating if needed) a SQLite database with the pragmas the app relies on, and migrates it. */
export function openDatabase(options: OpenOptions): AppDatabase {
  const sqlite = new Database(
    options.from ?? options.path,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const migration = migrate(sqlite, MIGRATIONS);
    // The planner's statistics drift as tables grow (decision 130's 4.8 s search came from stale
    // ones). SQLite's advice for a long-lived connection: optimize all tables on open (bounded by
    // its own analysis limit, so it is quick on a large file), on close, and daily (housekeeping).
    sqlite.pragma('optimize = 0x10002');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    registerSqliteHandle(db, sqlite);
    return {
      db,
      dialect: 'sqlite',
      sqlite,
      migration,
      close: async () => {
        // Kysely's destroy closes the handle it was given, but only if it ever ran a query.
        if (sqlite.open) sqlite.pragma('optimize = 0x10002');
        await db.destroy();
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Connections this instance keeps open at most. */
  poolSize?: number;
}

/** Connects to a PostgreSQL database through a pool and migrates it (once, whichever instance gets there first). */
export async function openPostgres(options: PostgresOptions): Promise<AppDatabase> {
  const { pool, dialect } = openPostgresPool(options.url, options.poolSize);
  try {
    const migration = await migratePostgres(pool, MIGRATIONS);
    const db = new Kysely<DB>({ dialect });
    return {
      db,
      dialect: 'postgres',
      get sqlite(): Database.Database {
        throw new BugIndicatingError('a PostgreSQL database has no SQLite handle: check `dialect` first');
      },
      migration,
      pool,
      close: async () => {
        // Kysely ends the pool only if it ever ran a query; the migration's connection is the pool's too.
        await db.destroy();
        if (!pool.ended) await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
