import type Stripe from 'stripe';
import { findPaymentOfCharge, recordGatewayRefunds, type GatewayRefund } from '../../billing';
import type { StripeEventContext, StripeEventHandler } from '../../stripe-events';
import { stripeOf } from '../context';
import { applyInOrder, idOf } from './in-order';
import { requiredFields } from '../stripe-fields';
import { CHARGE_FIELDS, REFUND_FIELDS } from './fields';

/**
 * Our payment id, when Stripe copied our PaymentIntent's metadata to the charge (finds a
 * payment whose process died before recording the intent). Read defensively: charges of
 * older API versions, and some test doubles, carry no metadata at all.
 */
const paymentIdOf = (charge: Stripe.Charge): string | null =>
  (charge.metadata as Stripe.Metadata | undefined)?.payment_id ?? null;

interface ChargeWithRefunds {
  charge: Stripe.Charge;
  refunds: GatewayRefund[];
}

function asGatewayRefund(refund: Stripe.Refund): GatewayRefund {
  const { amount, currency } = requiredFields('refund', refund, REFUND_FIELDS);
  return {
    gatewayRef: refund.id,
    amount,
    currency,
    reason: refund.reason,
    status: refund.status ?? 'pending',
  };
}

/** Every refund of a charge, oldest first, from Stripe's list (a charge's own list is not sent unless expanded). */
async function listRefunds(context: StripeEventContext, chargeId: string): Promise<GatewayRefund[]> {
  const all: Stripe.Refund[] = [];
  for await (const refund of stripeOf(context).refunds.list({ charge: chargeId, limit: 100 }))
    all.push(refund);
  return all.reverse().map(asGatewayRefund);
}

/** The refunds the charge itself carries when complete, else Stripe's list. */
async function refundsOf(context: StripeEventContext, charge: Stripe.Charge): Promise<GatewayRefund[]> {
  const carried = charge.refunds;
  if (carried && !carried.has_more) return [...carried.data].reverse().map(asGatewayRefund);
  return listRefunds(context, charge.id);
}

/**
 * charge.refunded: refunds of one of our payments made outside Tollgate (Stripe's
 * dashboard) are recorded against it once each, by Stripe's refund id; our own refunds
 * are recognised, never doubled; the total never exceeds the payment (recordGatewayRefunds).
 */
export const onChargeRefunded: StripeEventHandler = async (context, event) => {
  const charge = event.data.object as Stripe.Charge;
  requiredFields('charge', charge, CHARGE_FIELDS);
  const snapshot: ChargeWithRefunds = { charge, refunds: await refundsOf(context, charge) };
  return applyInOrder(context, event, {
    action: `stripe.${event.type}`,
    objectId: charge.id,
    snapshot,
    async fetchCurrent() {
      const current = await stripeOf(context).charges.retrieve(charge.id);
      return { charge: current, refunds: await refundsOf(context, current) };
    },
    async apply(trx, now, { charge: current, refunds }) {
      const { amount, currency } = requiredFields('charge', current, CHARGE_FIELDS);
      const intentId = idOf(current.payment_intent);
      const payment =
        intentId &&
        (await findPaymentOfCharge(trx, context.tenantId, {
          gatewayRef: intentId,
          paymentId: paymentIdOf(current),
          amount,
          currency,
        }));
      if (!payment) return { outcome: 'ignored', changes: [] };
      const changes = await recordGatewayRefunds(trx, { tenantId: context.tenantId, now }, payment, refunds);
      return { outcome: 'applied', changes };
    },
  });
};
