import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect';
import { skipClaimedRows } from '../../db/locks';
import type { DB } from '../../db/schema';
import type { StripeEventStatus } from '../../db/schema-stripe-events';

/** An event a processor holds until its lease ends. `attempts` counts this one too. */
export interface ClaimedEvent {
  tenantId: string;
  eventId: string;
  type: string;
  payload: string;
  attempts: number;
}

/**
 * Takes the due event with the oldest Stripe time: one atomic UPDATE that counts the
 * attempt and pushes `next_attempt_at` to the lease's end, so a second processor skips it
 * and a crashed one's event comes due again. The status literals match the partial index
 * `stripe_events_due` (bound parameters would keep SQLite from using it).
 */
export async function claimNextEvent(
  db: Kysely<DB>,
  options: { now: number; leaseUntil: number },
): Promise<ClaimedEvent | undefined> {
  const { rows } = await sql<ClaimedEvent>`
    UPDATE stripe_events
    SET attempts = attempts + 1, next_attempt_at = ${options.leaseUntil}
    WHERE (tenant_id, event_id) = (
        SELECT tenant_id, event_id FROM stripe_events
        WHERE status IN ('pending', 'failed') AND next_attempt_at <= ${options.now}
        ORDER BY created, event_id
        LIMIT 1
        ${skipClaimedRows(db)}
      )
      AND status IN ('pending', 'failed')
      AND next_attempt_at <= ${options.now}
    RETURNING tenant_id AS "tenantId", event_id AS "eventId", type, payload, attempts
  `.execute(db);
  return rows[0];
}

export type Finish =
  | { status: 'processed' | 'ignored' | 'stale' }
  | { status: 'failed'; error: string; retryAt: number }
  | { status: 'dead'; error: string };

/**
 * Records an attempt's outcome, with its history row, in one transaction. Fenced by the
 * attempt count: if the lease ran out and another processor took the event over, this
 * older attempt's outcome is dropped (returns false) rather than overwriting the newer one.
 */
export async function finishEvent(
  db: Kysely<DB>,
  event: ClaimedEvent,
  finish: Finish,
  now: number,
): Promise<boolean> {
  const error = 'error' in finish ? finish.error.slice(0, 2000) : null;
  if (dialectOf(db) === 'postgres') return finishInOneStatement(db, event, finish, error, now);
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('stripe_events')
      .set({
        status: finish.status satisfies StripeEventStatus,
        last_error: error,
        processed_at: error === null ? now : null,
        ...(finish.status === 'failed' ? { next_attempt_at: finish.retryAt } : {}),
      })
      .where('tenant_id', '=', event.tenantId)
      .where('event_id', '=', event.eventId)
      .where('attempts', '=', event.attempts)
      .where('status', 'in', ['pending', 'failed'])
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto('stripe_event_attempts')
      .values({
        tenant_id: event.tenantId,
        event_id: event.eventId,
        at: now,
        outcome: finish.status,
        error,
        actor_name: null,
      })
      .execute();
    return true;
  });
}

/**
 * finishEvent on PostgreSQL: the update and its history row in one statement (a data-modifying
 * WITH), atomic as the transaction is, in one round trip instead of four (BEGIN, UPDATE, INSERT,
 * COMMIT). The processor runs beside the webhook endpoint in every instance, and round trips
 * are most of what both cost (docs/postgres.md, the webhook bench). SQLite has no UPDATE in WITH.
 */
async function finishInOneStatement(
  db: Kysely<DB>,
  event: ClaimedEvent,
  finish: Finish,
  error: string | null,
  now: number,
): Promise<boolean> {
  const retryAt = finish.status === 'failed' ? finish.retryAt : null;
  const { rows } = await sql<{ finished: number }>`
    WITH finished AS (
      UPDATE stripe_events
      SET status = ${finish.status satisfies StripeEventStatus}, last_error = ${error}::text,
        processed_at = ${error === null ? now : null}::bigint,
        next_attempt_at = COALESCE(${retryAt}::bigint, next_attempt_at)
      WHERE tenant_id = ${event.tenantId} AND event_id = ${event.eventId}
        AND attempts = ${event.attempts} AND status IN ('pending', 'failed')
      RETURNING tenant_id, event_id
    )
    INSERT INTO stripe_event_attempts (tenant_id, event_id, at, outcome, error, actor_name)
    SELECT tenant_id, event_id, ${now}::bigint, ${finish.status}::text, ${error}::text, NULL FROM finished
    RETURNING 1 AS finished
  `.execute(db);
  return rows.length === 1;
}
