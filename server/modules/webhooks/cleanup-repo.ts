import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/** What goes when an endpoint is deleted or its log grows old (retention). */

/** Events that no delivery references any more, except each object's latest, which keeps its sequence counting on. */
const UNREFERENCED_EVENT = sql<boolean>`NOT EXISTS (SELECT 1 FROM webhook_deliveries AS d WHERE d.event_id = webhook_events.id)
  AND object_seq < (SELECT max(later.object_seq) FROM webhook_events AS later
    WHERE later.tenant_id = webhook_events.tenant_id AND later.object_id = webhook_events.object_id)`;

/**
 * Removes an endpoint with its secrets, its delivery log and the events only it was sent;
 * returns how many deliveries were still pending (cancelled: never sent).
 */
export async function deleteEndpointRows(trx: Transaction<DB>, tenantId: string, endpointId: string) {
  const pending = await trx
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const events = await trx
    .selectFrom('webhook_deliveries')
    .select('event_id')
    .where('tenant_id', '=', tenantId)
    .where('endpoint_id', '=', endpointId)
    .execute();
  // Children first; each table named literally, as the table-owners check reads them.
  await trx
    .deleteFrom('webhook_attempts')
    .where('tenant_id', '=', tenantId)
    .where('endpoint_id', '=', endpointId)
    .execute();
  await trx
    .deleteFrom('webhook_deliveries')
    .where('tenant_id', '=', tenantId)
    .where('endpoint_id', '=', endpointId)
    .execute();
  await trx
    .deleteFrom('webhook_secrets')
    .where('tenant_id', '=', tenantId)
    .where('endpoint_id', '=', endpointId)
    .execute();
  await trx
    .deleteFrom('webhook_endpoints')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', endpointId)
    .execute();
  const eventIds = [...new Set(events.map((e) => e.event_id))];
  for (let i = 0; i < eventIds.length; i += 500) {
    await trx
      .deleteFrom('webhook_events')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', eventIds.slice(i, i + 500))
      .where(UNREFERENCED_EVENT)
      .execute();
  }
  return Number(pending.n);
}

/**
 * Deletes up to `limit` deliveries settled before `cutoff` (or still pending since before it)
 * with their attempts, in one transaction; returns how many of each went.
 */
export async function pruneDeliveryBatch(
  db: Kysely<DB>,
  tenantId: string,
  cutoff: number,
  limit: number,
): Promise<{ deliveries: number; attempts: number }> {
  return db.transaction().execute(async (trx) => {
    const ids = (
      await trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('tenant_id', '=', tenantId)
        // finished_at is never before created_at, so this narrows by the index first.
        .where('created_at', '<', cutoff)
        .where((eb) => eb(eb.fn.coalesce('finished_at', 'created_at'), '<', cutoff))
        .limit(limit)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return { deliveries: 0, attempts: 0 };
    const attempts = await trx
      .deleteFrom('webhook_attempts')
      .where('delivery_id', 'in', ids)
      .executeTakeFirst();
    const deliveries = await trx.deleteFrom('webhook_deliveries').where('id', 'in', ids).executeTakeFirst();
    return { deliveries: Number(deliveries.numDeletedRows), attempts: Number(attempts.numDeletedRows) };
  });
}

/**
 * Looks at up to `limit` events made before `cutoff`, after `afterId` in id (that is, time)
 * order, and deletes those no delivery references (each object's latest stays); returns how
 * many went and where the next look starts (null when none were left to look at).
 */
export async function pruneEventBatch(
  db: Kysely<DB>,
  tenantId: string,
  cutoff: number,
  afterId: string,
  limit: number,
): Promise<{ events: number; nextAfter: string | null }> {
  const looked = await db
    .selectFrom('webhook_events')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '>', afterId)
    .where('created_at', '<', cutoff)
    .orderBy('id')
    .limit(limit)
    .execute();
  if (looked.length === 0) return { events: 0, nextAfter: null };
  const result = await db
    .deleteFrom('webhook_events')
    .where(
      'id',
      'in',
      looked.map((r) => r.id),
    )
    .where(UNREFERENCED_EVENT)
    .executeTakeFirst();
  return { events: Number(result.numDeletedRows), nextAfter: looked.at(-1)?.id ?? null };
}
