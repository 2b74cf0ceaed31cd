import { sql, type Kysely, type Transaction } from 'kysely';
import { newId } from '../../../../shared/ids';
import { serializeOn } from '../../../db/locks';
import type { DB } from '../../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The billing events notifications and timelines read. Each event's `data` is part of
 * the contract with the emails module:
 * - invoice.payment_failed: { number, paymentId, failureCode, attempt, nextAttemptAt (ms or null: no
 *   more retries), hardDecline (boolean) }
 * - invoice.final_notice: { number, amount, currency, nextAttemptAt (the last retry), finalAction }
 * - invoice.recovered: { number, amount, currency, attempt (the charge attempt that paid it; null when
 *   paid out of band) } (paid after at least one failure)
 * - invoice.paid: { number, paymentId (null when paid out of band or nothing was due), recovered (boolean) }
 * - invoice.voided / invoice.marked_uncollectible: { number, byRecovery (boolean) }
 * - subscription.canceled: { reason, ... }
 * - subscription.created / .updated / .canceled mirrored from Stripe Billing carry { status,
 *   reason: 'stripe', managedBy: 'stripe' } (Stripe Billing may email those customers itself).
 */
export const BILLING_EVENT_TYPES = [
  'subscription.created',
  'subscription.trial_will_end',
  'subscription.updated',
  'subscription.canceled',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.final_notice',
  'invoice.recovered',
  'invoice.voided',
  'invoice.marked_uncollectible',
  'charge.refunded',
  'charge.dispute.created',
  'payment_method.attached',
  'payment_method.detached',
] as const;
export type BillingEventType = (typeof BILLING_EVENT_TYPES)[number];

export async function recordEvent(
  db: Db,
  tenantId: string,
  event: {
    type: BillingEventType;
    customerId: string | null;
    subjectId: string;
    data: Record<string, unknown>;
  },
  occurredAt: number,
): Promise<void> {
  // The email dispatcher follows this table by rowid with a cursor. On PostgreSQL an identity
  // drawn in one transaction can commit after a higher one, and the cursor would pass it for
  // good; writers of events take turns until they commit, so rowid order is commit order.
  await serializeOn(db, 'billing-events');
  await db
    .insertInto('billing_events')
    .values({
      id: newId('evt', occurredAt),
      tenant_id: tenantId,
      type: event.type,
      customer_id: event.customerId,
      subject_id: event.subjectId,
      data: JSON.stringify(event.data),
      occurred_at: occurredAt,
    })
    .execute();
}

export async function eventsOfSubject(db: Db, tenantId: string, subjectId: string, limit = 100) {
  const rows = await db
    .selectFrom('billing_events')
    .select(['id', 'type', 'data', 'occurred_at'])
    .where('tenant_id', '=', tenantId)
    .where('subject_id', '=', subjectId)
    .orderBy('occurred_at', 'desc')
    // Insertion order breaks ties: several events share a moment (a trial ending and its invoice being paid).
    .orderBy(sql`rowid`, 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    data: JSON.parse(r.data) as Record<string, unknown>,
    occurredAt: r.occurred_at,
  }));
}
