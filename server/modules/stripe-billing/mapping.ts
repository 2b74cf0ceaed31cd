import type Stripe from 'stripe';
import type { SubscriptionStatus } from '../../../shared/billing/subscription-machine';

/**
 * How Stripe Billing's objects read as Tollgate's: pure rules, no database. Stripe counts
 * in seconds and lowercase currencies; Tollgate in milliseconds and ISO codes.
 */

export const ms = (seconds: number): number => seconds * 1000;
export const msOrNull = (seconds: number | null | undefined): number | null =>
  seconds === null || seconds === undefined ? null : seconds * 1000;

/** The id of an expandable field, whether Stripe sent the id or the object. */
export function refOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}

/**
 * Stripe's status in Tollgate's words. Collection paused (`pause_collection`) shows as
 * paused, since no invoice is paid meanwhile; incomplete_expired is simply over.
 */
const STATUSES: Readonly<Record<string, SubscriptionStatus>> = {
  incomplete: 'incomplete',
  incomplete_expired: 'canceled',
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  canceled: 'canceled',
  unpaid: 'unpaid',
  paused: 'paused',
};

export function mirroredStatus(subscription: Stripe.Subscription): SubscriptionStatus {
  const status = STATUSES[subscription.status];
  if (!status) throw new Error(`unknown Stripe subscription status ${subscription.status}`);
  return status === 'active' && subscription.pause_collection ? 'paused' : status;
}

/**
 * The billed item: Tollgate's subscriptions have one price, so a Stripe subscription
 * mirrors its first item (Stripe lists items in the order they were added).
 */
export function primaryItem(subscription: Stripe.Subscription): Stripe.SubscriptionItem {
  const item = subscription.items.data[0];
  if (!item) throw new Error(`Stripe subscription ${subscription.id} has no items`);
  return item;
}

/** Since API version 2025-03-31 the billing period lives on each item, not the subscription. */
export function currentPeriod(subscription: Stripe.Subscription): { start: number; end: number } {
  const item = primaryItem(subscription);
  return { start: ms(item.current_period_start), end: ms(item.current_period_end) };
}

export const INTERVALS = ['month', 'year'] as const;
export type MirroredInterval = (typeof INTERVALS)[number];

/** Tollgate bills monthly or yearly; a Stripe price on another cycle cannot be mirrored. */
export function mirroredInterval(price: Stripe.Price): MirroredInterval {
  const recurring = price.recurring;
  const interval = INTERVALS.find((candidate) => candidate === recurring?.interval);
  if (!recurring || !interval || recurring.interval_count !== 1) {
    const cycle = recurring ? `every ${recurring.interval_count} ${recurring.interval}` : 'one-time';
    throw new Error(
      `Stripe price ${price.id} bills ${cycle}; Tollgate mirrors monthly and yearly prices only`,
    );
  }
  return interval;
}

export type MirroredInvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';

const INVOICE_STATUSES: readonly MirroredInvoiceStatus[] = ['draft', 'open', 'paid', 'void', 'uncollectible'];

export function mirroredInvoiceStatus(invoice: Stripe.Invoice): MirroredInvoiceStatus {
  const status = INVOICE_STATUSES.find((candidate) => candidate === invoice.status);
  if (!status)
    throw new Error(`Stripe invoice ${invoice.id} has no status Tollgate knows (${String(invoice.status)})`);
  return status;
}

export type MirroredBillingReason =
  'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';

/** Stripe has more reasons (thresholds, quotes…); the ones Tollgate lacks read as manual. */
const REASONS: readonly MirroredBillingReason[] = [
  'subscription_create',
  'subscription_cycle',
  'subscription_update',
];

export function mirroredBillingReason(invoice: Stripe.Invoice): MirroredBillingReason {
  return REASONS.find((candidate) => candidate === invoice.billing_reason) ?? 'manual';
}

export function subscriptionOfInvoice(invoice: Stripe.Invoice): string | null {
  return refOf(invoice.parent?.subscription_details?.subscription);
}

export interface MirroredLine {
  kind: 'plan' | 'proration' | 'one_off' | 'credit';
  description: string;
  priceRef: string | null;
  quantity: number;
  unitAmount: number;
  amount: number;
  periodStart: number;
  periodEnd: number;
}

export function mirroredLine(line: Stripe.InvoiceLineItem): MirroredLine {
  const parent = line.parent;
  const proration =
    parent?.subscription_item_details?.proration ?? parent?.invoice_item_details?.proration ?? false;
  const kind = proration
    ? 'proration'
    : line.amount < 0
      ? 'credit'
      : parent?.type === 'subscription_item_details'
        ? 'plan'
        : 'one_off';
  const quantity = line.quantity ?? 1;
  return {
    kind,
    description: line.description ?? 'Stripe line item',
    priceRef: refOf(line.pricing?.price_details?.price),
    quantity,
    // Stripe's unit amount may carry fractions of a cent; the line's amount is what was billed.
    unitAmount: quantity > 0 ? Math.round(line.amount / quantity) : line.amount,
    amount: line.amount,
    periodStart: ms(line.period.start),
    periodEnd: ms(line.period.end),
  };
}
