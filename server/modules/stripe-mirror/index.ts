import type { StripeEventHandlers } from '../stripe-events';
import { subscriptionAndInvoiceHandlers } from './handlers';
import { paymentEventHandlers } from './payments';

export { stripeBillingRouter } from './router';
export { stripeMirrorJobHandlers, STRIPE_IMPORT_JOB } from './import';

/** Every Stripe event handler: Stripe Billing's subscriptions and invoices, and the payment side. */
export function stripeMirrorHandlers(): StripeEventHandlers {
  return { ...paymentEventHandlers(), ...subscriptionAndInvoiceHandlers() };
}
