import { rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { manifestPath } from './manifest';
import { deleteBackupRow, listBackupRows, type BackupRow } from './store';

/**
 * Which backups retention drops: it keeps the `keep` newest VERIFIED backups, and any failed
 * backup newer than the newest verified one (the console shows why the latest ones failed);
 * every other backup goes, the oldest verified ones beyond `keep` and failed ones that a
 * verified backup has since replaced. Failed backups never count towards `keep`, so a run of
 * failures cannot push the last good backup out.
 */
export function backupsToDrop(rows: readonly BackupRow[], keep: number): BackupRow[] {
  const newestFirst = [...rows].sort((a, b) => b.started_at - a.started_at || (a.id < b.id ? 1 : -1));
  const newestVerified = newestFirst.find((row) => row.verified === 'ok');
  let verifiedKept = 0;
  return newestFirst.filter((row) => {
    if (row.verified === 'ok') return ++verifiedKept > keep;
    return newestVerified !== undefined && row.started_at <= newestVerified.started_at;
  });
}

/** Deletes the dropped backups' files, manifests and rows; returns the files removed. */
export async function applyRetention(db: Kysely<DB>, keep: number): Promise<string[]> {
  const dropped = backupsToDrop(await listBackupRows(db, 10_000), keep);
  for (const row of dropped) {
    rmSync(row.file, { force: true });
    rmSync(manifestPath(row.file), { force: true });
    await deleteBackupRow(db, row.id);
  }
  return dropped.map((row) => row.file);
}
