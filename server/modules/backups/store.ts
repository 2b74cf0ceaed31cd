import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema';

/** The `backups` table's rows: written only here (server/db/table-owners.ts). */
export type BackupRow = Selectable<DB['backups']>;

export async function insertBackup(db: Kysely<DB>, row: Insertable<DB['backups']>): Promise<void> {
  await db.insertInto('backups').values(row).execute();
}

/** Every recorded backup, newest first. Retention keeps the table short (a few dozen rows). */
export async function listBackupRows(db: Kysely<DB>, limit = 200): Promise<BackupRow[]> {
  return db
    .selectFrom('backups')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function deleteBackupRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('backups').where('id', '=', id).execute();
}

/** When the newest backup that verified was taken, or null when none did. */
export async function newestVerifiedAt(db: Kysely<DB>): Promise<number | null> {
  const row = await db
    .selectFrom('backups')
    .select((eb) => eb.fn.max('started_at').as('at'))
    .where('verified', '=', 'ok')
    .executeTakeFirst();
  return row?.at ?? null;
}

/** When the newest backup (verified or not) was started, or null when there is none. */
export async function newestBackupAt(db: Kysely<DB>): Promise<number | null> {
  const row = await db
    .selectFrom('backups')
    .select((eb) => eb.fn.max('started_at').as('at'))
    .executeTakeFirst();
  return row?.at ?? null;
}
