import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { WebhookEventType } from '../../../shared/webhooks/event-types';
import type {
  WebhookAttemptView,
  WebhookDeliveryView,
  WebhookEndpointView,
} from '../../../shared/webhooks/schema';
import type { DB } from '../../db/schema';
import { decodeCursor, encodeCursor } from '../../lib/keyset-cursor';
import { insertSecret, liveSecrets } from './secrets';

type Db = Kysely<DB> | Transaction<DB>;
type EndpointRow = Selectable<DB['webhook_endpoints']>;

/** The older secrets the row names that still sign at `now` (an expired one may linger until its job runs). */
function expiringAt(row: EndpointRow, now: number): WebhookEndpointView['expiringSecrets'] {
  const listed = JSON.parse(row.expiring_secrets ?? '[]') as { hint: string; expires_at: number }[];
  return listed.filter((s) => s.expires_at > now).map((s) => ({ hint: s.hint, expiresAt: s.expires_at }));
}

export function toEndpoint(
  row: EndpointRow,
  last: WebhookEndpointView['lastDelivery'],
  now: number,
): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as WebhookEventType[],
    status: row.status,
    disabledReason: row.disabled_reason,
    secretHint: row.secret_hint,
    expiringSecrets: expiringAt(row, now),
    failingSince: row.failing_since,
    lastDelivery: last,
    createdAt: row.created_at,
  };
}

/** The endpoint row as the audit trail keeps it: everything but the secret, which is not on it. */
export const endpointSnapshot = (row: EndpointRow) => ({ ...row }) as Record<string, unknown>;

export async function insertEndpoint(db: Db, row: EndpointRow, secret: string): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
  await insertSecret(db, row, secret, row.created_at);
}

export async function findEndpointRow(
  db: Db,
  tenantId: string,
  id: string,
): Promise<EndpointRow | undefined> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Saves `next` over the endpoint if nobody changed it since `version` was read. */
export async function saveEndpoint(db: Db, next: EndpointRow, version: number): Promise<boolean> {
  const { id, tenant_id, created_at: _created, ...changes } = next;
  const result = await db
    .updateTable('webhook_endpoints')
    .set(changes)
    .where('id', '=', id)
    .where('tenant_id', '=', tenant_id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function lastDeliveries(db: Db, endpointIds: readonly string[]) {
  if (endpointIds.length === 0) return new Map<string, WebhookEndpointView['lastDelivery']>();
  const rows = await db
    .selectFrom('webhook_attempts as a')
    .select(['a.endpoint_id', 'a.outcome', 'a.at', 'a.response_code'])
    .where('a.endpoint_id', 'in', endpointIds)
    .where('a.at', '=', (eb) =>
      eb
        .selectFrom('webhook_attempts as b')
        .select((b) => b.fn.max('b.at').as('at'))
        .whereRef('b.endpoint_id', '=', 'a.endpoint_id'),
    )
    .execute();
  return new Map(
    rows.map((r) => [r.endpoint_id, { status: r.outcome, at: r.at, responseCode: r.response_code }] as const),
  );
}

/** A tenant's endpoints, oldest first, each with its last attempt and the older secrets still signing at `now`. */
export async function listEndpoints(db: Db, tenantId: string, now: number): Promise<WebhookEndpointView[]> {
  const rows = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();
  const ids = rows.map((r) => r.id);
  const last = await lastDeliveries(db, ids);
  return rows.map((r) => toEndpoint(r, last.get(r.id) ?? null, now));
}

export async function endpointView(db: Db, row: EndpointRow, now: number): Promise<WebhookEndpointView> {
  return toEndpoint(row, (await lastDeliveries(db, [row.id])).get(row.id) ?? null, now);
}

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

/** What `eventBody` needs of an event row. */
export interface StoredEvent {
  id: string;
  type: string;
  objectId: string;
  sequence: number;
  data: string;
  createdAt: number;
}

const eventOf = (row: {
  event_id: string;
  type: string;
  object_id: string;
  object_seq: number;
  data: string;
  event_created_at: number;
}): StoredEvent => ({
  id: row.event_id,
  type: row.type,
  objectId: row.object_id,
  sequence: row.object_seq,
  data: row.data,
  createdAt: row.event_created_at,
});

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

/** A delivery an attempt holds until its lease ends. `attempts` counts this one. */
export interface ClaimedDelivery {
  id: string;
  tenantId: string;
  endpointId: string;
  attempts: number;
  attemptsBeforeReplay: number;
  url: string;
  /** Every secret that signs now, the current one first (more than one while a rolled secret expires). */
  secrets: string[];
  event: StoredEvent;
}

/**
 * Takes a due delivery of an enabled endpoint whose earlier events about the same object,
 * to the same endpoint, are all settled (delivered or given up): one UPDATE that counts the
 * attempt and moves `next_attempt_at` to the lease's end, so it is not taken twice, and a
 * crashed sender's delivery comes due again. The pending literal matches the partial indexes.
 */
export async function claimNextDelivery(
  db: Kysely<DB>,
  options: { now: number; leaseUntil: number },
): Promise<ClaimedDelivery | undefined> {
  const { rows } = await sql<{ id: string }>`
    UPDATE webhook_deliveries
    SET attempts = attempts + 1, next_attempt_at = ${options.leaseUntil}, updated_at = ${options.now}
    WHERE id = (
        SELECT d.id FROM webhook_deliveries AS d
        JOIN webhook_endpoints AS ep ON ep.id = d.endpoint_id AND ep.status = 'enabled'
        WHERE d.status = 'pending' AND d.next_attempt_at <= ${options.now}
          AND NOT EXISTS (
            SELECT 1 FROM webhook_deliveries AS earlier
            WHERE earlier.endpoint_id = d.endpoint_id AND earlier.object_id = d.object_id
              AND earlier.status = 'pending' AND earlier.object_seq < d.object_seq)
        ORDER BY d.next_attempt_at, d.created_at, d.object_seq
        LIMIT 1
      )
      AND status = 'pending' AND next_attempt_at <= ${options.now}
    RETURNING id
  `.execute(db);
  const id = rows[0]?.id;
  if (!id) return undefined;
  const row = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as ep', 'ep.id', 'd.endpoint_id')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .select([
      'd.id',
      'd.tenant_id',
      'd.endpoint_id',
      'd.attempts',
      'd.attempts_before_replay',
      'ep.url',
      'd.event_id',
      'e.type',
      'e.object_id',
      'e.object_seq',
      'e.data',
      'e.created_at as event_created_at',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  // Its endpoint was deleted between the claim and this read: the delivery went with it.
  if (!row) return undefined;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    endpointId: row.endpoint_id,
    attempts: row.attempts,
    attemptsBeforeReplay: row.attempts_before_replay,
    url: row.url,
    secrets: (await liveSecrets(db, row.endpoint_id, options.now)).map((s) => s.secret),
    event: eventOf(row),
  };
}

export type DeliveryFinish =
  { status: 'succeeded' } | { status: 'pending'; retryAt: number } | { status: 'failed' };

/**
 * Records an attempt's outcome on the delivery, fenced by the attempt count: if the lease
 * ran out and another attempt took over, this older one's outcome is dropped (false).
 */
export async function finishDelivery(
  trx: Transaction<DB>,
  claimed: ClaimedDelivery,
  finish: DeliveryFinish,
  result: { responseCode: number | null; error: string | null },
  now: number,
): Promise<boolean> {
  const done = finish.status !== 'pending';
  const updated = await trx
    .updateTable('webhook_deliveries')
    .set({
      status: finish.status,
      next_attempt_at: finish.status === 'pending' ? finish.retryAt : null,
      last_response_code: result.responseCode,
      last_error: result.error,
      finished_at: done ? now : null,
      updated_at: now,
    })
    .where('id', '=', claimed.id)
    .where('attempts', '=', claimed.attempts)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function insertAttempt(db: Db, row: Selectable<DB['webhook_attempts']>): Promise<void> {
  await db.insertInto('webhook_attempts').values(row).execute();
}

/** Puts a settled delivery back in the queue; backoff counts from here. False when it is still pending. */
export async function requeueDelivery(db: Db, tenantId: string, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: 'pending',
      attempts_before_replay: eb.ref('attempts'),
      next_attempt_at: now,
      finished_at: null,
      updated_at: now,
    }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

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

/** Deletes up to `limit` rows of one kind the retention drops; returns how many went. */
export async function pruneBatch(
  db: Kysely<DB>,
  tenantId: string,
  kind: 'attempts' | 'deliveries' | 'events',
  cutoff: number,
  limit: number,
): Promise<number> {
  const statement =
    kind === 'attempts'
      ? sql`DELETE FROM webhook_attempts WHERE id IN (
          SELECT a.id FROM webhook_attempts AS a JOIN webhook_deliveries AS d ON d.id = a.delivery_id
          WHERE a.tenant_id = ${tenantId} AND coalesce(d.finished_at, d.created_at) < ${cutoff}
          LIMIT ${limit})`
      : kind === 'deliveries'
        ? // Settled deliveries past the retention, and pending ones as old (only an endpoint kept
          // disabled holds a delivery that long; a month-old event is no longer sent).
          sql`DELETE FROM webhook_deliveries WHERE id IN (
            SELECT d.id FROM webhook_deliveries AS d
            WHERE d.tenant_id = ${tenantId} AND coalesce(d.finished_at, d.created_at) < ${cutoff}
              AND NOT EXISTS (SELECT 1 FROM webhook_attempts AS a WHERE a.delivery_id = d.id)
            LIMIT ${limit})`
        : sql`DELETE FROM webhook_events WHERE id IN (
            SELECT id FROM webhook_events WHERE tenant_id = ${tenantId} AND created_at < ${cutoff} AND ${UNREFERENCED_EVENT}
            LIMIT ${limit})`;
  const result = await statement.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
