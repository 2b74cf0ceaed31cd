import type { Invoice, InvoiceLine, Price, RecurringInterval, Subscription } from './billing-objects';
import { previousValues } from './events';
import type { FakeStripeStore } from './store';
import { decimalText, INVOICE_DEFAULTS, INVOICE_LINE_DEFAULTS } from './stripe-defaults';

/**
 * The fake's Stripe Billing engine: what Stripe does by itself around a subscription
 * (issue, finalize and charge an invoice each period, move the status with the outcome,
 * end a subscription set to cancel), with the events Stripe emits for each step.
 */

const SECONDS_PER_DAY = 86_400;
/** Smart Retries' first retry, roughly: the invoice says when Stripe will try again. */
const RETRY_AFTER_SECONDS = 3 * SECONDS_PER_DAY;

/** `seconds` plus `count` intervals; months clamp to the month's end as Stripe does. */
export function addInterval(seconds: number, interval: RecurringInterval, count: number): number {
  if (interval === 'day' || interval === 'week') {
    return seconds + count * (interval === 'day' ? 1 : 7) * SECONDS_PER_DAY;
  }
  const date = new Date(seconds * 1000);
  const months = interval === 'month' ? count : count * 12;
  const target = new Date(
    Date.UTC(
      date.getUTCFullYear(),
      date.getUTCMonth() + months,
      1,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}

export function periodEndFrom(start: number, price: Price): number {
  return addInterval(start, price.recurring.interval, price.recurring.interval_count);
}

function invoiceNumber(store: FakeStripeStore, customerId: string): string {
  const prefix = customerId.slice(4, 12).toUpperCase();
  const issued = [...store.invoices.values()].filter((i) => i.customer === customerId && i.number).length;
  return `${prefix}-${String(issued + 1).padStart(4, '0')}`;
}

function linesFor(
  store: FakeStripeStore,
  invoiceId: string,
  subscription: Subscription,
  amountOf: (item: Subscription['items']['data'][number]) => number,
): InvoiceLine[] {
  return subscription.items.data.map((item) => ({
    ...INVOICE_LINE_DEFAULTS,
    id: store.newId('il'),
    object: 'line_item',
    amount: amountOf(item),
    currency: subscription.currency,
    description: `${item.quantity} × ${store.products.get(item.price.product)?.name ?? 'Product'}`,
    invoice: invoiceId,
    quantity: item.quantity,
    quantity_decimal: decimalText(item.quantity),
    subtotal: amountOf(item),
    subscription: subscription.id,
    period: { start: item.current_period_start, end: item.current_period_end },
    pricing: {
      type: 'price_details',
      price_details: { price: item.price.id, product: item.price.product },
      unit_amount_decimal: String(item.price.unit_amount),
    },
    parent: {
      type: 'subscription_item_details',
      subscription_item_details: {
        subscription: subscription.id,
        subscription_item: item.id,
        proration: false,
        invoice_item: null,
        proration_details: null,
      },
      invoice_item_details: null,
    },
  }));
}

/** A finalized invoice for the subscription's current period (free during a trial). */
function issueInvoice(
  store: FakeStripeStore,
  subscription: Subscription,
  reason: Invoice['billing_reason'],
): Invoice {
  const id = store.newId('in');
  const trialing = subscription.status === 'trialing';
  const lines = linesFor(store, id, subscription, (item) =>
    trialing ? 0 : item.price.unit_amount * item.quantity,
  );
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const first = subscription.items.data[0];
  const now = store.now();
  const invoice: Invoice = {
    ...INVOICE_DEFAULTS,
    customer_email: store.customers.get(subscription.customer)?.email ?? null,
    customer_name: store.customers.get(subscription.customer)?.name ?? null,
    subtotal_excluding_tax: total,
    total_excluding_tax: total,
    id,
    object: 'invoice',
    created: now,
    livemode: false,
    customer: subscription.customer,
    currency: subscription.currency,
    status: 'draft',
    number: null,
    billing_reason: reason,
    collection_method: 'charge_automatically',
    subtotal: total,
    total,
    amount_due: total,
    amount_paid: 0,
    amount_remaining: total,
    attempt_count: 0,
    attempted: false,
    next_payment_attempt: null,
    period_start: first?.current_period_start ?? now,
    period_end: first?.current_period_end ?? now,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    parent: { type: 'subscription_details', subscription_details: { subscription: subscription.id } },
    status_transitions: { finalized_at: null, paid_at: null, voided_at: null, marked_uncollectible_at: null },
    metadata: {},
  };
  store.invoices.set(id, invoice);
  subscription.latest_invoice = id;
  store.emitEvent('invoice.created', invoice);
  invoice.status = 'open';
  invoice.number = invoiceNumber(store, subscription.customer);
  invoice.status_transitions.finalized_at = now;
  store.emitEvent('invoice.finalized', invoice);
  return invoice;
}

function paymentMethodOf(store: FakeStripeStore, subscription: Subscription): string | null {
  return (
    subscription.default_payment_method ??
    store.customers.get(subscription.customer)?.invoice_settings.default_payment_method ??
    null
  );
}

/** Charges an open invoice with the subscription's card; returns whether it is paid. */
export function chargeInvoice(store: FakeStripeStore, invoice: Invoice, subscription: Subscription): boolean {
  const now = store.now();
  if (invoice.amount_due > 0) {
    const method = paymentMethodOf(store, subscription);
    const behaviour = method ? (store.behaviours.get(method) ?? { kind: 'succeeds' as const }) : null;
    invoice.attempt_count += 1;
    invoice.attempted = true;
    if (behaviour?.kind !== 'succeeds') {
      invoice.next_payment_attempt = now + RETRY_AFTER_SECONDS;
      store.emitEvent('invoice.payment_failed', invoice);
      return false;
    }
  }
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = now;
  store.emitEvent('invoice.paid', invoice);
  store.emitEvent('invoice.payment_succeeded', invoice);
  return true;
}

/** The first invoice of a new subscription, and the status its payment leaves it in. */
export function startSubscription(store: FakeStripeStore, subscription: Subscription): void {
  const invoice = issueInvoice(store, subscription, 'subscription_create');
  const paid = chargeInvoice(store, invoice, subscription);
  if (!paid) subscription.status = 'incomplete';
}

/** Changes a subscription and emits customer.subscription.updated with what it replaced. */
export function updateSubscription(
  store: FakeStripeStore,
  subscription: Subscription,
  change: Partial<Subscription>,
): void {
  const previous = previousValues(subscription, change);
  Object.assign(subscription, change);
  if (Object.keys(previous).length > 0) {
    store.emitEvent('customer.subscription.updated', subscription, { previousAttributes: previous });
  }
}

/** Ends a subscription now, as a cancellation (or the end of a period set to cancel) does. */
export function endSubscription(store: FakeStripeStore, subscription: Subscription): void {
  const now = store.now();
  Object.assign(subscription, {
    status: 'canceled',
    ended_at: now,
    canceled_at: subscription.canceled_at ?? now,
  });
  store.emitEvent('customer.subscription.deleted', subscription);
}

/**
 * Test helper: moves a subscription to its next period as if time had passed — it ends
 * if set to cancel, else Stripe invoices the new period and charges it (a failure makes
 * it past_due; while collection is paused with `void`, the invoice is voided).
 */
export function renewSubscription(store: FakeStripeStore, id: string): Subscription {
  const subscription = store.subscriptions.get(id);
  if (!subscription) throw new Error(`no subscription ${id}`);
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') return subscription;
  if (subscription.cancel_at_period_end) {
    endSubscription(store, subscription);
    return subscription;
  }
  const items = subscription.items.data.map((item) => ({
    ...item,
    current_period_start: item.current_period_end,
    current_period_end: periodEndFrom(item.current_period_end, item.price),
  }));
  const status = subscription.status === 'trialing' ? 'active' : subscription.status;
  updateSubscription(store, subscription, { items: { ...subscription.items, data: items }, status });
  const invoice = issueInvoice(store, subscription, 'subscription_cycle');
  if (subscription.pause_collection?.behavior === 'void') {
    invoice.status = 'void';
    invoice.status_transitions.voided_at = store.now();
    store.emitEvent('invoice.voided', invoice);
    return subscription;
  }
  const paid = chargeInvoice(store, invoice, subscription);
  const next = paid ? 'active' : 'past_due';
  updateSubscription(store, subscription, { status: next });
  return subscription;
}
