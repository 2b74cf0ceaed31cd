import type { Selectable, Transaction } from 'kysely';
import type Stripe from 'stripe';
import { newId } from '../../../shared/ids';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { recordEvent, saveMirroredSubscription, type MrrCause } from '../billing';
import { ensurePrice } from './catalog';
import type { MirrorContext } from './context';
import { ensureCustomer } from './customers';
import { ms, msOrNull, mirroredStatus, primaryItem, readSubscription, refOf } from './mapping';
import { paymentMethodIdByRef, subscriptionByRef } from './repo';
import { confirmRequests } from './requests';

type Trx = Transaction<DB>;
type Row = Selectable<DB['subscriptions']>;

/** The local rows a Stripe subscription refers to, made first (they may need Stripe's API). */
export interface SubscriptionLinks {
  customerId: string;
  price: { id: string; planId: string };
}

export async function linkSubscription(
  context: MirrorContext,
  subscription: Stripe.Subscription,
): Promise<SubscriptionLinks> {
  // Read first, so a snapshot lacking a field fails before anything is fetched or created.
  const { customerRef } = readSubscription(subscription);
  const customerId = await ensureCustomer(context, customerRef);
  const price = await ensurePrice(context, primaryItem(subscription).price);
  return { customerId, price };
}

function mirroredRow(
  tenantId: string,
  subscription: Stripe.Subscription,
  links: SubscriptionLinks,
  current: Row | undefined,
  paymentMethodId: string | null,
  now: number,
) {
  const fields = readSubscription(subscription);
  const status = mirroredStatus(subscription);
  const paused = subscription.pause_collection;
  return {
    id: current?.id ?? newId('sub', now),
    tenant_id: tenantId,
    customer_id: links.customerId,
    plan_id: links.price.planId,
    price_id: links.price.id,
    quantity: primaryItem(subscription).quantity ?? 1,
    currency: fields.currency.toUpperCase(),
    status,
    billing_anchor: ms(fields.billingAnchor),
    current_period_start: ms(fields.periodStart),
    current_period_end: ms(fields.periodEnd),
    trial_start: msOrNull(subscription.trial_start),
    trial_end: msOrNull(subscription.trial_end),
    trial_end_behavior: 'cancel' as const,
    cancel_at_period_end: fields.cancelAtPeriodEnd ? 1 : 0,
    canceled_at: msOrNull(subscription.canceled_at),
    ended_at: msOrNull(subscription.ended_at),
    // Stripe does not say when collection was paused: the first snapshot showing it does.
    paused_at: paused ? (current?.paused_at ?? now) : null,
    resume_at: msOrNull(paused?.resumes_at),
    pending_price_id: null,
    pending_quantity: null,
    payment_method_id: paymentMethodId,
    managed_by: 'stripe' as const,
    gateway_ref: subscription.id,
    version: (current?.version ?? 0) + 1,
    created_at: current?.created_at ?? ms(fields.created),
    updated_at: now,
  };
}

type MirroredRow = ReturnType<typeof mirroredRow>;

/** What moved, in the words of the subscription's history (and the emails contract). */
async function recordHistory(
  trx: Trx,
  tenantId: string,
  before: Row | undefined,
  after: MirroredRow,
  now: number,
) {
  const base = { customerId: after.customer_id, subjectId: after.id };
  const data = { status: after.status, reason: 'stripe', managedBy: 'stripe' };
  if (!before) {
    await recordEvent(trx, tenantId, { ...base, type: 'subscription.created', data }, now);
  } else if (after.status === 'canceled' && before.status !== 'canceled') {
    await recordEvent(trx, tenantId, { ...base, type: 'subscription.canceled', data }, now);
  } else if (
    before.status !== after.status ||
    before.price_id !== after.price_id ||
    before.cancel_at_period_end !== after.cancel_at_period_end ||
    before.paused_at !== after.paused_at
  ) {
    await recordEvent(trx, tenantId, { ...base, type: 'subscription.updated', data }, now);
  }
}

/**
 * Writes a Stripe subscription's snapshot as the local row's whole state (an upsert, so
 * applying the same snapshot twice changes nothing that matters), and confirms the staff
 * requests it shows done. Stripe is the authority: its status is taken as it is.
 */
export async function writeSubscription(
  trx: Trx,
  tenantId: string,
  subscription: Stripe.Subscription,
  links: SubscriptionLinks,
  causedBy: string | null,
  now: number,
  cause?: MrrCause,
): Promise<{ changes: EntityChange[]; customerId: string }> {
  const current = await subscriptionByRef(trx, tenantId, subscription.id);
  const methodRef = refOf(subscription.default_payment_method);
  const paymentMethodId = methodRef ? await paymentMethodIdByRef(trx, tenantId, methodRef) : null;
  const row = mirroredRow(tenantId, subscription, links, current, paymentMethodId, now);
  await saveMirroredSubscription(trx, row, current !== undefined, cause);
  await recordHistory(trx, tenantId, current, row, now);
  await confirmRequests(trx, tenantId, row.id, subscription, causedBy, now);
  return {
    changes: [{ entityType: 'subscription', entityId: row.id, before: current ?? null, after: row }],
    customerId: row.customer_id,
  };
}
