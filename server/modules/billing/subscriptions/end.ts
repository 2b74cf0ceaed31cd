import type { Transaction } from 'kysely';
import type { SubscriptionCommand } from '../../../../shared/billing/subscription-machine';
import type { EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { recordEvent } from '../repo/events';
import { advance, persist } from '../transitions';
import type { Subscription } from '../types';
import { cancelSubscriptionJobs } from './schedule';

/**
 * Ends a subscription, however it ends: the move to canceled, its pending jobs dropped
 * (nothing more renews or retries), and the reason in its history.
 */
export async function endSubscription(
  trx: Transaction<DB>,
  tenantId: string,
  s: Subscription,
  how: {
    command: Extract<
      SubscriptionCommand,
      'cancel_now' | 'expire' | 'trial_lapsed' | 'period_ended_canceling'
    >;
    reason: string;
    data?: Record<string, unknown>;
  },
  now: number,
): Promise<EntityChange> {
  // As Stripe has it, canceled_at is when the cancellation was asked for: the scheduling, for a period end.
  const canceledAt = how.command === 'period_ended_canceling' ? (s.canceledAt ?? now) : now;
  const next = advance(s, how.command, { endedAt: now, canceledAt }, now);
  await cancelSubscriptionJobs(trx, tenantId, s.id, now);
  await recordEvent(
    trx,
    tenantId,
    {
      type: 'subscription.canceled',
      customerId: s.customerId,
      subjectId: s.id,
      data: { reason: how.reason, ...how.data },
    },
    now,
  );
  return persist(trx, tenantId, s, next);
}
