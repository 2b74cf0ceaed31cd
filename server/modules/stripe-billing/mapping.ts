import type Stripe from 'stripe';
import type { SubscriptionStatus } from '../../../shared/billing/subscription-machine';
import { requiredField, requiredFields, type FieldSpec, type FieldsOf } from './stripe-fields';

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
 * What the mirror needs of a Stripe subscription. The billed item is the first: Tollgate's
 * subscriptions have one price, and Stripe lists items in the order they were added. Since
 * API version 2025-03-31 the billing period lives on each item, not the subscription.
 */
export const SUBSCRIPTION_FIELDS = {
  customerRef: ['customer', 'ref'],
  status: ['status', 'string'],
  currency: ['currency', 'string'],
  billingAnchor: ['billing_cycle_anchor', 'number'],
  created: ['created', 'number'],
  cancelAtPeriodEnd: ['cancel_at_period_end', 'boolean'],
  item: ['items.data[0]', 'object'],
  priceRef: ['items.data[0].price', 'ref'],
  periodStart: ['items.data[0].current_period_start', 'number'],
  periodEnd: ['items.data[0].current_period_end', 'number'],
} as const satisfies FieldSpec;

/** A Stripe subscription's required fields, or a failure naming the first one missing. */
export function readSubscription(subscription: Stripe.Subscription): FieldsOf<typeof SUBSCRIPTION_FIELDS> {
  return requiredFields('subscription', subscription, SUBSCRIPTION_FIELDS);
}

export function primaryItem(subscription: Stripe.Subscription): Stripe.SubscriptionItem {
  return requiredField(
    'subscription',
    subscription,
    'items.data[0]',
    'object',
  ) as unknown as Stripe.SubscriptionItem;
}

/** What the mirror needs of a Stripe price it creates locally (recurrence and unit amount are checked by rule). */
export const PRICE_FIELDS = {
  currency: ['currency', 'string'],
  active: ['active', 'boolean'],
  productRef: ['product', 'ref'],
} as const satisfies FieldSpec;

export const PRODUCT_FIELDS = { name: ['name', 'string'] } as const satisfies FieldSpec;

/** What the mirror needs of a Stripe invoice; its lines are read one by one (`lineFields`). */
export const INVOICE_FIELDS = {
  customerRef: ['customer', 'ref'],
  status: ['status', 'string'],
  currency: ['currency', 'string'],
  created: ['created', 'number'],
  subtotal: ['subtotal', 'number'],
  total: ['total', 'number'],
  amountDue: ['amount_due', 'number'],
  amountPaid: ['amount_paid', 'number'],
  attemptCount: ['attempt_count', 'number'],
  periodStart: ['period_start', 'number'],
  periodEnd: ['period_end', 'number'],
  transitions: ['status_transitions', 'object'],
  lines: ['lines.data', 'list'],
} as const satisfies FieldSpec;

export function readInvoice(invoice: Stripe.Invoice): FieldsOf<typeof INVOICE_FIELDS> {
  return requiredFields('invoice', invoice, INVOICE_FIELDS);
}

/** An invoice's required fields, its lines' included; the first missing one fails. */
export function readInvoiceWithLines(invoice: Stripe.Invoice): FieldsOf<typeof INVOICE_FIELDS> {
  const fields = readInvoice(invoice);
  fields.lines.forEach((_line, index) => requiredFields('invoice', invoice, lineFields(index)));
  return fields;
}

/** The required fields of the invoice's `index`-th line, named by their place in the invoice. */
export function lineFields(index: number) {
  const line = `lines.data[${index}]`;
  return {
    amount: [`${line}.amount`, 'number'],
    periodStart: [`${line}.period.start`, 'number'],
    periodEnd: [`${line}.period.end`, 'number'],
  } as const satisfies FieldSpec;
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

/** The invoice's `index`-th line as Tollgate's invoice line. */
export function mirroredLine(invoice: Stripe.Invoice, index: number): MirroredLine {
  const { amount, periodStart, periodEnd } = requiredFields('invoice', invoice, lineFields(index));
  const line = invoice.lines.data[index] as Stripe.InvoiceLineItem;
  const parent = line.parent;
  const proration =
    parent?.subscription_item_details?.proration ?? parent?.invoice_item_details?.proration ?? false;
  const kind = proration
    ? 'proration'
    : amount < 0
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
    unitAmount: quantity > 0 ? Math.round(amount / quantity) : amount,
    amount,
    periodStart: ms(periodStart),
    periodEnd: ms(periodEnd),
  };
}
