import type Database from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type Stripe from 'stripe';
import type { DB } from '../../db/schema';
import type { StripeEventSource } from '../../db/schema-stripe-events';

type Db = Kysely<DB> | Transaction<DB>;

/** An event as the inbox stores it; `payload` is the JSON the event arrived as. */
export interface InboxEvent {
  tenantId: string;
  eventId: string;
  type: string;
  objectId: string | null;
  /** Stripe's `created`, in ms. */
  created: number;
  livemode: boolean;
  payload: string;
  source: StripeEventSource;
}

/** The id of the object an event is about, when its snapshot carries one. */
function objectIdOf(event: Stripe.Event): string | null {
  const object = event.data.object as { id?: unknown };
  return typeof object.id === 'string' ? object.id : null;
}

/** The inbox row for a verified event; `payload` is kept byte for byte as it arrived. */
export function inboxEvent(
  tenantId: string,
  event: Stripe.Event,
  payload: string,
  source: StripeEventSource,
): InboxEvent {
  return {
    tenantId,
    eventId: event.id,
    type: event.type,
    objectId: objectIdOf(event),
    created: event.created * 1000,
    livemode: event.livemode,
    payload,
    source,
  };
}

/** The `stripe_events` row an event is stored as, received at `now`. */
export function inboxRow(event: InboxEvent, now: number) {
  return {
    tenant_id: event.tenantId,
    event_id: event.eventId,
    type: event.type,
    object_id: event.objectId,
    created: event.created,
    livemode: event.livemode ? (1 as const) : (0 as const),
    payload: event.payload,
    source: event.source,
    next_attempt_at: now,
    received_at: now,
  };
}

/** Stores an event unless the tenant already has it; true when it was new. */
export async function insertInboxEvent(db: Db, event: InboxEvent, now: number): Promise<boolean> {
  const result = await db
    .insertInto('stripe_events')
    .values(inboxRow(event, now))
    .onConflict((oc) => oc.columns(['tenant_id', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/**
 * The webhook path's insert as one prepared statement: the endpoint's cost is mostly this
 * insert, and building the query each time would double it (bench/webhooks.ts). Callers
 * run it while holding Kysely's connection, so it never lands inside someone's transaction.
 */
export function preparedInboxInsert(sqlite: Database.Database): (event: InboxEvent, now: number) => boolean {
  const statement = sqlite.prepare(/* sql */ `
    INSERT INTO stripe_events (tenant_id, event_id, type, object_id, created, livemode, payload,
      source, next_attempt_at, received_at)
    VALUES (@tenant_id, @event_id, @type, @object_id, @created, @livemode, @payload,
      @source, @next_attempt_at, @received_at)
    ON CONFLICT (tenant_id, event_id) DO NOTHING
  `);
  return (event, now) => statement.run(inboxRow(event, now)).changes === 1;
}
