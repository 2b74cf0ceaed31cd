import { type Kysely, type Transaction } from 'kysely';
import type { WebhookAttemptView, WebhookDeliveryView } from '../../../shared/webhooks/schema';
import type { DB } from '../../db/schema';
import { decodeCursor, encodeCursor } from '../../lib/keyset-cursor';
import { eventOf } from './stored-event';

/** The delivery log as the console reads it: an endpoint's deliveries, one delivery, its attempts. */

type Db = Kysely<DB> | Transaction<DB>;

const DELIVERY_COLUMNS = [
  'd.id',
  'd.event_id',
  'e.type',
  'd.object_id',
  'd.object_seq',
  'd.status',
  'd.attempts',
  'd.next_attempt_at',
  'd.last_response_code',
  'd.last_error',
  'd.created_at',
  'd.finished_at',
] as const;

type DeliveryRow = {
  id: string;
  event_id: string;
  type: string;
  object_id: string;
  object_seq: number;
  status: WebhookDeliveryView['status'];
  attempts: number;
  next_attempt_at: number | null;
  last_response_code: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
};

function toDelivery(r: DeliveryRow): WebhookDeliveryView {
  return {
    id: r.id,
    eventId: r.event_id,
    eventType: r.type,
    objectId: r.object_id,
    sequence: r.object_seq,
    status: r.status,
    attempts: r.attempts,
    // While an attempt is in hand the column holds its lease's end: not a time to show.
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastResponseCode: r.last_response_code,
    lastError: r.last_error,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** One endpoint's deliveries, newest first, a page at a time. */
export async function listDeliveries(
  db: Db,
  tenantId: string,
  input: { endpointId: string; cursor?: string | null; limit: number },
): Promise<{ items: WebhookDeliveryView[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .select(DELIVERY_COLUMNS)
    .where('d.tenant_id', '=', tenantId)
    .where('d.endpoint_id', '=', input.endpointId);
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    query = query.where((eb) =>
      eb.or([
        eb('d.created_at', '<', Number(after.value)),
        eb.and([eb('d.created_at', '=', Number(after.value)), eb('d.id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDelivery),
    nextCursor:
      rows.length > input.limit && last ? encodeCursor({ value: last.created_at, id: last.id }) : null,
  };
}

export async function findDelivery(db: Db, tenantId: string, id: string) {
  const row = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .select([...DELIVERY_COLUMNS, 'd.endpoint_id', 'e.data', 'e.created_at as event_created_at'])
    .where('d.tenant_id', '=', tenantId)
    .where('d.id', '=', id)
    .executeTakeFirst();
  return row && { ...toDelivery(row), endpointId: row.endpoint_id, event: eventOf(row) };
}

export async function attemptsOf(
  db: Db,
  tenantId: string,
  deliveryId: string,
): Promise<WebhookAttemptView[]> {
  const rows = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('delivery_id', '=', deliveryId)
    .orderBy('attempt')
    .execute();
  return rows.map((r) => ({
    attempt: r.attempt,
    at: r.at,
    durationMs: r.duration_ms,
    outcome: r.outcome,
    responseCode: r.response_code,
    responseExcerpt: r.response_excerpt,
    error: r.error,
  }));
}
