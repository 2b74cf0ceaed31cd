import type { Transaction } from 'kysely';
import type { SubscriptionCommand } from '../../../shared/billing/subscription-machine';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { openInvoicesOfSubscription } from './repo/invoices';
import { findSubscription } from './repo/subscriptions';
import { advance, persistWithHistory } from './transitions';
import type { Invoice } from './types';

type Trx = Transaction<DB>;

/**
 * What a paid invoice does to its subscription: the first invoice activates it, a
 * trial's first invoice converts it, and paying the last overdue invoice recovers it.
 * Runs however the invoice got paid (at once, by a retry, by hand), so none of those
 * paths needs to know about subscriptions.
 */
export async function afterInvoicePaid(
  trx: Trx,
  tenantId: string,
  invoice: Invoice,
  now: number,
): Promise<EntityChange[]> {
  if (!invoice.subscriptionId) return [];
  const subscription = await findSubscription(trx, tenantId, invoice.subscriptionId);
  if (!subscription) return [];
  let command: SubscriptionCommand | null = null;
  if (subscription.status === 'incomplete') command = 'activate';
  else if (subscription.status === 'trialing' && invoice.billingReason === 'subscription_cycle')
    command = 'trial_converted';
  else if (subscription.status === 'past_due' || subscription.status === 'unpaid') {
    const stillOpen = await openInvoicesOfSubscription(trx, tenantId, subscription.id);
    if (stillOpen.length === 0) command = 'payment_recovered';
  }
  if (!command) return [];
  return [
    await persistWithHistory(
      trx,
      tenantId,
      subscription,
      advance(subscription, command, {}, now),
      command,
      now,
    ),
  ];
}

/** What a failed payment does: a trial's or a renewal's failure makes the subscription past due. */
export async function afterInvoicePaymentFailed(
  trx: Trx,
  tenantId: string,
  invoice: Invoice,
  now: number,
): Promise<EntityChange[]> {
  if (!invoice.subscriptionId) return [];
  const subscription = await findSubscription(trx, tenantId, invoice.subscriptionId);
  if (!subscription) return [];
  const command: SubscriptionCommand | null =
    subscription.status === 'trialing'
      ? 'trial_payment_failed'
      : subscription.status === 'active'
        ? 'payment_failed'
        : null;
  if (!command || subscription.cancelAtPeriodEnd) return [];
  return [
    await persistWithHistory(
      trx,
      tenantId,
      subscription,
      advance(subscription, command, {}, now),
      command,
      now,
    ),
  ];
}
