import type { Transaction } from 'kysely';
import { boundary, periodAt } from '../../../../shared/billing/periods';
import { runCommand, type EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import type { Job } from '../../../jobs/store';
import { BugIndicatingError } from '../../../lib/errors';
import { systemScope } from '../clock';
import { collectInvoice } from '../collection';
import { subscriptionsChanged, type BillingDeps } from '../deps';
import { issueInvoice } from '../invoicing';
import { licensing } from '../licensing-port';
import { findBillingCustomer, type BillingCustomer } from '../repo/customer-billing';
import { openInvoicesOfSubscription } from '../repo/invoices';
import { billablePrice } from '../repo/prices';
import { findSubscription } from '../repo/subscriptions';
import { afterInvoicePaid } from '../subscription-outcomes';
import { advance, amend, persist } from '../transitions';
import type { Invoice, Subscription } from '../types';
import { planLine } from './lines';
import { endSubscription } from './end';
import { scheduleIncompleteExpiry, schedulePeriodEnd } from './schedule';

type Trx = Transaction<DB>;
interface Step {
  changes: EntityChange[];
  invoice: Invoice | null;
}

const where = (tenantId: string, customer: BillingCustomer) => ({
  tenantId,
  testClockId: customer.testClockId,
});

async function endCanceling(trx: Trx, tenantId: string, s: Subscription, now: number): Promise<Step> {
  const change = await endSubscription(
    trx,
    tenantId,
    s,
    { command: 'period_ended_canceling', reason: 'period_end' },
    now,
  );
  return { changes: [change], invoice: null };
}

/**
 * Issues the invoice of the period `next` now runs, and reacts if nothing was left to pay.
 * Usage over its licenses' billed limits in the period that `closed` joins it as lines.
 */
async function invoiceNewPeriod(
  trx: Trx,
  tenantId: string,
  customer: BillingCustomer,
  next: Subscription,
  closed: { start: number; end: number },
  now: number,
): Promise<Step> {
  const price = await billablePrice(trx, tenantId, next.priceId);
  if (!price) throw new BugIndicatingError(`price ${next.priceId} vanished`);
  const overage = await licensing().renewalLines(trx, tenantId, {
    subscriptionId: next.id,
    customerId: customer.id,
    currency: next.currency,
    closed,
    now,
  });
  const issued = await issueInvoice(
    trx,
    tenantId,
    {
      customerId: customer.id,
      subscriptionId: next.id,
      billingReason: 'subscription_cycle',
      currency: next.currency,
      periodStart: next.currentPeriodStart,
      periodEnd: next.currentPeriodEnd,
    },
    [planLine(price, next.quantity, next.currentPeriodStart, next.currentPeriodEnd), ...overage],
    now,
  );
  const changes = [issued.change];
  if (issued.invoice.status === 'paid')
    changes.push(...(await afterInvoicePaid(trx, tenantId, issued.invoice, now)));
  await schedulePeriodEnd(trx, where(tenantId, customer), next, now);
  return { changes, invoice: issued.invoice };
}

async function endTrial(
  trx: Trx,
  tenantId: string,
  customer: BillingCustomer,
  s: Subscription,
  now: number,
): Promise<Step> {
  const price = await billablePrice(trx, tenantId, s.priceId);
  if (!price) throw new BugIndicatingError(`price ${s.priceId} vanished`);
  const period = {
    currentPeriodStart: s.currentPeriodEnd,
    currentPeriodEnd: boundary(s.billingAnchor, price.interval, 1),
  };
  const trial = { start: s.currentPeriodStart, end: s.currentPeriodEnd };
  const hasMethod = Boolean(s.paymentMethodId ?? customer.defaultPaymentMethodId);
  if (price.amount * s.quantity > 0 && !hasMethod) {
    if (s.trialEndBehavior === 'cancel') {
      const how = { command: 'trial_lapsed', reason: 'trial_ended_without_payment_method' } as const;
      return { changes: [await endSubscription(trx, tenantId, s, how, now)], invoice: null };
    }
    const next = advance(s, 'trial_awaiting_payment', period, now);
    const changes = [await persist(trx, tenantId, s, next)];
    const step = await invoiceNewPeriod(trx, tenantId, customer, next, trial, now);
    await scheduleIncompleteExpiry(trx, where(tenantId, customer), next, now);
    return { changes: [...changes, ...step.changes], invoice: step.invoice };
  }
  const next = amend(s, period, now);
  const changes = [await persist(trx, tenantId, s, next)];
  const step = await invoiceNewPeriod(trx, tenantId, customer, next, trial, now);
  return { changes: [...changes, ...step.changes], invoice: step.invoice };
}

async function renew(
  trx: Trx,
  tenantId: string,
  customer: BillingCustomer,
  s: Subscription,
  now: number,
): Promise<Step> {
  // A change scheduled for the period end (a downgrade, usually) takes effect now.
  const priceId = s.pendingPriceId ?? s.priceId;
  const price = await billablePrice(trx, tenantId, priceId);
  if (!price) throw new BugIndicatingError(`price ${priceId} vanished`);
  const period = periodAt(s.billingAnchor, price.interval, s.currentPeriodEnd);
  const patch: Partial<Subscription> = {
    priceId,
    planId: price.planId,
    quantity: s.pendingQuantity ?? s.quantity,
    pendingPriceId: null,
    pendingQuantity: null,
    currentPeriodStart: period.start,
    currentPeriodEnd: period.end,
  };
  const next = s.status === 'active' ? advance(s, 'renewed', patch, now) : amend(s, patch, now);
  const changes = [await persist(trx, tenantId, s, next)];
  if (s.status === 'unpaid') {
    // Recovery gave up on this customer: the period runs on, but nothing more is billed.
    await schedulePeriodEnd(trx, where(tenantId, customer), next, now);
    return { changes, invoice: null };
  }
  const closed = { start: s.currentPeriodStart, end: s.currentPeriodEnd };
  const step = await invoiceNewPeriod(trx, tenantId, customer, next, closed, now);
  return { changes: [...changes, ...step.changes], invoice: step.invoice };
}

/** Open invoices nobody has tried to collect yet: left by a run that died after issuing them. */
async function collectUnattempted(deps: BillingDeps, tenantId: string, subscriptionId: string, now: number) {
  for (const invoice of await openInvoicesOfSubscription(deps.db, tenantId, subscriptionId)) {
    if (invoice.attemptCount === 0)
      await collectInvoice(deps, systemScope(deps.db, tenantId, now), invoice.id);
  }
}

/**
 * The end of a subscription's period: the trial ends, it renews, or a scheduled
 * cancellation takes effect. Idempotent: a second run for the same period finds the
 * period already rolled and only finishes collecting what the first run issued.
 */
export async function handlePeriodEnd(deps: BillingDeps, job: Job, now: number): Promise<void> {
  const subscriptionId = String(job.payload.subscriptionId);
  const periodEnd = Number(job.payload.periodEnd);
  const found = await findSubscription(deps.db, job.tenantId, subscriptionId);
  // Stripe renews the subscriptions it manages; the mirror only follows what it reports.
  if (!found || found.status === 'canceled' || found.managedBy === 'stripe') return;
  const customer = await findBillingCustomer(deps.db, job.tenantId, found.customerId);
  if (!customer) throw new BugIndicatingError(`customer ${found.customerId} vanished`);
  if (found.currentPeriodEnd !== periodEnd)
    return collectUnattempted(deps, job.tenantId, subscriptionId, now);
  const scope = systemScope(deps.db, job.tenantId, now);
  const step = await runCommand(scope, 'subscription.period_ended', async (trx) => {
    const s = await findSubscription(trx, job.tenantId, subscriptionId);
    if (!s || s.currentPeriodEnd !== periodEnd || s.status === 'canceled' || s.status === 'paused') {
      return { result: { changes: [], invoice: null }, changes: [] };
    }
    const done = s.cancelAtPeriodEnd
      ? await endCanceling(trx, job.tenantId, s, now)
      : s.status === 'trialing'
        ? await endTrial(trx, job.tenantId, customer, s, now)
        : await renew(trx, job.tenantId, customer, s, now);
    return { result: done, changes: done.changes };
  });
  subscriptionsChanged(job.tenantId, customer.id);
  if (step.invoice?.status === 'open') {
    await collectInvoice(deps, scope, step.invoice.id);
    subscriptionsChanged(job.tenantId, customer.id);
  }
}
