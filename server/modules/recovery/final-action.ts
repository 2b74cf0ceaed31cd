import type { Transaction } from 'kysely';
import type { FinalAction } from '../../../shared/billing/recovery-schema';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { cancelRecoveryJobs } from './jobs-schedule';
import { findRecovery, updateRecovery } from './repo';
import { invoiceChange, recoveryChange } from './changes';
import {
  advance,
  endSubscription,
  findInvoice,
  findSubscription,
  persistWithHistory,
  recordEvent,
  updateInvoice,
} from '../billing';

type Trx = Transaction<DB>;

/** What the final action does to the invoice's subscription, if anything. */
async function settleSubscription(
  trx: Trx,
  tenantId: string,
  subscriptionId: string,
  action: FinalAction,
  now: number,
): Promise<EntityChange[]> {
  const s = await findSubscription(trx, tenantId, subscriptionId);
  if (!s || s.status === 'canceled') return [];
  // A subscription already set to cancel is canceled rather than kept unpaid, as its customer asked.
  if (action === 'cancel' || s.cancelAtPeriodEnd) {
    const how = { command: 'cancel_now', reason: 'payment_failed' } as const;
    return [await endSubscription(trx, tenantId, s, how, now)];
  }
  if (s.status !== 'past_due') return [];
  return [await persistWithHistory(trx, tenantId, s, advance(s, 'mark_unpaid', {}, now), 'mark_unpaid', now)];
}

/**
 * Recovery gives up on an invoice: it is marked uncollectible (it can still be paid out of
 * band later) and the tenant's final action ends or suspends its subscription.
 */
export async function takeFinalAction(
  trx: Trx,
  tenantId: string,
  invoiceId: string,
  action: FinalAction,
  now: number,
): Promise<EntityChange[]> {
  const before = await findInvoice(trx, tenantId, invoiceId);
  const recovery = await findRecovery(trx, tenantId, invoiceId);
  if (!before || !recovery) return [];
  const changes: EntityChange[] = [];
  if (before.status === 'open') {
    await updateInvoice(
      trx,
      tenantId,
      invoiceId,
      { status: 'uncollectible', uncollectibleAt: now, nextAttemptAt: null },
      now,
    );
    await recordEvent(
      trx,
      tenantId,
      {
        type: 'invoice.marked_uncollectible',
        customerId: before.customerId,
        subjectId: invoiceId,
        data: { number: before.number, byRecovery: true },
      },
      now,
    );
    changes.push(await invoiceChange(trx, tenantId, before));
  }
  if (before.subscriptionId)
    changes.push(...(await settleSubscription(trx, tenantId, before.subscriptionId, action, now)));
  await updateRecovery(
    trx,
    tenantId,
    invoiceId,
    { status: 'final_action_taken', nextAttemptAt: null, endedAt: now },
    now,
  );
  await cancelRecoveryJobs(trx, tenantId, invoiceId, now);
  changes.push(await recoveryChange(trx, tenantId, recovery));
  return changes;
}
