import type { z } from 'zod';
import type { planChangeApplyInput, planChangeInput } from '../../../../shared/billing/schema';
import { runCommand } from '../../../commands/run-command';
import { BugIndicatingError, DomainError, notFound } from '../../../lib/errors';
import { findPriceForSubscription } from '../../catalog';
import { collectInvoice } from '../collection';
import { loadCustomer, subscriptionsChanged, type BillingDeps, type StaffRequest } from '../deps';
import { issueInvoice } from '../invoicing';
import { creditBalance } from '../repo/balance';
import { billablePrice } from '../repo/prices';
import { findSubscription } from '../repo/subscriptions';
import { advance, persistWithHistory } from '../transitions';
import type { BillablePrice, Invoice, Subscription } from '../types';
import { loadForAction, reload } from './load';
import { decidePlanChange, previewTotals, type PlanChange } from './plan-change';
import { cancelSubscriptionJobs, schedulePeriodEnd } from './schedule';

type PreviewInput = z.output<typeof planChangeInput>;
type ApplyInput = z.output<typeof planChangeApplyInput>;

async function prices(
  db: BillingDeps['db'],
  tenantId: string,
  s: Subscription,
  priceId: string,
): Promise<[BillablePrice, BillablePrice]> {
  await findPriceForSubscription(db, tenantId, priceId);
  const [from, to] = await Promise.all([
    billablePrice(db, tenantId, s.priceId),
    billablePrice(db, tenantId, priceId),
  ]);
  if (!from || !to) throw new BugIndicatingError('a price of the change vanished');
  return [from, to];
}

/** What changing the plan would do, without doing it: the console shows this before the confirm button. */
export async function previewPlanChange(
  deps: BillingDeps,
  tenantId: string,
  input: PreviewInput,
  wallNow: (customer: Awaited<ReturnType<typeof loadCustomer>>) => Promise<number>,
) {
  const s = await findSubscription(deps.db, tenantId, input.id);
  if (!s) throw notFound('Subscription');
  const customer = await loadCustomer(deps, tenantId, s.customerId, false);
  const now = await wallNow(customer);
  if (s.status !== 'trialing' && s.status !== 'active') {
    throw new DomainError('INVALID_STATE', `Cannot change the plan of a subscription that is ${s.status}`);
  }
  const [from, to] = await prices(deps.db, tenantId, s, input.priceId);
  const change = decidePlanChange(s, from, to, input.quantity, input.timing, now);
  const balance = await creditBalance(deps.db, tenantId, s.customerId, s.currency);
  return {
    kind: change.kind,
    timing: change.timing,
    effectiveAt: change.effectiveAt,
    currency: s.currency,
    from: {
      priceId: from.id,
      planName: from.planName,
      interval: from.interval,
      quantity: s.quantity,
      amount: change.currentAmount,
    },
    to: {
      priceId: to.id,
      planName: to.planName,
      interval: to.interval,
      quantity: change.quantity,
      amount: change.newAmount,
    },
    lines: change.lines.map(({ description, amount, kind }) => ({ description, amount, kind })),
    ...previewTotals(change, balance, s.currency),
    nextRenewalAt: change.newPeriod?.end ?? s.currentPeriodEnd,
  };
}

function patchFor(change: PlanChange): Partial<Subscription> {
  if (change.timing === 'period_end')
    return { pendingPriceId: change.to.id, pendingQuantity: change.quantity };
  const patch: Partial<Subscription> = {
    priceId: change.to.id,
    planId: change.to.planId,
    quantity: change.quantity,
    pendingPriceId: null,
    pendingQuantity: null,
  };
  if (change.newPeriod)
    Object.assign(patch, {
      billingAnchor: change.newPeriod.start,
      currentPeriodStart: change.newPeriod.start,
      currentPeriodEnd: change.newPeriod.end,
    });
  return patch;
}

/** Applies a change staff confirmed; `expectedVersion` guards against a change made meanwhile. */
export async function changePlan(
  request: StaffRequest,
  input: ApplyInput,
): Promise<{ subscription: Subscription; invoice: Invoice | null }> {
  const { customer, scope, where } = await loadForAction(request, input.id);
  const invoice = await runCommand(scope, 'subscription.plan_changed', async (trx, now) => {
    const s = await reload(trx, scope.tenantId, input.id);
    if (s.version !== input.expectedVersion) {
      throw new DomainError(
        'CONFLICT',
        'This subscription changed since you opened it; review the change again before confirming',
      );
    }
    const [from, to] = await prices(trx, scope.tenantId, s, input.priceId);
    const change = decidePlanChange(s, from, to, input.quantity, input.timing, now);
    const next = advance(s, 'change_plan', patchFor(change), now);
    // The history says from what to what, as it was named then (plans can be renamed later).
    const detail = {
      timing: change.timing,
      effectiveAt: change.effectiveAt,
      from: { plan: from.planName, interval: from.interval, quantity: s.quantity },
      to: { plan: to.planName, interval: to.interval, quantity: change.quantity },
    };
    const changes = [await persistWithHistory(trx, scope.tenantId, s, next, 'change_plan', now, detail)];
    let issued: Invoice | null = null;
    if (change.lines.length > 0) {
      const result = await issueInvoice(
        trx,
        scope.tenantId,
        {
          customerId: s.customerId,
          subscriptionId: s.id,
          billingReason: 'subscription_update',
          currency: s.currency,
          periodStart: change.effectiveAt,
          periodEnd: next.currentPeriodEnd,
        },
        change.lines,
        now,
      );
      issued = result.invoice;
      changes.push(result.change);
    }
    if (change.newPeriod) {
      await cancelSubscriptionJobs(trx, scope.tenantId, s.id, now);
      await schedulePeriodEnd(trx, where, next, now);
    }
    return { result: issued, changes };
  });
  subscriptionsChanged(request.tenantId, customer.id);
  const collected = invoice?.status === 'open' ? await collectInvoice(request.deps, scope, invoice.id) : null;
  if (collected) subscriptionsChanged(request.tenantId, customer.id);
  const subscription = await findSubscription(request.deps.db, request.tenantId, input.id);
  if (!subscription) throw new BugIndicatingError(`subscription ${input.id} vanished`);
  return { subscription, invoice: collected?.invoice ?? invoice };
}
