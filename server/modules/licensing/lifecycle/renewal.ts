import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { DomainError } from '../../../lib/errors';

/**
 * What staff's `licenses.renew` does to a SUBSCRIPTION-duration license (decision 159, "Renewing a
 * license whose subscription ended"): the license takes its subscription's current period end,
 * and only a subscription with a period still to come can give one. An ended subscription (it
 * cannot be reactivated), one that never started, and one whose period is over without renewing
 * (paused, or waiting on a payment) are refused, each saying what would renew the license.
 */

export interface RenewalSubscription {
  id: string;
  status: string;
  currentPeriodEnd: number;
  endedAt: number | null;
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The expiry a renewal gives a license that follows `sub` at `now`, or a refusal naming why not. */
export function renewalExpiry(sub: RenewalSubscription, now: number): number {
  if (sub.status === 'canceled' || sub.endedAt !== null) {
    throw new DomainError(
      'INVALID_STATE',
      `The license follows subscription ${sub.id}, which ended on ${day(sub.endedAt ?? sub.currentPeriodEnd)}: ` +
        'there is no period to renew it to, and an ended subscription cannot be reactivated. Start a new ' +
        'subscription for the customer and issue a license under it, or issue one under a FIXED policy.',
    );
  }
  if (sub.status === 'incomplete') {
    throw new DomainError(
      'INVALID_STATE',
      `The license follows subscription ${sub.id}, which never started (its first payment is incomplete): ` +
        'it renews once the subscription is paid.',
    );
  }
  if (sub.currentPeriodEnd <= now) {
    const remedy =
      sub.status === 'paused'
        ? 'resume the subscription, and the license is extended with its new period'
        : 'the license is extended when the subscription renews';
    throw new DomainError(
      'INVALID_STATE',
      `Subscription ${sub.id} is ${sub.status.replace('_', ' ')} and its period ended on ` +
        `${day(sub.currentPeriodEnd)} without renewing: ${remedy}.`,
    );
  }
  return sub.currentPeriodEnd;
}

/** The renewal expiry of a SUBSCRIPTION-duration license, read from its subscription in `trx`. */
export async function subscriptionRenewalExpiry(
  trx: Transaction<DB>,
  license: { tenant_id: string; customer_id: string; subscription_id: string | null },
  now: number,
): Promise<number> {
  if (license.subscription_id === null) {
    throw new DomainError(
      'INVALID_STATE',
      'This license follows a subscription but names none (its customer changed): issue the customer a ' +
        'license under their subscription, or one under a FIXED policy, to renew it.',
    );
  }
  const sub = await trx
    .selectFrom('subscriptions')
    .select(['id', 'status', 'current_period_end', 'ended_at'])
    .where('tenant_id', '=', license.tenant_id)
    .where('customer_id', '=', license.customer_id)
    .where('id', '=', license.subscription_id)
    .executeTakeFirst();
  if (!sub) throw new DomainError('NOT_FOUND', `Subscription ${license.subscription_id} was not found`);
  return renewalExpiry(
    { id: sub.id, status: sub.status, currentPeriodEnd: sub.current_period_end, endedAt: sub.ended_at },
    now,
  );
}
