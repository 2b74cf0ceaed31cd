import type { StripeEventHandlers } from '../stripe-events';
import { subscriptionAndInvoiceHandlers } from './handlers';
import { paymentEventHandlers } from './payments';

/** Every Stripe event handler: Stripe Billing's subscriptions and invoices, and the payment side. */
export function stripeMirrorHandlers(): StripeEventHandlers {
  return { ...paymentEventHandlers(), ...subscriptionAndInvoiceHandlers() };
}
