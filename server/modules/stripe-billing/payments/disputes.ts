import type Stripe from 'stripe';
import { findPaymentOfCharge, recordDispute } from '../../billing';
import type { StripeEventContext, StripeEventHandler } from '../../stripe-events';
import { stripeOf } from '../context';
import { applyInOrder, idOf } from './in-order';
import { requiredFields } from '../stripe-fields';
import { DISPUTE_FIELDS } from './fields';

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
  requiredFields('dispute', snapshot, DISPUTE_FIELDS);
  const intentId = await intentOfDispute(context, snapshot);
  return applyInOrder(context, event, {
    action: `stripe.${event.type}`,
    objectId: snapshot.id,
    snapshot,
    fetchCurrent: () => stripeOf(context).disputes.retrieve(snapshot.id),
    async apply(trx, now, dispute) {
      const fields = requiredFields('dispute', dispute, DISPUTE_FIELDS);
      const payment =
        intentId &&
        (await findPaymentOfCharge(trx, context.tenantId, {
          gatewayRef: intentId,
          paymentId: null,
          amount: fields.amount,
          currency: fields.currency,
        }));
      if (!payment) return { outcome: 'ignored', changes: [] };
      const changes = await recordDispute(trx, { tenantId: context.tenantId, now }, payment, {
        gatewayRef: dispute.id,
        amount: fields.amount,
        currency: fields.currency,
        reason: fields.reason,
        status: fields.status,
        openedAt: fields.created * 1000,
      });
      return { outcome: 'applied', changes };
    },
  });
};
