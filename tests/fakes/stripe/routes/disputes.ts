import { invalidRequest, resourceMissing } from '../errors';
import { listPage } from '../list';
import { Params } from '../form';
import type { Charge, Dispute, FakeStripeStore } from '../store';
import type { Route } from './route';
import { DISPUTE_DEFAULTS } from '../stripe-defaults';

/**
 * What Stripe does when a cardholder disputes a charge (on Stripe, charging the test card
 * pm_card_createDispute): a dispute needing a response, and a charge.dispute.created event.
 */
export function openDispute(
  store: FakeStripeStore,
  chargeId: string,
  options: { reason?: string; amount?: number } = {},
): Dispute {
  const charge: Charge | undefined = store.charges.get(chargeId);
  if (!charge || charge.status !== 'succeeded') throw new Error(`no succeeded charge ${chargeId} to dispute`);
  const dispute: Dispute = {
    ...DISPUTE_DEFAULTS,
    id: store.newId('du'),
    object: 'dispute',
    created: store.now(),
    livemode: false,
    amount: options.amount ?? charge.amount,
    currency: charge.currency,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    reason: options.reason ?? 'fraudulent',
    status: 'needs_response',
    metadata: {},
  };
  store.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  store.emitEvent('charge.dispute.created', dispute);
  return dispute;
}

export const disputeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/disputes/:id',
    handle({ store, pathParams }) {
      const dispute = store.disputes.get(pathParams.id ?? '');
      if (!dispute) throw resourceMissing('dispute', pathParams.id ?? '', 'id');
      return dispute;
    },
  },
  {
    // Refunds of a charge or PaymentIntent, newest first: a charge does not carry its refunds unless expanded.
    method: 'GET',
    path: '/v1/refunds',
    handle({ store, form }) {
      const params = new Params(form, [
        'charge',
        'payment_intent',
        'limit',
        'starting_after',
        'ending_before',
        'created',
      ]);
      const charge = params.string('charge');
      const intent = params.string('payment_intent');
      if (charge !== undefined && intent !== undefined) {
        throw invalidRequest('You can only specify one of these parameters: charge, payment_intent.', {
          param: 'payment_intent',
        });
      }
      return listPage(store.refunds.values(), form, {
        url: '/v1/refunds',
        noun: 'refund',
        matches: (refund) =>
          (charge === undefined || refund.charge === charge) &&
          (intent === undefined || refund.payment_intent === intent),
      });
    },
  },
];
