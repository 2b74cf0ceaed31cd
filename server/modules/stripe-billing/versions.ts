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

/**
 * Where an object fetched from Stripe at `fetchedAt` (Stripe's clock, seconds) stands:
 * it includes every event created in an earlier second, so it is newer than those and
 * is recorded in their place; an event of the same second may or may not be in it
 * ('same'); a later event is newer than it ('older').
 */
export async function orderFetched(
  trx: Db,
  tenantId: string,
  objectId: string,
  fetchedAt: number,
): Promise<SnapshotOrder> {
  const at = fetchedAt * 1000;
  const current = await trx
    .selectFrom('stripe_object_versions')
    .select(['created_at'])
    .where('tenant_id', '=', tenantId)
    .where('object_id', '=', objectId)
    .executeTakeFirst();
  if (current && at < current.created_at) return 'older';
  if (current && at === current.created_at) return 'same';
  await trx
    .insertInto('stripe_object_versions')
    .values({ tenant_id: tenantId, object_id: objectId, created_at: at, event_id: `fetched@${fetchedAt}` })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'object_id'])
        .doUpdateSet({ created_at: at, event_id: `fetched@${fetchedAt}` }),
    )
    .execute();
  return 'newer';
}

/** The event whose snapshot was applied last for an object, if any. */
export async function appliedEventId(trx: Db, tenantId: string, objectId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('stripe_object_versions')
    .select('event_id')
    .where('tenant_id', '=', tenantId)
    .where('object_id', '=', objectId)
    .executeTakeFirst();
  return row?.event_id ?? null;
}
