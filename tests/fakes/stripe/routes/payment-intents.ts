import { invalidRequest, resourceMissing } from '../errors';
import { Params } from '../form';
import type { Charge, FakeStripeStore, PaymentIntent, PaymentMethod } from '../store';
import { AUTHENTICATION_REQUIRED, type Decline } from '../test-payment-methods';
import { findCustomer } from './customers';
import { cardError, paymentMethodForCharge } from './payment-methods';
import type { Route } from './route';
import { CHARGE_DEFAULTS, PAYMENT_INTENT_DEFAULTS } from '../stripe-defaults';

const CREATE_PARAMS = [
  'amount',
  'currency',
  'customer',
  'payment_method',
  'confirm',
  'off_session',
  'description',
  'metadata',
  'allowed_payment_method_types',
  'receipt_email',
];

function recordCharge(
  store: FakeStripeStore,
  intent: PaymentIntent,
  method: PaymentMethod,
  decline?: Decline,
): Charge {
  const charge: Charge = {
    ...CHARGE_DEFAULTS,
    id: store.newId('ch'),
    object: 'charge',
    created: store.now(),
    livemode: false,
    amount: intent.amount,
    amount_captured: decline ? 0 : intent.amount,
    amount_refunded: 0,
    currency: intent.currency,
    customer: intent.customer,
    payment_intent: intent.id,
    payment_method: method.id,
    status: decline ? 'failed' : 'succeeded',
    paid: !decline,
    captured: !decline,
    refunded: false,
    disputed: false,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
  };
  store.charges.set(charge.id, charge);
  intent.latest_charge = charge.id;
  return charge;
}

/**
 * A declined confirmation, as Stripe answers it: a failed charge is recorded, the
 * PaymentIntent goes back to requires_payment_method with the error on it, and the
 * response is a 402 card_error naming both.
 */
function decline(
  store: FakeStripeStore,
  intent: PaymentIntent,
  method: PaymentMethod,
  reason: Decline,
): never {
  const charge = recordCharge(store, intent, method, reason);
  intent.status = 'requires_payment_method';
  const error = cardError(reason, { charge: charge.id });
  intent.last_payment_error = { ...error.body, payment_method: method };
  store.emitEvent('charge.failed', charge);
  store.emitEvent('payment_intent.payment_failed', intent);
  throw cardError(reason, { charge: charge.id, payment_intent: intent });
}

function confirm(store: FakeStripeStore, intent: PaymentIntent, offSession: boolean): PaymentIntent {
  const { method, behaviour } = paymentMethodForCharge(
    store,
    intent.payment_method ?? '',
    intent.customer ?? undefined,
  );
  intent.payment_method = method.id;
  switch (behaviour.kind) {
    case 'succeeds': {
      const charge = recordCharge(store, intent, method);
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
      store.emitEvent('charge.succeeded', charge);
      store.emitEvent('payment_intent.succeeded', intent);
      return intent;
    }
    case 'declines':
      return decline(store, intent, method, behaviour.decline);
    case 'requires_authentication':
      // Off session nobody can authenticate, so Stripe declines; on session it waits for the customer.
      if (offSession) return decline(store, intent, method, AUTHENTICATION_REQUIRED);
      intent.status = 'requires_action';
      intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } };
      store.emitEvent('payment_intent.requires_action', intent);
      return intent;
  }
}

export function findPaymentIntent(store: FakeStripeStore, id: string, param: string): PaymentIntent {
  const intent = store.paymentIntents.get(id);
  if (!intent) throw resourceMissing('payment_intent', id, param);
  return intent;
}

export const paymentIntentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/payment_intents',
    handle({ store, form }) {
      const params = new Params(form, CREATE_PARAMS);
      const amount = params.integer('amount', { required: true, min: 1 }) ?? 0;
      const currency = params.requiredString('currency');
      if (!/^[a-zA-Z]{3}$/.test(currency)) {
        throw invalidRequest(`Invalid currency: ${currency}.`, { param: 'currency' });
      }
      const customerId = params.string('customer');
      if (customerId !== undefined) findCustomer(store, customerId, 'customer');
      const confirmNow = params.boolean('confirm') ?? false;
      const offSession = params.boolean('off_session');
      if (offSession !== undefined && !confirmNow) {
        throw invalidRequest('off_session can only be used when confirm is true.', { param: 'off_session' });
      }
      const paymentMethod = params.string('payment_method');
      const id = store.newId('pi');
      const intent: PaymentIntent = {
        ...PAYMENT_INTENT_DEFAULTS,
        id,
        object: 'payment_intent',
        created: store.now(),
        livemode: false,
        amount,
        amount_received: 0,
        currency: currency.toLowerCase(),
        customer: customerId ?? null,
        description: params.string('description') ?? null,
        metadata: params.metadata(),
        payment_method: paymentMethod ?? null,
        client_secret: `${id}_secret_${store.newId('x').slice(2)}`,
        status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
        latest_charge: null,
        last_payment_error: null,
        next_action: null,
      };
      if (!confirmNow) {
        store.paymentIntents.set(id, intent);
        store.emitEvent('payment_intent.created', intent);
        return intent;
      }
      if (!paymentMethod) {
        throw invalidRequest(
          'You cannot confirm this PaymentIntent because it is missing a payment method.',
          {
            code: 'payment_intent_unexpected_state',
            param: 'payment_method',
          },
        );
      }
      store.paymentIntents.set(id, intent);
      store.emitEvent('payment_intent.created', intent);
      return confirm(store, intent, offSession ?? false);
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_intents/:id',
    handle: ({ store, pathParams }) => findPaymentIntent(store, pathParams.id ?? '', 'intent'),
  },
];
