import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { stripeEventListInput } from '../../../shared/stripe-events/schema';
import { cappedTotal } from '../../db/list-totals';
import type { DB } from '../../db/schema';
import { notFound } from '../../lib/errors';
import { decodeCursor } from '../../lib/keyset-cursor';
import { keysetPage } from '../../lib/keyset-page';

type ListInput = z.output<typeof stripeEventListInput>;

/** One page of the inbox, newest received first; the total comes with the first page only. */
export async function listStripeEvents(db: Kysely<DB>, tenantId: string, input: ListInput) {
  const filtered = () => {
    let q = db.selectFrom('stripe_events').where('tenant_id', '=', tenantId);
    if (input.status) q = q.where('status', '=', input.status);
    if (input.type) q = q.where('type', '=', input.type);
    if (input.from != null) q = q.where('received_at', '>=', input.from);
    if (input.to != null) q = q.where('received_at', '<', input.to);
    return q;
  };
  let page = filtered().select([
    'event_id',
    'type',
    'object_id',
    'status',
    'attempts',
    'source',
    'created',
    'received_at',
    'next_attempt_at',
    'last_error',
  ]);
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    page = page.where((eb) =>
      eb(eb.refTuple('received_at', 'event_id'), '<', eb.tuple(Number(cursor.value), cursor.id)),
    );
  }
  const rows = await page
    .orderBy('received_at', 'desc')
    .orderBy('event_id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return keysetPage(rows, input.limit, {
    item: (r) => ({
      id: r.event_id,
      type: r.type,
      objectId: r.object_id,
      status: r.status,
      attempts: r.attempts,
      source: r.source,
      createdAt: r.created,
      receivedAt: r.received_at,
      nextAttemptAt: r.status === 'failed' ? r.next_attempt_at : null,
      lastError: r.last_error,
    }),
    cursorOf: (r) => ({ value: r.received_at, id: r.event_id }),
    total: input.cursor ? null : await cappedTotal(filtered(), db),
  });
}

/** One event with its payload and what happened to it, oldest first. */
export async function getStripeEvent(db: Kysely<DB>, tenantId: string, eventId: string) {
  const row = await db
    .selectFrom('stripe_events')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  if (!row) throw notFound('Event');
  const history = await db
    .selectFrom('stripe_event_attempts')
    .select(['at', 'outcome', 'error', 'actor_name'])
    .where('tenant_id', '=', tenantId)
    .where('event_id', '=', eventId)
    .orderBy('at')
    // Two entries can share a millisecond (a replay, then its attempt): keep insertion order.
    .orderBy(sql`rowid`)
    .execute();
  return {
    id: row.event_id,
    type: row.type,
    objectId: row.object_id,
    status: row.status,
    attempts: row.attempts,
    source: row.source,
    livemode: row.livemode === 1,
    createdAt: row.created,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
    nextAttemptAt: row.status === 'failed' ? row.next_attempt_at : null,
    lastError: row.last_error,
    payload: row.payload,
    history: history.map((h) => ({ at: h.at, outcome: h.outcome, error: h.error, actorName: h.actor_name })),
  };
}
