import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { addDays, boundary } from '../../../../shared/billing/periods';
import type { subscriptionCreateInput } from '../../../../shared/billing/schema';
import { newId } from '../../../../shared/ids';
import { runCommand, type EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { BugIndicatingError, DomainError } from '../../../lib/errors';
import { findPriceForSubscription } from '../../catalog';
import { collectInvoice, type CollectionResult } from '../collection';
import { assertCustomerCurrency } from '../customer-currency';
import { loadCustomer, scopeFor, subscriptionsChanged, type StaffRequest } from '../deps';
import { issueInvoice } from '../invoicing';
import type { BillingCustomer } from '../repo/customer-billing';
import { recordEvent } from '../repo/events';
import { findPaymentMethod } from '../repo/payment-methods';
import { billablePrice } from '../repo/prices';
import { findSubscription, insertSubscription } from '../repo/subscriptions';
import { afterInvoicePaid } from '../subscription-outcomes';
import type { Invoice, Subscription } from '../types';
import { assertChargeable, planLine } from './lines';
import { scheduleIncompleteExpiry, schedulePeriodEnd, scheduleTrialWarning } from './schedule';

type CreateInput = z.output<typeof subscriptionCreateInput>;

export interface SubscriptionStart {
  subscription: Subscription;
  invoice: Invoice | null;
  /** How collecting the first invoice went, when there was one to collect. */
  payment: CollectionResult | null;
}

async function choosePaymentMethod(
  trx: Transaction<DB>,
  tenantId: string,
  customer: BillingCustomer,
  requested: string | undefined,
) {
  if (!requested) return customer.defaultPaymentMethodId;
  const method = await findPaymentMethod(trx, tenantId, requested);
  if (!method || method.customer_id !== customer.id || method.status !== 'active') {
    throw new DomainError('INVALID_INPUT', 'That payment method is not one of this customer’s saved cards', {
      paymentMethodId: ['Choose one of the customer’s saved cards'],
    });
  }
  return method.id;
}

/**
 * Starts a subscription: with a trial it begins trialing (no charge until the trial
 * ends); without one its first invoice is issued at once and collected from the
 * payment method, and the subscription stays incomplete until that invoice is paid.
 */
export async function createSubscription(
  request: StaffRequest,
  input: CreateInput,
): Promise<SubscriptionStart> {
  const customer = await loadCustomer(request.deps, request.tenantId, input.customerId);
  const scope = await scopeFor(request, customer);
  const where = { tenantId: request.tenantId, testClockId: customer.testClockId };
  const started = await runCommand(scope, 'subscription.created', async (trx, now) => {
    const { price: catalogPrice } = await findPriceForSubscription(trx, request.tenantId, input.priceId);
    const price = await billablePrice(trx, request.tenantId, catalogPrice.id);
    if (!price) throw new BugIndicatingError(`price ${catalogPrice.id} vanished`);
    await assertCustomerCurrency(
      trx,
      request.tenantId,
      customer.id,
      price.currency,
      'priceId',
      (inUse) => `Choose a ${inUse} price`,
    );
    assertChargeable(price, input.quantity);
    const paymentMethodId = await choosePaymentMethod(trx, request.tenantId, customer, input.paymentMethodId);
    const trialDays = input.trialDays ?? price.trialDays;
    const trialEnd = trialDays > 0 ? addDays(now, trialDays) : null;
    const periodEnd = trialEnd ?? boundary(now, price.interval, 1);
    if (trialEnd === null && price.amount > 0 && !paymentMethodId) {
      throw new DomainError('INVALID_INPUT', 'Add a payment method first, or start with a trial', {
        paymentMethodId: ['A paid subscription without a trial needs a card to charge'],
      });
    }
    const subscription: Subscription = {
      id: newId('sub', now),
      customerId: customer.id,
      planId: price.planId,
      priceId: price.id,
      quantity: input.quantity,
      currency: price.currency,
      status: trialEnd ? 'trialing' : 'incomplete',
      billingAnchor: periodEnd === trialEnd ? periodEnd : now,
      currentPeriodStart: now,
      currentPeriodEnd: periodEnd,
      trialStart: trialEnd ? now : null,
      trialEnd,
      trialEndBehavior: input.trialEndBehavior,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      endedAt: null,
      pausedAt: null,
      resumeAt: null,
      pendingPriceId: null,
      pendingQuantity: null,
      paymentMethodId,
      managedBy: 'tollgate',
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await insertSubscription(trx, request.tenantId, subscription);
    const changes: EntityChange[] = [
      { entityType: 'subscription', entityId: subscription.id, before: null, after: { ...subscription } },
    ];
    let invoice: Invoice | null = null;
    if (!trialEnd) {
      const issued = await issueInvoice(
        trx,
        request.tenantId,
        {
          customerId: customer.id,
          subscriptionId: subscription.id,
          billingReason: 'subscription_create',
          currency: price.currency,
          periodStart: now,
          periodEnd,
        },
        [planLine(price, input.quantity, now, periodEnd)],
        now,
      );
      invoice = issued.invoice;
      changes.push(issued.change);
      if (invoice.status === 'paid')
        changes.push(...(await afterInvoicePaid(trx, request.tenantId, invoice, now)));
      else await scheduleIncompleteExpiry(trx, where, subscription, now);
    }
    await schedulePeriodEnd(trx, where, subscription, now);
    await scheduleTrialWarning(trx, where, subscription, now);
    await recordEvent(
      trx,
      request.tenantId,
      {
        type: 'subscription.created',
        customerId: customer.id,
        subjectId: subscription.id,
        data: { priceId: price.id, status: subscription.status },
      },
      now,
    );
    return { result: { subscriptionId: subscription.id, invoice }, changes };
  });
  subscriptionsChanged(request.tenantId, customer.id);
  const payment =
    started.invoice?.status === 'open' ? await collectInvoice(request.deps, scope, started.invoice.id) : null;
  if (payment) subscriptionsChanged(request.tenantId, customer.id);
  const subscription = await findSubscription(request.deps.db, request.tenantId, started.subscriptionId);
  if (!subscription) throw new BugIndicatingError(`subscription ${started.subscriptionId} vanished`);
  return { subscription, invoice: payment?.invoice ?? started.invoice, payment };
}
