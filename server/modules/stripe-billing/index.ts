import type { StripeEventHandlers } from '../stripe-events';
import { subscriptionAndInvoiceHandlers } from './handlers';
import { paymentEventHandlers } from './payments';

export { stripeBillingRouter } from './router';
export { stripeBillingJobHandlers, STRIPE_IMPORT_JOB } from './import';

/** Every Stripe event handler: Stripe Billing's subscriptions and invoices, and the payment side. */
export function stripeBillingHandlers(): StripeEventHandlers {
  return { ...paymentEventHandlers(), ...subscriptionAndInvoiceHandlers() };
}
