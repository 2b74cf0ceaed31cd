import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { skipClaimedRows } from '../../db/locks';
import type { DB } from '../../db/schema';
import { liveSecrets } from './secrets';
import { eventOf, type StoredEvent } from './stored-event';

/** The delivery queue the sender works: claim under a lease, record the attempt, finish or requeue. */

type Db = Kysely<DB> | Transaction<DB>;

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
        ${skipClaimedRows(db, 'd')}
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
