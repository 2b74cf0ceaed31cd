import type Stripe from 'stripe';
import { findPaymentOfCharge, recordDispute } from '../../billing';
import type { StripeEventContext, StripeEventHandler } from '../../stripe-events';
import { stripeOf } from '../context';
import { applyInOrder, idOf } from './in-order';

/** The PaymentIntent a dispute is about: named on it, or on its charge. */
async function intentOfDispute(context: StripeEventContext, dispute: Stripe.Dispute): Promise<string | null> {
  const named = idOf(dispute.payment_intent);
  if (named) return named;
  const chargeId = idOf(dispute.charge);
  if (!chargeId) return null;
  return idOf((await stripeOf(context).charges.retrieve(chargeId)).payment_intent);
}

/**
 * charge.dispute.created: a dispute of one of our payments is recorded once (by Stripe's
 * dispute id), with a billing event, and shown on the invoice; disputes of charges that
 * are not ours are ignored.
 */
export const onDisputeCreated: StripeEventHandler = async (context, event) => {
  const snapshot = event.data.object as Stripe.Dispute;
  const intentId = await intentOfDispute(context, snapshot);
  return applyInOrder(context, event, {
    action: `stripe.${event.type}`,
    objectId: snapshot.id,
    snapshot,
    fetchCurrent: () => stripeOf(context).disputes.retrieve(snapshot.id),
    async apply(trx, now, dispute) {
      const payment =
        intentId &&
        (await findPaymentOfCharge(trx, context.tenantId, {
          gatewayRef: intentId,
          paymentId: null,
          amount: dispute.amount,
          currency: dispute.currency,
        }));
      if (!payment) return { outcome: 'ignored', changes: [] };
      const changes = await recordDispute(trx, { tenantId: context.tenantId, now }, payment, {
        gatewayRef: dispute.id,
        amount: dispute.amount,
        currency: dispute.currency,
        reason: dispute.reason,
        status: dispute.status,
        openedAt: dispute.created * 1000,
      });
      return { outcome: 'applied', changes };
    },
  });
};
