import type Stripe from 'stripe';
import { FAILURE_MESSAGES } from '../failure-messages';
import { GatewayError, type ChargeOutcome, type RefundOutcome } from '../types';
import { failureCodeFor } from './stripe-errors';

/** Stripe's answers to a charge and a refund, in Tollgate's terms. */

function needsAuthentication(paymentIntentId: string | null): ChargeOutcome {
  return {
    status: 'requires_action',
    gatewayRef: paymentIntentId,
    failureCode: 'authentication_required',
    failureMessage: FAILURE_MESSAGES.authentication_required,
  };
}

/** A card error from confirming a PaymentIntent, as the outcome to record. */
export function declinedChargeOutcome(error: Stripe.errors.StripeCardError): ChargeOutcome {
  const failureCode = failureCodeFor(error.code, error.decline_code);
  const gatewayRef = error.payment_intent?.id ?? null;
  // Off session nobody can complete 3-D Secure now: the customer has to come back and authenticate.
  if (failureCode === 'authentication_required') return needsAuthentication(gatewayRef);
  return { status: 'failed', gatewayRef, failureCode, failureMessage: FAILURE_MESSAGES[failureCode] };
}

/** A PaymentIntent created with confirm + off_session, by the status it ended in. */
export function chargeOutcomeOf(intent: Stripe.PaymentIntent): ChargeOutcome {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', gatewayRef: intent.id };
    case 'requires_action':
      return needsAuthentication(intent.id);
    case 'requires_payment_method': {
      const error = intent.last_payment_error;
      if (!error) break;
      const failureCode = failureCodeFor(error.code, error.decline_code);
      if (failureCode === 'authentication_required') return needsAuthentication(intent.id);
      return {
        status: 'failed',
        gatewayRef: intent.id,
        failureCode,
        failureMessage: FAILURE_MESSAGES[failureCode],
      };
    }
    default:
      break;
  }
  // processing, requires_capture, canceled…: not states a confirmed off-session card charge is left in.
  throw new GatewayError(
    'invalid_request',
    `Stripe left PaymentIntent ${intent.id} in status "${intent.status}", which Tollgate does not expect for an off-session card charge`,
    false,
  );
}

export function refundOutcomeOf(refund: Stripe.Refund): RefundOutcome {
  switch (refund.status) {
    case 'succeeded':
      return { gatewayRef: refund.id, status: 'succeeded' };
    case 'failed':
    case 'canceled':
      return {
        gatewayRef: refund.id,
        status: 'failed',
        failureMessage: `The refund ${refund.status === 'canceled' ? 'was canceled' : 'failed'}${refund.failure_reason ? ` (${refund.failure_reason.replace(/_/g, ' ')})` : ''}`,
      };
    default:
      // pending and requires_action: Stripe settles these later and says so by webhook.
      return { gatewayRef: refund.id, status: 'pending' };
  }
}
