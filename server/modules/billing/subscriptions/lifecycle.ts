import { boundary } from '../../../../shared/billing/periods';
import { prorate } from '../../../../shared/billing/proration';
import { money } from '../../../../shared/money';
import type { Transaction } from 'kysely';
import { runCommand, type CommandScope } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { BugIndicatingError, DomainError } from '../../../lib/errors';
import { collectInvoice } from '../collection';
import { subscriptionsChanged, type BillingDeps, type StaffRequest } from '../deps';
import { issueInvoice } from '../invoicing';
import { recordBalanceChange } from '../repo/balance';
import { billablePrice } from '../repo/prices';
import { findSubscription } from '../repo/subscriptions';
import { advance, persistWithHistory } from '../transitions';
import type { Subscription } from '../types';
import { planLine } from './lines';
import { loadForAction, reload } from './load';
import { endSubscription } from './end';
import { askStripe, stripeAsks, stripeRef } from './stripe-managed';
import { cancelSubscriptionJobs, schedulePeriodEnd, scheduleResume } from './schedule';

async function reread(deps: BillingDeps, tenantId: string, id: string): Promise<Subscription> {
  const subscription = await findSubscription(deps.db, tenantId, id);
  if (!subscription) throw new BugIndicatingError(`subscription ${id} vanished`);
  return subscription;
}

/** Whether the current period's invoice was paid: only then is unused time owed back. */
async function periodWasPaid(trx: Transaction<DB>, tenantId: string, s: Subscription): Promise<boolean> {
  const row = await trx
    .selectFrom('invoices')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('subscription_id', '=', s.id)
    .where('status', '=', 'paid')
    .where('period_start', '=', s.currentPeriodStart)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Stripe-managed subscriptions: every staff action here is sent to Stripe instead
 * (./stripe-managed.ts) and confirmed by the webhook that follows.
 *
 * Cancels now (access ends at once; with `prorate`, the unused time of a paid period is
 * credited to the customer's balance) or at the period's end (access until then, and
 * undoable before it).
 */
export async function cancelSubscription(
  request: StaffRequest,
  input: { id: string; when: 'now' | 'period_end'; prorate: boolean },
): Promise<Subscription> {
  const ref = await stripeRef(request, input.id);
  if (ref) return askStripe(request, input.id, ref, stripeAsks.cancel(input.when, input.prorate));
  const { customer, scope } = await loadForAction(request, input.id);
  await runCommand(
    scope,
    input.when === 'now' ? 'subscription.canceled' : 'subscription.cancel_scheduled',
    async (trx, now) => {
      const s = await reload(trx, scope.tenantId, input.id);
      if (input.when === 'period_end') {
        const next = advance(s, 'cancel_at_period_end', { canceledAt: now }, now);
        return {
          result: null,
          changes: [await persistWithHistory(trx, scope.tenantId, s, next, 'cancel_at_period_end', now)],
        };
      }
      const how = {
        command: 'cancel_now',
        reason: 'canceled_by_staff',
        data: { prorated: input.prorate },
      } as const;
      const changes = [await endSubscription(trx, scope.tenantId, s, how, now)];
      if (input.prorate && s.status === 'active' && (await periodWasPaid(trx, scope.tenantId, s))) {
        const price = await billablePrice(trx, scope.tenantId, s.priceId);
        if (!price) throw new BugIndicatingError(`price ${s.priceId} vanished`);
        const { unusedCredit } = prorate({
          periodStart: s.currentPeriodStart,
          periodEnd: s.currentPeriodEnd,
          changeAt: now,
          oldAmount: money(price.amount * s.quantity, s.currency),
          newAmount: money(0, s.currency),
        });
        await recordBalanceChange(
          trx,
          scope.tenantId,
          {
            customerId: s.customerId,
            amount: -unusedCredit.amount,
            currency: s.currency,
            kind: 'proration_credit',
            invoiceId: null,
            description: `Unused time on ${price.planName} after cancellation`,
          },
          now,
        );
      }
      return { result: null, changes };
    },
  );
  subscriptionsChanged(request.tenantId, customer.id);
  return reread(request.deps, request.tenantId, input.id);
}

/** Takes back a cancellation scheduled for the period's end. */
export async function undoCancellation(request: StaffRequest, id: string): Promise<Subscription> {
  const ref = await stripeRef(request, id);
  if (ref) return askStripe(request, id, ref, stripeAsks.undoCancel());
  const { customer, scope } = await loadForAction(request, id);
  await runCommand(scope, 'subscription.cancel_undone', async (trx, now) => {
    const s = await reload(trx, scope.tenantId, id);
    const next = advance(s, 'undo_cancel_at_period_end', { canceledAt: null }, now);
    return {
      result: null,
      changes: [await persistWithHistory(trx, scope.tenantId, s, next, 'undo_cancel_at_period_end', now)],
    };
  });
  subscriptionsChanged(request.tenantId, customer.id);
  return reread(request.deps, request.tenantId, id);
}

/** Pauses: no invoices while paused; resumes by itself at `resumeAt` when given. */
export async function pauseSubscription(
  request: StaffRequest,
  input: { id: string; resumeAt: number | null },
): Promise<Subscription> {
  const ref = await stripeRef(request, input.id);
  if (ref) return askStripe(request, input.id, ref, stripeAsks.pause(input.resumeAt));
  const { customer, scope, where } = await loadForAction(request, input.id);
  await runCommand(scope, 'subscription.paused', async (trx, now) => {
    const s = await reload(trx, scope.tenantId, input.id);
    if (input.resumeAt !== null && input.resumeAt <= now) {
      throw new DomainError('INVALID_INPUT', 'The resume date must be in the future', {
        resumeAt: ['Choose a date after now'],
      });
    }
    const next = advance(s, 'pause', { pausedAt: now, resumeAt: input.resumeAt }, now);
    await cancelSubscriptionJobs(trx, scope.tenantId, s.id, now);
    await scheduleResume(trx, where, next, now);
    return { result: null, changes: [await persistWithHistory(trx, scope.tenantId, s, next, 'pause', now)] };
  });
  subscriptionsChanged(request.tenantId, customer.id);
  return reread(request.deps, request.tenantId, input.id);
}

/**
 * Resumes a paused subscription: billing restarts from now with a fresh period, whose
 * invoice is collected at once (a failure makes it past due, as a renewal would).
 */
export async function resumeSubscription(
  deps: BillingDeps,
  scope: CommandScope,
  id: string,
  testClockId: string | null,
): Promise<Subscription> {
  const issued = await runCommand(scope, 'subscription.resumed', async (trx, now) => {
    const s = await reload(trx, scope.tenantId, id);
    const price = await billablePrice(trx, scope.tenantId, s.priceId);
    if (!price) throw new BugIndicatingError(`price ${s.priceId} vanished`);
    const periodEnd = boundary(now, price.interval, 1);
    const next = advance(
      s,
      'resume',
      {
        pausedAt: null,
        resumeAt: null,
        billingAnchor: now,
        currentPeriodStart: now,
        currentPeriodEnd: periodEnd,
      },
      now,
    );
    const changes = [await persistWithHistory(trx, scope.tenantId, s, next, 'resume', now)];
    await cancelSubscriptionJobs(trx, scope.tenantId, s.id, now);
    const { invoice, change } = await issueInvoice(
      trx,
      scope.tenantId,
      {
        customerId: s.customerId,
        subscriptionId: s.id,
        billingReason: 'subscription_cycle',
        currency: s.currency,
        periodStart: now,
        periodEnd,
      },
      [planLine(price, s.quantity, now, periodEnd)],
      now,
    );
    await schedulePeriodEnd(trx, { tenantId: scope.tenantId, testClockId }, next, now);
    return { result: invoice, changes: [...changes, change] };
  });
  if (issued.status === 'open') await collectInvoice(deps, scope, issued.id);
  const subscription = await reread(deps, scope.tenantId, id);
  subscriptionsChanged(scope.tenantId, subscription.customerId);
  return subscription;
}

export async function resumeByStaff(request: StaffRequest, id: string): Promise<Subscription> {
  const ref = await stripeRef(request, id);
  if (ref) return askStripe(request, id, ref, stripeAsks.resume());
  const { scope, customer } = await loadForAction(request, id);
  return resumeSubscription(request.deps, scope, id, customer.testClockId);
}
