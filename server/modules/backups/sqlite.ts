import { copyFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../../db/schema';
import { countRowsSqlite, type RowCounts } from './tables';

/**
 * A SQLite backup while the server keeps writing: a second, read-only connection opens a
 * read transaction, counts every table, and copies the database with SQLite's online backup
 * API from inside that same transaction. In WAL mode the reader's snapshot does not move
 * while writers commit beside it, so the copy holds exactly the rows counted (decision in
 * docs/decisions.md). better-sqlite3 copies in steps between which the event loop runs, so
 * the server's requests and jobs go on.
 */
export async function takeSqliteBackup(sourcePath: string, destination: string): Promise<RowCounts> {
  const reader = new Database(sourcePath, { readonly: true, fileMustExist: true });
  try {
    reader.pragma('busy_timeout = 5000');
    reader.exec('BEGIN');
    // The first read starts the snapshot the backup then copies.
    const rowCounts = countRowsSqlite(reader);
    await reader.backup(destination);
    reader.exec('COMMIT');
    return rowCounts;
  } finally {
    reader.close();
  }
}

/** A backup restored where it can be checked, and how long restoring took. */
export interface ScratchSqlite {
  sqlite: Database.Database;
  db: Kysely<DB>;
  restoreMs: number;
  /** Closes and deletes the scratch copy. */
  drop: () => Promise<void>;
}

const removeFiles = (path: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
};

/**
 * Restores `file` as a scratch database at `scratchPath` (a copy: the backup itself is never
 * opened for writing) and opens it as the app would read it, without migrating it.
 */
export function restoreSqliteScratch(file: string, scratchPath: string): ScratchSqlite {
  const started = performance.now();
  removeFiles(scratchPath);
  copyFileSync(file, scratchPath);
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(scratchPath, { fileMustExist: true });
    // Reading the schema proves the file is a database at all ("file is not a database" otherwise).
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    sqlite?.close();
    removeFiles(scratchPath);
    throw error;
  }
  const opened = sqlite;
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: opened }) });
  return {
    sqlite: opened,
    db,
    restoreMs: Math.round(performance.now() - started),
    drop: async () => {
      await db.destroy();
      if (opened.open) opened.close();
      removeFiles(scratchPath);
    },
  };
}

/** SQLite's own check of every page, index and constraint; an empty list means "ok". */
export function integrityProblems(sqlite: Database.Database): string[] {
  const rows = sqlite.pragma('integrity_check(20)') as { integrity_check: string }[];
  const messages = rows.map((row) => row.integrity_check);
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages.map((m) => `integrity check: ${m}`);
}

export function countRestoredSqlite(scratch: ScratchSqlite): RowCounts {
  return countRowsSqlite(scratch.sqlite);
}
