import type BetterSqlite3 from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';

export interface ChangeInput {
  tenantId: string;
  entityType: string;
  entityId: string;
  /** The row as replicas should hold it; null when the entity was deleted. */
  data: Record<string, unknown> | null;
  at: number;
}

/**
 * Appends what a command changed to the tenant's change log. Replicas pull this log
 * since their cursor (the sequence number), so it must be written in the command's own
 * transaction: a change and its log row exist together or not at all.
 */
export async function appendChange(trx: Transaction<DB>, change: ChangeInput): Promise<void> {
  await trx
    .insertInto('change_log')
    .values({
      tenant_id: change.tenantId,
      entity_type: change.entityType,
      entity_id: change.entityId,
      op: change.data === null ? 'delete' : 'upsert',
      data: change.data === null ? null : JSON.stringify(change.data),
      at: change.at,
    })
    .execute();
}

/** A prepared append for changes written in bulk (a demo load), inside the caller's own transaction. */
export function prepareChangeAppend(sqlite: BetterSqlite3.Database): (change: ChangeInput) => void {
  const insert = sqlite.prepare(`INSERT INTO change_log (tenant_id, entity_type, entity_id, op, data, at)
    VALUES (?, ?, ?, ?, ?, ?)`);
  return (c) => {
    insert.run(
      c.tenantId,
      c.entityType,
      c.entityId,
      c.data === null ? 'delete' : 'upsert',
      c.data === null ? null : JSON.stringify(c.data),
      c.at,
    );
  };
}
