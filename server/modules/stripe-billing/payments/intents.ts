import type Stripe from 'stripe';
import { chargeOutcomeOf } from '../../../gateways/stripe/stripe-outcomes';
import type { ChargeOutcome } from '../../../gateways/types';
import { findPaymentOfCharge, settleFromGateway } from '../../billing';
import { invalidateEntitlements } from '../../entitlements';
import type { StripeEventHandler } from '../../stripe-events';
import { stripeOf } from '../context';
import { applyInOrder, type Applied } from './in-order';

/**
 * What a PaymentIntent's state means for our payment, or null while Stripe has not
 * decided (processing, or waiting for confirmation or capture, which our off-session
 * charges never ask for).
 */
export function intentOutcome(intent: Stripe.PaymentIntent): ChargeOutcome | null {
  const decided =
    intent.status === 'succeeded' ||
    intent.status === 'requires_action' ||
    (intent.status === 'requires_payment_method' && intent.last_payment_error !== null);
  return decided ? chargeOutcomeOf(intent) : null;
}

/**
 * payment_intent.succeeded / payment_intent.payment_failed: finishes one of our payments
 * the webhook knows more about than we recorded — pending because the process died before
 * the answer, or awaiting 3-D Secure the customer completed later. PaymentIntents that are
 * not ours are ignored. A recorded success or failure never flips (settleFromGateway);
 * a contrary report is logged for staff rather than applied.
 */
export const onPaymentIntent: StripeEventHandler = (context, event) => {
  const snapshot = event.data.object as Stripe.PaymentIntent;
  return applyInOrder(context, event, {
    action: `stripe.${event.type}`,
    objectId: snapshot.id,
    snapshot,
    fetchCurrent: () => stripeOf(context).paymentIntents.retrieve(snapshot.id),
    async apply(trx, now, intent): Promise<Applied> {
      const payment = await findPaymentOfCharge(trx, context.tenantId, {
        gatewayRef: intent.id,
        paymentId: intent.metadata.payment_id ?? null,
        amount: intent.amount,
        currency: intent.currency,
      });
      const outcome = intentOutcome(intent);
      if (!payment || !outcome) return { outcome: 'ignored', changes: [] };
      const { settlement, changes } = await settleFromGateway(
        trx,
        { tenantId: context.tenantId, now },
        payment,
        outcome,
      );
      if (settlement === 'conflict') {
        context.logger.warn(
          { eventId: event.id, paymentId: payment.id, recorded: payment.status, reported: outcome.status },
          'Stripe reports a different outcome for a payment already settled; kept as recorded',
        );
        return { outcome: 'ignored', changes: [] };
      }
      if (settlement === 'unchanged') return { outcome: 'applied', changes };
      return {
        outcome: 'applied',
        changes,
        // A paid or failed invoice may have moved the subscription, and with it the customer's features.
        afterCommit: () => {
          invalidateEntitlements(context.tenantId, payment.customerId);
          return Promise.resolve();
        },
      };
    },
  });
};
