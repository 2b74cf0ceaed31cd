import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';

/** The last billing_events rowid the dispatcher has turned into emails (0: none yet). */
export async function readCursor(trx: Transaction<DB>, name: string): Promise<number> {
  const row = await trx
    .selectFrom('notification_cursors')
    .select('last_rowid')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.last_rowid ?? 0;
}

export async function moveCursor(trx: Transaction<DB>, name: string, lastRowid: number): Promise<void> {
  await trx
    .insertInto('notification_cursors')
    .values({ name, last_rowid: lastRowid })
    .onConflict((oc) => oc.column('name').doUpdateSet({ last_rowid: lastRowid }))
    .execute();
}
