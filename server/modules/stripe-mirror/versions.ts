import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Where an event's snapshot stands against the newest one applied for the same object:
 * - newer: apply it (and it is now the newest);
 * - same: as new as the applied one but possibly different (Stripe's `created` has
 *   one-second resolution), so fetch the object from Stripe and apply that;
 * - older: a late delivery; applying it would move state backwards.
 */
export type SnapshotOrder = 'newer' | 'same' | 'older';

/**
 * Compares and, when newer, records the event as the object's newest, in the caller's
 * transaction (so the record exists exactly when the change it allowed does).
 */
export async function orderSnapshot(
  trx: Db,
  tenantId: string,
  objectId: string,
  event: { id: string; created: number },
): Promise<SnapshotOrder> {
  const createdAt = event.created * 1000;
  const current = await trx
    .selectFrom('stripe_object_versions')
    .select(['created_at', 'event_id'])
    .where('tenant_id', '=', tenantId)
    .where('object_id', '=', objectId)
    .executeTakeFirst();
  if (current && createdAt < current.created_at) return 'older';
  if (current && createdAt === current.created_at) return 'same';
  await trx
    .insertInto('stripe_object_versions')
    .values({ tenant_id: tenantId, object_id: objectId, created_at: createdAt, event_id: event.id })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'object_id']).doUpdateSet({ created_at: createdAt, event_id: event.id }),
    )
    .execute();
  return 'newer';
}
