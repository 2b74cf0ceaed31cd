import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { listBackupRows } from './store';

/** The console warns when the newest VERIFIED backup is older than this, or there is none. */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export interface BackupView {
  id: string;
  /** The file's name in the backup directory (the directory is the server's own business). */
  fileName: string;
  databaseKind: 'sqlite' | 'postgres';
  startedAt: number;
  finishedAt: number;
  sizeBytes: number;
  backupMs: number;
  restoreMs: number | null;
  verified: 'ok' | 'failed';
  failure: string | null;
  /** Rows in all tables together, counted at the backup's moment. */
  totalRows: number;
}

export interface BackupsOverview {
  backups: BackupView[];
  newestVerifiedAt: number | null;
  /** Why the console warns, or null: no verified backup at all, or the newest is too old. */
  warning: 'none_verified' | 'stale' | null;
  staleAfterMs: number;
  /** How often this server backs itself up and how many verified backups it keeps; null: no schedule. */
  schedule: { everyMs: number; keep: number } | null;
}

function totalRows(rowCounts: string): number {
  const counts = JSON.parse(rowCounts) as Record<string, number>;
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** The backups page: every recorded backup, newest first, and whether to warn. */
export async function backupsOverview(
  db: Kysely<DB>,
  now: number,
  settings: { intervalMs: number | null; keep: number } | null,
): Promise<BackupsOverview> {
  const rows = await listBackupRows(db);
  const backups = rows.map((row): BackupView => ({
    id: row.id,
    fileName: basename(row.file),
    databaseKind: row.database_kind,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    sizeBytes: row.size_bytes,
    backupMs: row.backup_ms,
    restoreMs: row.restore_ms,
    verified: row.verified,
    failure: row.failure,
    totalRows: totalRows(row.row_counts),
  }));
  const newestVerifiedAt = backups.find((b) => b.verified === 'ok')?.startedAt ?? null;
  const warning =
    newestVerifiedAt === null ? 'none_verified' : now - newestVerifiedAt > STALE_AFTER_MS ? 'stale' : null;
  const schedule = settings?.intervalMs ? { everyMs: settings.intervalMs, keep: settings.keep } : null;
  return { backups, newestVerifiedAt, warning, staleAfterMs: STALE_AFTER_MS, schedule };
}
