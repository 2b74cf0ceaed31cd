import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase, openPostgres } from '../../db/connection';
import type { Manifest } from './manifest';
import { databaseOf, withDatabase } from './pg-tools';
import { plainName, restorePostgresScratch } from './postgres';
import type { BackupSource } from './take';

/**
 * Putting a verified backup in place of the configured database (`npm run restore -- --replace
 * <file>`), only while the server is stopped: the database itself is asked whether anyone else
 * has it open, and the database replaced is kept beside the restored one, never deleted.
 */

export class ServerRunningError extends Error {}

const stamp = (now: number) =>
  new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/**
 * SQLite: leaving WAL mode needs the only connection to the file, so it fails (SQLITE_BUSY)
 * while a server has the database open; then the current file is copied aside and the backup
 * copied into place (a copy in the same folder renamed over it, so the swap is atomic).
 */
function replaceSqlite(livePath: string, file: string, now: number): string {
  const kept = `${livePath}.before-restore-${stamp(now)}`;
  if (existsSync(livePath)) {
    const live = new Database(livePath, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 0');
      try {
        live.pragma('journal_mode = DELETE');
      } catch {
        throw new ServerRunningError(
          `${livePath} is open in another process: stop the Tollgate server (and any npm run backup) first`,
        );
      }
      copyFileSync(livePath, kept);
    } finally {
      live.close();
    }
  }
  const incoming = join(dirname(livePath), `.restoring-${stamp(now)}.sqlite`);
  copyFileSync(file, incoming);
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${livePath}${suffix}`, { force: true });
  renameSync(incoming, livePath);
  return kept;
}

export interface ReplaceResult {
  /** Where the database that was replaced is kept (a file path, or a database name). */
  keptAs: string;
}

/** Replaces the configured database with `file` (already verified), then migrates it if older. */
export async function replaceConfiguredDatabase(
  source: BackupSource,
  file: string,
  manifest: Manifest,
  pgBinDir: string | null,
  now: number,
): Promise<ReplaceResult> {
  if (manifest.kind !== source.kind) {
    throw new Error(`this is a ${manifest.kind} backup, and the configured database is ${source.kind}`);
  }
  if (source.kind === 'sqlite') {
    const keptAs = replaceSqlite(source.path, file, now);
    // Opening migrates a backup taken by an older version, as the server's start would.
    await openDatabase({ path: source.path }).close();
    return { keptAs };
  }
  const keptAs = await swapPostgres(source.url, file, pgBinDir, now);
  await (await openPostgres({ url: source.url, poolSize: 1 })).close();
  return { keptAs };
}

async function onMaintenance(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * PostgreSQL: the backup is restored into a new database beside the configured one, which is
 * then renamed aside and the new one renamed to its name. PostgreSQL refuses to rename a
 * database anyone is connected to, so a running server (or any other session) stops it.
 */
async function swapPostgres(
  url: string,
  file: string,
  pgBinDir: string | null,
  now: number,
): Promise<string> {
  const live = databaseOf(url);
  const suffix = stamp(now).toLowerCase();
  const kept = `${plainName(live)}_before_restore_${suffix}`;
  const incoming = await restorePostgresScratch(
    url,
    file,
    pgBinDir,
    `${plainName(live)}_restoring_${suffix}`,
  );
  await incoming.disconnect();
  try {
    await onMaintenance(url, [`ALTER DATABASE ${ident(live)} RENAME TO ${ident(kept)}`]);
  } catch (error) {
    await incoming.drop();
    const code = (error as { code?: string }).code;
    // 55006: object_in_use — someone is connected to the configured database.
    if (code === '55006') {
      throw new ServerRunningError(
        `${live} has other sessions: stop the Tollgate server (and any npm run backup) first`,
      );
    }
    throw error;
  }
  await onMaintenance(url, [`ALTER DATABASE ${ident(incoming.name)} RENAME TO ${ident(live)}`]);
  return kept;
}
