import type { StripeEventHandlers } from '../../stripe-events';
import { onPaymentMethod, onSetupIntentSucceeded } from './cards';
import { onCustomerUpdated } from './customers';
import { onDisputeCreated } from './disputes';
import { onPaymentIntent } from './intents';
import { onChargeRefunded } from './refunds';

/**
 * Handlers for the payment side of Stripe's events, for customers Tollgate bills itself
 * on Stripe: payments finished late, refunds and disputes made outside Tollgate, cards
 * saved or removed in Stripe, customer details changed there.
 */
export function paymentEventHandlers(): StripeEventHandlers {
  return {
    'payment_intent.succeeded': onPaymentIntent,
    'payment_intent.payment_failed': onPaymentIntent,
    'charge.refunded': onChargeRefunded,
    'charge.dispute.created': onDisputeCreated,
    'payment_method.attached': onPaymentMethod,
    'payment_method.detached': onPaymentMethod,
    'setup_intent.succeeded': onSetupIntentSucceeded,
    'customer.updated': onCustomerUpdated,
  };
}
