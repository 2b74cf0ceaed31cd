import type Stripe from 'stripe';
import type { StripeEventHandler, StripeEventHandlers } from '../stripe-events';
import { invoiceKind, mirrorSnapshot, subscriptionKind } from './apply';
import { invoiceByRef } from './repo';

/**
 * The Stripe Billing events the mirror applies. Each takes the event's snapshot as the
 * object's state (through the ordering rule), so a duplicate or a late delivery is harmless.
 */

const subscriptionEvent: StripeEventHandler = (context, event) =>
  mirrorSnapshot(context, subscriptionKind, event.data.object as Stripe.Subscription, {
    kind: 'event',
    event,
  });

/**
 * Invoice payments: Stripe-managed invoices only. Tollgate's own charges are PaymentIntents
 * without Stripe invoices; an invoice of a subscription Stripe does not bill for Tollgate
 * (none here) would have no subscription to mirror and is still recorded as Stripe's.
 */
const invoiceEvent: StripeEventHandler = async (context, event) => {
  const invoice = event.data.object as Stripe.Invoice;
  const known = await invoiceByRef(context.db, context.tenantId, invoice.id);
  if (known && known.managed_by !== 'stripe') return 'ignored';
  return mirrorSnapshot(context, invoiceKind, invoice, { kind: 'event', event });
};

export function subscriptionAndInvoiceHandlers(): StripeEventHandlers {
  return {
    'customer.subscription.created': subscriptionEvent,
    'customer.subscription.updated': subscriptionEvent,
    'customer.subscription.deleted': subscriptionEvent,
    'invoice.payment_succeeded': invoiceEvent,
    'invoice.payment_failed': invoiceEvent,
  };
}
