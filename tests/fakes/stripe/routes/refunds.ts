import { formatMoney, money } from '../../../../shared/money';
import { invalidRequest, resourceMissing } from '../errors';
import { Params } from '../form';
import type { Charge, FakeStripeStore, Refund } from '../store';
import { findPaymentIntent } from './payment-intents';
import type { Route } from './route';
import { REFUND_DEFAULTS } from '../stripe-defaults';

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

function findCharge(store: FakeStripeStore, id: string, param: string): Charge {
  const charge = store.charges.get(id);
  if (!charge) throw resourceMissing('charge', id, param);
  return charge;
}

/** The charge a refund is for, named directly or through its PaymentIntent. */
function chargeToRefund(store: FakeStripeStore, params: Params): Charge {
  const chargeId = params.string('charge');
  const intentId = params.string('payment_intent');
  if (chargeId !== undefined && intentId !== undefined) {
    throw invalidRequest('You can only specify one of these parameters: charge, payment_intent.', {
      code: 'parameters_exclusive',
      param: 'payment_intent',
    });
  }
  if (chargeId !== undefined) return findCharge(store, chargeId, 'charge');
  if (intentId === undefined) {
    throw invalidRequest(
      'One of the following params should be provided for this request: payment_intent or charge.',
      {
        code: 'parameter_missing',
      },
    );
  }
  const intent = findPaymentIntent(store, intentId, 'payment_intent');
  if (intent.status !== 'succeeded' || intent.latest_charge === null) {
    throw invalidRequest(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, {
      param: 'payment_intent',
    });
  }
  return findCharge(store, intent.latest_charge, 'payment_intent');
}

const shown = (amount: number, currency: string) => formatMoney(money(amount, currency.toUpperCase()));

export const refundRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/refunds',
    handle({ store, form }) {
      const params = new Params(form, ['charge', 'payment_intent', 'amount', 'reason', 'metadata']);
      const charge = chargeToRefund(store, params);
      const requested = params.integer('amount', { min: 1 });
      const reason = params.oneOf('reason', REASONS) ?? null;
      const metadata = params.metadata();
      if (charge.status !== 'succeeded') {
        throw invalidRequest(`Charge ${charge.id} did not succeed, so it cannot be refunded.`, {
          param: 'charge',
        });
      }
      const left = charge.amount - charge.amount_refunded;
      if (left === 0) {
        throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
          code: 'charge_already_refunded',
        });
      }
      const amount = requested ?? left;
      if (amount > left) {
        throw invalidRequest(
          `Refund amount (${shown(amount, charge.currency)}) is greater than unrefunded amount on charge (${shown(left, charge.currency)})`,
          { param: 'amount' },
        );
      }
      const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      const refund: Refund = {
        ...REFUND_DEFAULTS,
        customer: charge.customer,
        payment_method: charge.payment_method,
        id: store.newId('re'),
        object: 'refund',
        created: store.now(),
        amount,
        currency: charge.currency,
        charge: charge.id,
        payment_intent: charge.payment_intent,
        reason,
        status: 'succeeded',
        metadata,
      };
      store.refunds.set(refund.id, refund);
      store.emitEvent('refund.created', refund);
      store.emitEvent('charge.refunded', charge, { previousAttributes: previous });
      return refund;
    },
  },
  {
    method: 'GET',
    path: '/v1/charges/:id',
    handle: ({ store, pathParams }) => findCharge(store, pathParams.id ?? '', 'id'),
  },
];
